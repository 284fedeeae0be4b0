import "server-only";
import { TRPCError, type inferRouterOutputs } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { getAuth } from "@/lib/server/platform/auth";
import { getDb } from "@/lib/server/platform/db";
import { loadEnv, requestSettingsFrom } from "@/lib/server/platform/env";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { getSessionOperator } from "@/lib/server/identity/session-queries";
import { createCallerFactory, type SessionOperator } from "./init";
import { appRouter, type AppRouter } from "./routers/_app";

const createCaller = createCallerFactory(appRouter);

type ServerApi = ReturnType<typeof createCaller>;

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** One clock reading per request, so every "5 minutes ago" on a page agrees with the data it shows. */
export const getRequestTime = cache(() => new Date());

/** The operator signed in on this request (its session cookie), or null; read once per request. */
export const getSessionOperatorForRequest = cache(async (): Promise<SessionOperator | null> => {
  const [db, auth, requestHeaders] = await Promise.all([getDb(), getAuth(), headers()]);
  return getSessionOperator(db, requestHeaders, { auth });
});

/** The address people reach this server at, as the browser sees it (for commands shown on a page). */
export async function getServerOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const proto = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}

async function requestClientIp(): Promise<string> {
  const requestHeaders = await headers();
  const request = new Request("http://plenum.invalid/", { headers: requestHeaders });
  return clientIpFrom(request, { trustProxy: loadEnv().PLENUM_TRUST_PROXY });
}

/** The tRPC caller for Server Components: the same procedures, validation and errors as over HTTP. */
export const getServerApi = cache(async (): Promise<ServerApi> =>
  createCaller({
    db: await getDb(),
    now: getRequestTime,
    operator: await getSessionOperatorForRequest(),
    clientIp: await requestClientIp(),
    settings: requestSettingsFrom(loadEnv()),
  }),
);

/**
 * Runs `load` with the server caller; `{ ready: false }` when the platform was never bootstrapped
 * (DomainError NOT_READY), so a page can say how to set it up instead of failing.
 */
export async function loadWhenReady<T>(
  load: (api: ServerApi) => Promise<T>,
): Promise<{ ready: true; data: T } | { ready: false }> {
  try {
    return { ready: true, data: await load(await getServerApi()) };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return { ready: false };
    throw error;
  }
}

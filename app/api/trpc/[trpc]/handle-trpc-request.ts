import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Auth } from "@/lib/server/platform/auth";
import type { Db } from "@/lib/server/platform/db";
import type { RequestSettings } from "@/lib/server/platform/env";
import { isDomainError } from "@/lib/domain/errors";
import { errorResponse, retryAfterSecondsOf } from "@/lib/server/http/error-response";
import { createLogger } from "@/lib/server/platform/logger";
import { isCrossSiteRequest } from "@/lib/server/identity/request-origin";
import { getSessionOperator } from "@/lib/server/identity/session-queries";
import { appRouter } from "@/lib/trpc/routers/_app";

const log = createLogger({ fields: { component: "trpc" } });

/**
 * tRPC over HTTP with the session's operator in the context. Mutations (POST) from another site are
 * refused before any procedure runs; queries are GETs and change nothing.
 */
export async function handleTrpcRequest(
  db: Db,
  request: Request,
  {
    auth,
    clientIp,
    settings,
    now = () => new Date(),
  }: { auth: Auth; clientIp: string; settings: RequestSettings; now?: () => Date },
): Promise<Response> {
  const publicUrl = auth.options.baseURL;
  const trustedOrigins = typeof publicUrl === "string" ? [publicUrl] : [];
  if (request.method === "POST" && isCrossSiteRequest(request, { trustedOrigins })) {
    return errorResponse(403, "FORBIDDEN", "This request came from another site. Use Plenum's own pages.");
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => ({
      db,
      now,
      operator: await getSessionOperator(db, request.headers, { auth }),
      clientIp,
      settings,
    }),
    responseMeta({ errors }) {
      const waits = errors
        .map((error) => (isDomainError(error.cause) ? retryAfterSecondsOf(error.cause) : null))
        .filter((wait): wait is number => wait !== null);
      return waits.length > 0 ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log.error("tRPC procedure failed", { path, error: error.cause ?? error });
      }
    },
  });
}

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Auth } from "@/lib/server/platform/auth";
import type { Db } from "@/lib/server/platform/db";
import type { RequestSettings } from "@/lib/server/platform/env";
import { isDomainError } from "@/lib/domain/errors";
import { errorResponse, retryAfterSecondsOf } from "@/lib/server/http/error-response";
import { createLogger } from "@/lib/server/platform/logger";
import { isCrossSiteRequest } from "@/lib/server/identity/request-origin";
import { getSessionOperator } from "@/lib/server/identity/session-queries";
import { batchedCallCount, TRPC_MAX_BATCH_SIZE } from "@/lib/trpc/batch-limit";
import { appRouter } from "@/lib/trpc/routers/_app";

const log = createLogger({ fields: { component: "trpc" } });
const ENDPOINT = "/api/trpc";

/**
 * tRPC over HTTP with the session's operator in the context. Mutations (POST) from another site, and
 * batches of more than TRPC_MAX_BATCH_SIZE calls, are refused before any procedure runs; queries are
 * GETs and change nothing.
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
  const calls = batchedCallCount(new URL(request.url), ENDPOINT);
  if (calls > TRPC_MAX_BATCH_SIZE) {
    return errorResponse(
      400,
      "BAD_INPUT",
      `This request batches ${calls} procedure calls; at most ${TRPC_MAX_BATCH_SIZE} are allowed in one request. Send them in smaller batches.`,
    );
  }
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: request,
    router: appRouter,
    // The same cap, enforced by tRPC itself should a request ever reach it uncounted.
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
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

import { nodeChallengeRequestSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/db";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { errorResponse } from "@/lib/server/http/error-response";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { consumeEnrolmentRateLimit, createNodeChallenge } from "@/lib/server/services/node-enrolment";

export interface EnrolmentRouteOptions {
  now: Date;
  trustProxy: boolean;
}

/** 429 with Retry-After and the protocol error body. */
export function enrolmentRateLimited(retryAfterSeconds: number): Response {
  return errorResponse(
    429,
    "RATE_LIMITED",
    `Too many enrolment requests from your address (at most 30 a minute). Wait ${retryAfterSeconds} seconds, then try again.`,
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** POST /api/v1/nodes/challenge: rate limit per client address, then a fresh single-use challenge. */
export const postChallengeResponse = handleRoute(
  async (db: Db | Promise<Db>, request: Request, { now, trustProxy }: EnrolmentRouteOptions) => {
    const database = await db;
    const decision = await consumeEnrolmentRateLimit(database, {
      endpoint: "challenge",
      clientIp: clientIpFrom(request, { trustProxy }),
      now,
    });
    if (!decision.isAllowed) return enrolmentRateLimited(decision.retryAfterSeconds);
    const { publicKey } = await readJsonBody(request, nodeChallengeRequestSchema);
    const challenge = await createNodeChallenge(database, { publicKey, now });
    return jsonResponse(200, challenge, { "cache-control": "no-store" });
  },
);

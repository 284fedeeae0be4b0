import { DomainError } from "@/lib/domain/errors";
import { nodeChallengeRequestSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { consumeEnrolmentRateLimit, createNodeChallenge } from "@/lib/server/nodes/enrol-node";

export interface EnrolmentRouteOptions {
  now: Date;
  trustProxy: boolean;
}

/** Thrown when an address is over the enrolment limit; handleRoute answers 429 with Retry-After. */
export function enrolmentRateLimited(retryAfterSeconds: number): DomainError {
  return new DomainError(
    "RATE_LIMITED",
    `Too many enrolment requests from your address (at most 30 a minute). Wait ${retryAfterSeconds} seconds, then try again.`,
    { retryAfterSeconds },
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
    if (!decision.isAllowed) throw enrolmentRateLimited(decision.retryAfterSeconds);
    const { publicKey } = await readJsonBody(request, nodeChallengeRequestSchema);
    const challenge = await createNodeChallenge(database, { publicKey, now });
    return jsonResponse(200, challenge, { "cache-control": "no-store" });
  },
);

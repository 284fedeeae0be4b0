import { nodeChallengeRequestSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { createNodeChallenge, enforceEnrolmentRateLimit } from "@/lib/server/nodes/enrol-node";

export interface EnrolmentRouteOptions {
  now: Date;
  trustProxy: boolean;
}

/** POST /api/v1/nodes/challenge: rate limit per client address, then a fresh single-use challenge. */
export const postChallengeResponse = handleRoute(
  async (db: Db | Promise<Db>, request: Request, { now, trustProxy }: EnrolmentRouteOptions) => {
    const database = await db;
    await enforceEnrolmentRateLimit(database, {
      endpoint: "challenge",
      clientIp: clientIpFrom(request, { trustProxy }),
      now,
    });
    const { publicKey } = await readJsonBody(request, nodeChallengeRequestSchema);
    const challenge = await createNodeChallenge(database, { publicKey, now });
    return jsonResponse(200, challenge, { "cache-control": "no-store" });
  },
);

import { nodeRegistrationRequestSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import type { ResolveHost } from "@/lib/server/platform/endpoint-url";
import { enforceEnrolmentRateLimit, registerNode } from "@/lib/server/nodes/enrol-node";
import { type EnrolmentRouteOptions } from "../challenge/post-challenge";

/** POST /api/v1/nodes/register: rate limit per client address, then registerNode (order of checks there). */
export const postRegisterResponse = handleRoute(
  async (
    db: Db | Promise<Db>,
    request: Request,
    options: EnrolmentRouteOptions & { allowPrivateEndpoints: boolean; resolve?: ResolveHost },
  ) => {
    const database = await db;
    await enforceEnrolmentRateLimit(database, {
      endpoint: "register",
      clientIp: clientIpFrom(request, { trustProxy: options.trustProxy }),
      now: options.now,
    });
    const body = await readJsonBody(request, nodeRegistrationRequestSchema);
    const registration = await registerNode(database, {
      request: body,
      now: options.now,
      allowPrivateEndpoints: options.allowPrivateEndpoints,
      resolve: options.resolve,
    });
    return jsonResponse(201, registration, { "cache-control": "no-store" });
  },
);

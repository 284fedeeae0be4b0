import { nodeRequestPath } from "@/lib/domain/node-protocol/request-signing";
import { nodeIdParamSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readBodyBytes } from "@/lib/server/http/read-json-body";
import { recordTelemetry } from "@/lib/server/telemetry/record-telemetry";

/** POST /api/v1/nodes/{nodeId}/telemetry; takes the db, the clock and the proxy setting so tests can pass their own. */
export const postTelemetryResponse = handleRoute(
  async (
    db: Db | Promise<Db>,
    request: Request,
    params: Promise<{ nodeId: string }>,
    now: Date = new Date(),
    trustProxy: boolean = loadEnv().PLENUM_TRUST_PROXY,
  ) => {
    const { nodeId } = nodeIdParamSchema.parse(await params);
    const bodyBytes = await readBodyBytes(request);
    const { nextReportInSeconds } = await recordTelemetry(await db, {
      nodeId,
      headers: request.headers,
      method: request.method,
      path: nodeRequestPath(new URL(request.url)),
      bodyBytes,
      now,
      sourceAddress: clientIpFrom(request, { trustProxy }),
    });
    return jsonResponse(202, { nextReportInSeconds }, { "cache-control": "no-store" });
  },
);

import { nodeRequestPath } from "@/lib/domain/node-protocol/request-signing";
import type { Db } from "@/lib/server/platform/db";
import { loadEnv, publicUrlOf } from "@/lib/server/platform/env";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readBodyBytes } from "@/lib/server/http/read-json-body";
import { castNodeBallot } from "@/lib/server/voting/cast-ballot";

/** POST /api/v1/ballots; takes the db, the clock, the public URL and the proxy setting so tests can pass their own. */
export const postBallotResponse = handleRoute(
  async (
    db: Db | Promise<Db>,
    request: Request,
    now: Date = new Date(),
    publicUrl: string = publicUrlOf(loadEnv()),
    trustProxy: boolean = loadEnv().PLENUM_TRUST_PROXY,
  ) => {
    const bodyBytes = await readBodyBytes(request);
    const receipt = await castNodeBallot(await db, {
      headers: request.headers,
      method: request.method,
      path: nodeRequestPath(new URL(request.url)),
      bodyBytes,
      now,
      publicUrl,
      sourceAddress: clientIpFrom(request, { trustProxy }),
    });
    return jsonResponse(200, receipt, { "cache-control": "no-store" });
  },
);

import { nodeRequestPath } from "@/lib/domain/node-protocol/request-signing";
import type { Db } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { readBodyBytes } from "@/lib/server/http/read-json-body";
import { castNodeBallot } from "@/lib/server/voting/cast-ballot";

/** Where operators reach the web app: PLENUM_PUBLIC_URL, or http://localhost:<PORT> as for sign-in. */
function publicUrlFromEnv(): string {
  const env = loadEnv();
  return env.PLENUM_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/** POST /api/v1/ballots; takes the db, the clock and the public URL so tests can pass their own. */
export const postBallotResponse = handleRoute(
  async (
    db: Db | Promise<Db>,
    request: Request,
    now: Date = new Date(),
    publicUrl: string = publicUrlFromEnv(),
  ) => {
    const bodyBytes = await readBodyBytes(request);
    const receipt = await castNodeBallot(await db, {
      headers: request.headers,
      method: request.method,
      path: nodeRequestPath(new URL(request.url)),
      bodyBytes,
      now,
      publicUrl,
    });
    return jsonResponse(200, receipt, { "cache-control": "no-store" });
  },
);

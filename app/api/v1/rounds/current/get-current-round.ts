import type { Db } from "@/lib/server/platform/db";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { getCurrentRoundForNodes } from "@/lib/server/voting/round-export-queries";

/** The open round changes only when a round opens or closes; a ballot after close gets a clear 422. */
const CURRENT_ROUND_CACHE_CONTROL = "public, max-age=10";

/** GET /api/v1/rounds/current; takes the db and the clock so tests can pass their own. */
export const getCurrentRoundResponse = handleRoute(async (db: Db | Promise<Db>, now: Date = new Date()) => {
  const body = await getCurrentRoundForNodes(await db, { now });
  return jsonResponse(200, body, { "cache-control": CURRENT_ROUND_CACHE_CONTROL });
});

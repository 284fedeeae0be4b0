import type { Db } from "@/lib/server/platform/db";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { getNetworkInfo } from "@/lib/server/platform/ensure-platform";

/** GET /api/v1/network; takes the db (or the promise of it) so tests can pass their own. */
export const getNetworkResponse = handleRoute(async (db: Db | Promise<Db>) =>
  jsonResponse(200, await getNetworkInfo(await db), { "cache-control": "no-store" }),
);

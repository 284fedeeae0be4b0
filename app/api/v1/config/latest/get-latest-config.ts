import type { Db } from "@/lib/server/platform/db";
import { cachedJsonResponse } from "@/lib/server/http/cached-json-response";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getLatestConfigVersion } from "@/lib/server/governance/config-version-queries";

/** "Latest" moves when a version is issued, so caches may keep it only briefly. */
const LATEST_CACHE_CONTROL = "public, max-age=10";

/** GET /api/v1/config/latest; takes the db (or the promise of it) so tests can pass their own. */
export const getLatestConfigResponse = handleRoute(async (db: Db | Promise<Db>, request: Request) => {
  const body = await getLatestConfigVersion(await db);
  return cachedJsonResponse(request, body, { etag: body.sha256, cacheControl: LATEST_CACHE_CONTROL });
});

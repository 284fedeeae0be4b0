import { configVersionParamSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { cachedJsonResponse } from "@/lib/server/http/cached-json-response";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getConfigVersion } from "@/lib/server/governance/config-version-queries";

/** A numbered version never changes once issued. */
const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** GET /api/v1/config/{version}; takes the db (or the promise of it) so tests can pass their own. */
export const getConfigVersionResponse = handleRoute(
  async (db: Db | Promise<Db>, request: Request, params: Promise<{ version: string }>) => {
    const { version } = configVersionParamSchema.parse(await params);
    const body = await getConfigVersion(await db, version);
    return cachedJsonResponse(request, body, { etag: body.sha256, cacheControl: IMMUTABLE_CACHE_CONTROL });
  },
);

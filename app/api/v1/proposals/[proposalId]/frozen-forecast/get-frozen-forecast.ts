import { z } from "zod";
import { proposalIdSchema } from "@/lib/schemas/voting";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { Db } from "@/lib/server/platform/db";
import { cachedJsonResponse } from "@/lib/server/http/cached-json-response";
import { handleRoute } from "@/lib/server/http/handle-route";
import { exportFrozenForecast } from "@/lib/server/network-model/frozen-forecast-queries";

/** A frozen forecast never changes. */
const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

const proposalIdParamSchema = z.object({ proposalId: proposalIdSchema });

/** GET /api/v1/proposals/{proposalId}/frozen-forecast; takes the db (or the promise of it) so tests can pass their own. */
export const getFrozenForecastResponse = handleRoute(
  async (db: Db | Promise<Db>, request: Request, params: Promise<{ proposalId: string }>) => {
    const { proposalId } = proposalIdParamSchema.parse(await params);
    const body = await exportFrozenForecast(await db, { proposalId });
    return cachedJsonResponse(request, body, {
      etag: sha256Hex(JSON.stringify(body)),
      cacheControl: IMMUTABLE_CACHE_CONTROL,
    });
  },
);

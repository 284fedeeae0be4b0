import { z } from "zod";
import { roundBallotsQuerySchema, roundIdSchema } from "@/lib/schemas/voting";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { Db } from "@/lib/server/platform/db";
import { cachedJsonResponse } from "@/lib/server/http/cached-json-response";
import { handleRoute } from "@/lib/server/http/handle-route";
import { exportRoundBallots } from "@/lib/server/voting/round-export-queries";

/** Only closed rounds are exported, and a closed round never changes. */
const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

const roundIdParamSchema = z.object({ roundId: roundIdSchema });

/** GET /api/v1/rounds/{roundId}/ballots[?all=1]; takes the db (or the promise of it) so tests can pass their own. */
export const getRoundBallotsResponse = handleRoute(
  async (db: Db | Promise<Db>, request: Request, params: Promise<{ roundId: string }>) => {
    const { roundId } = roundIdParamSchema.parse(await params);
    const { all } = roundBallotsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const body = await exportRoundBallots(await db, { roundId, all });
    return cachedJsonResponse(request, body, {
      etag: sha256Hex(JSON.stringify(body)),
      cacheControl: IMMUTABLE_CACHE_CONTROL,
    });
  },
);

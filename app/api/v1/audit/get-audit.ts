import { auditQuerySchema } from "@/lib/schemas/voting";
import type { Db } from "@/lib/server/platform/db";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { exportAudit } from "@/lib/server/voting/round-export-queries";

/** GET /api/v1/audit?after=<seq>&limit=<n>; the head moves with every governance change, so nothing is cached. */
export const getAuditResponse = handleRoute(async (db: Db | Promise<Db>, request: Request) => {
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const body = await exportAudit(await db, query);
  return jsonResponse(200, body, { "cache-control": "no-store" });
});

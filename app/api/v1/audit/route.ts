import { getDb } from "@/lib/server/platform/db";
import { getAuditResponse } from "./get-audit";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return getAuditResponse(getDb(), request);
}

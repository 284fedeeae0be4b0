import { getDb } from "@/lib/server/platform/db";
import { getLatestConfigResponse } from "./get-latest-config";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return getLatestConfigResponse(getDb(), request);
}

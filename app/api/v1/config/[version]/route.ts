import { getDb } from "@/lib/server/platform/db";
import { getConfigVersionResponse } from "./get-config-version";

export const dynamic = "force-dynamic";

export function GET(
  request: Request,
  { params }: { params: Promise<{ version: string }> },
): Promise<Response> {
  return getConfigVersionResponse(getDb(), request, params);
}

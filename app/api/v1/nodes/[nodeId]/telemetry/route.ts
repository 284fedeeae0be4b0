import { getDb } from "@/lib/server/platform/db";
import { postTelemetryResponse } from "./post-telemetry";

export const dynamic = "force-dynamic";

export function POST(
  request: Request,
  { params }: { params: Promise<{ nodeId: string }> },
): Promise<Response> {
  return postTelemetryResponse(getDb(), request, params);
}

import { getDb } from "@/lib/server/platform/db";
import { getRoundBallotsResponse } from "./get-round-ballots";

export const dynamic = "force-dynamic";

export function GET(
  request: Request,
  { params }: { params: Promise<{ roundId: string }> },
): Promise<Response> {
  return getRoundBallotsResponse(getDb(), request, params);
}

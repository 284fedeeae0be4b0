import { getDb } from "@/lib/server/platform/db";
import { getFrozenForecastResponse } from "./get-frozen-forecast";

export const dynamic = "force-dynamic";

export function GET(
  request: Request,
  { params }: { params: Promise<{ proposalId: string }> },
): Promise<Response> {
  return getFrozenForecastResponse(getDb(), request, params);
}

import { getDb } from "@/lib/server/platform/db";
import { getCurrentRoundResponse } from "./get-current-round";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return getCurrentRoundResponse(getDb());
}

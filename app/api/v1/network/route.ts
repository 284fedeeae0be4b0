import { getDb } from "@/lib/server/platform/db";
import { getNetworkResponse } from "./get-network";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return getNetworkResponse(getDb());
}

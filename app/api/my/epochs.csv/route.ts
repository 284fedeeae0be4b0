import { getAuth } from "@/lib/server/platform/auth";
import { getDb } from "@/lib/server/platform/db";
import { getEpochsCsvResponse } from "./get-epochs-csv";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const [db, auth] = await Promise.all([getDb(), getAuth()]);
  return getEpochsCsvResponse(db, request, { auth });
}

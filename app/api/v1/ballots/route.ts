import { getDb } from "@/lib/server/platform/db";
import { postBallotResponse } from "./post-ballot";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return postBallotResponse(getDb(), request);
}

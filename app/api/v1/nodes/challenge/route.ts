import { getDb } from "@/lib/server/db";
import { loadEnv } from "@/lib/server/env";
import { postChallengeResponse } from "./post-challenge";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return postChallengeResponse(getDb(), request, {
    now: new Date(),
    trustProxy: loadEnv().PLENUM_TRUST_PROXY,
  });
}

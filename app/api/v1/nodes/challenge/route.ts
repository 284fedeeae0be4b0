import { getDb } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { postChallengeResponse } from "./post-challenge";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return postChallengeResponse(getDb(), request, {
    now: new Date(),
    trustProxy: loadEnv().PLENUM_TRUST_PROXY,
  });
}

import { getDb } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { postRegisterResponse } from "./post-register";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  const env = loadEnv();
  return postRegisterResponse(getDb(), request, {
    now: new Date(),
    trustProxy: env.PLENUM_TRUST_PROXY,
    allowPrivateEndpoints: env.PLENUM_ALLOW_PRIVATE_ENDPOINTS,
  });
}

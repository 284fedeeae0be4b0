import { getAuth } from "@/lib/server/platform/auth";
import { getDb } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleAuthRequest } from "./handle-auth-request";

async function handler(request: Request): Promise<Response> {
  const [db, auth] = await Promise.all([getDb(), getAuth()]);
  const clientIp = clientIpFrom(request, { trustProxy: loadEnv().PLENUM_TRUST_PROXY });
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return handleAuthRequest(db, auth, request, { clientIp, now: new Date(), wait });
}

export { handler as GET, handler as POST };

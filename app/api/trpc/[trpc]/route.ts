import { getAuth } from "@/lib/server/platform/auth";
import { getDb } from "@/lib/server/platform/db";
import { loadEnv, requestSettingsFrom } from "@/lib/server/platform/env";
import { clientIpFrom } from "@/lib/server/http/client-ip";
import { handleTrpcRequest } from "./handle-trpc-request";

async function handler(request: Request): Promise<Response> {
  const [db, auth] = await Promise.all([getDb(), getAuth()]);
  const env = loadEnv();
  const clientIp = clientIpFrom(request, { trustProxy: env.PLENUM_TRUST_PROXY });
  return handleTrpcRequest(db, request, { auth, clientIp, settings: requestSettingsFrom(env) });
}

export { handler as GET, handler as POST };

import { createHmac, randomBytes } from "node:crypto";
import type { DbTransaction } from "@/lib/server/platform/db";

/**
 * The key of the round's opaque cluster ids, created with the first round that needs it. Keyed, not a
 * plain hash: there are only 2²⁴ IPv4 /24s, so a plain hash would give every prefix away.
 */
export async function clusterIdSecret(tx: DbTransaction): Promise<string> {
  await tx.network.updateMany({
    where: { singleton: true, clusterIdSecret: null },
    data: { clusterIdSecret: randomBytes(32).toString("base64url") },
  });
  const network = await tx.network.findUnique({
    where: { singleton: true },
    select: { clusterIdSecret: true },
  });
  if (!network?.clusterIdSecret)
    throw new Error("The platform has no network row yet: run ensurePlatform first.");
  return network.clusterIdSecret;
}

/** HMAC-SHA256(secret, roundId + ":" + prefix), hex, first 16 digits (product.md "Who counts"). */
export function opaqueClusterId(secret: string, roundId: string, prefix: string): string {
  return createHmac("sha256", secret).update(`${roundId}:${prefix}`).digest("hex").slice(0, 16);
}

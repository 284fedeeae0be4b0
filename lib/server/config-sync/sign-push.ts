import { createHmac, type KeyObject } from "node:crypto";
import { signEd25519 } from "@/lib/server/platform/ed25519";

const SECRET_PREFIX = "whsec_";

/**
 * Standard Webhooks headers for a push: `v1` is HMAC-SHA256 with the node's webhook secret (the
 * base64-decoded part after `whsec_`), `v1a` Ed25519 with the platform key, both over `id.timestamp.body`.
 * Given several platform keys (a rotation's overlap), one `v1a,` signature per key, space-separated as
 * Standard Webhooks allows: a node accepts when any signature of a scheme verifies with a key it trusts.
 */
export function signPush({
  webhookId,
  timestampSeconds,
  body,
  webhookSecret,
  platformKey,
}: {
  webhookId: string;
  timestampSeconds: number;
  body: string;
  webhookSecret: string;
  platformKey: KeyObject | string | readonly (KeyObject | string)[];
}): Record<string, string> {
  if (!webhookSecret.startsWith(SECRET_PREFIX)) {
    throw new TypeError(
      "The node's webhook secret does not start with whsec_; re-enrol the node to get a new one.",
    );
  }
  const content = Buffer.from(`${webhookId}.${timestampSeconds}.${body}`, "utf8");
  const secret = Buffer.from(webhookSecret.slice(SECRET_PREFIX.length), "base64");
  const hmac = createHmac("sha256", secret).update(content).digest("base64");
  const keys: readonly (KeyObject | string)[] = Array.isArray(platformKey) ? platformKey : [platformKey];
  if (keys.length === 0) throw new TypeError("A push needs at least one platform key to sign it.");
  const ed25519 = keys.map((key) => `v1a,${signEd25519(key, content).toString("base64")}`);
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": [`v1,${hmac}`, ...ed25519].join(" "),
  };
}

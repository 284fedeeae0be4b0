import { type KeyObject } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { importEd25519PublicKey, verifyEd25519 } from "../../lib/server/platform/ed25519";

/** A platform public key a node trusts. */
export interface TrustedKey {
  keyId: string;
  /** b64url of the 32 raw bytes. */
  publicKey: string;
}

/** The platform as a node pins it at enrolment: its network and the public key(s) that sign. */
export interface PlatformTrust {
  networkId: string;
  keys: TrustedKey[];
}

/** PlatformTrust with the keys imported once. */
export interface PinnedTrust {
  networkId: string;
  keys: Map<string, KeyObject>;
}

export function pinTrust(trust: PlatformTrust): PinnedTrust {
  return {
    networkId: trust.networkId,
    keys: new Map(trust.keys.map(({ keyId, publicKey }) => [keyId, importEd25519PublicKey(publicKey)])),
  };
}

/** `trust` plus more keys (learned from a rotation version), each imported once. */
export function withTrustedKeys(trust: PinnedTrust, keys: readonly TrustedKey[]): PinnedTrust {
  if (keys.every((key) => trust.keys.has(key.keyId))) return trust;
  const merged = new Map(trust.keys);
  for (const { keyId, publicKey } of keys) {
    if (!merged.has(keyId)) merged.set(keyId, importEd25519PublicKey(publicKey));
  }
  return { networkId: trust.networkId, keys: merged };
}

export type PushVerification = { ok: true; webhookId: string } | { ok: false; reason: string };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks a push's transport signatures (Standard Webhooks): `v1` (HMAC with the webhook secret, via the
 * `standardwebhooks` package, which also refuses a timestamp more than 5 minutes off) AND `v1a` (Ed25519
 * with a pinned platform key over `id.timestamp.body`). Both must verify; during a key rotation's
 * overlap the push carries one `v1a,` signature per platform key and any one that verifies with a
 * trusted key will do.
 */
export function verifyPush({
  body,
  headers,
  webhookSecret,
  trust,
}: {
  body: Buffer;
  headers: Headers;
  webhookSecret: string;
  trust: PinnedTrust;
}): PushVerification {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) {
    return { ok: false, reason: "webhook-id, webhook-timestamp and webhook-signature are all required" };
  }
  try {
    new Webhook(webhookSecret).verify(
      body,
      { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signatures },
      { jsonParse: false },
    );
  } catch (error) {
    const detail = error instanceof WebhookVerificationError ? error.message : "bad v1 signature";
    return { ok: false, reason: `v1 (HMAC) check failed: ${detail}` };
  }
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, "utf8"), body]);
  const ed25519 = signatures
    .split(" ")
    .filter((entry) => entry.startsWith("v1a,"))
    .map((entry) => Buffer.from(entry.slice("v1a,".length), "base64"));
  if (ed25519.length === 0) return { ok: false, reason: "no v1a (Ed25519) signature in webhook-signature" };
  const verified = ed25519.some((signature) =>
    [...trust.keys.values()].some((key) => verifyEd25519(key, signed, signature)),
  );
  if (!verified) return { ok: false, reason: "v1a (Ed25519) signature does not match a pinned platform key" };
  return { ok: true, webhookId: id };
}

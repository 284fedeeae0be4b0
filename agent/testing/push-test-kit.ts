/** Signs config versions and pushes the way the platform does, so tests can talk to a node over real HTTP. */
import { createHmac, randomBytes } from "node:crypto";
import { buildConfigEnvelope, type ConfigEnvelope } from "../../lib/domain/config/envelope";
import { defaultParameterValues } from "../../lib/domain/parameters/catalogue";
import { generateEd25519KeyPair, keyIdFor, signEd25519 } from "../../lib/server/platform/ed25519";
import { toBase64Url } from "../../lib/server/platform/encoding";
import { signConfigEnvelope } from "../../lib/server/governance/sign-config-envelope";
import { type ConfigVersionResponse } from "../../lib/schemas/node-protocol";
import { type PlatformTrust } from "../config-endpoint/verify-push";

export interface TestPlatform {
  networkId: string;
  key: { keyId: string; publicKey: string; privateKeyPem: string };
  trust: PlatformTrust;
}

export function createTestPlatform(networkId = "net_test"): TestPlatform {
  const pair = generateEd25519KeyPair();
  const key = { keyId: keyIdFor(pair.publicKey), ...pair };
  return { networkId, key, trust: { networkId, keys: [{ keyId: key.keyId, publicKey: key.publicKey }] } };
}

export function createWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function signVersion(platform: TestPlatform, envelope: ConfigEnvelope): ConfigVersionResponse {
  const signed = signConfigEnvelope(envelope, platform.key);
  return {
    version: envelope.version,
    envelope: toBase64Url(Buffer.from(signed.text, "utf8")),
    signature: signed.signature,
    keyId: signed.keyId,
    sha256: signed.sha256,
  };
}

/** The envelope of the version after `previous` (version 1 when null). */
export function nextEnvelope(
  platform: TestPlatform,
  previous: { version: number; sha256: string } | null,
  activateAt: Date,
): ConfigEnvelope {
  return buildConfigEnvelope(previous, {
    networkId: platform.networkId,
    issuedAt: new Date("2026-11-01T00:00:00Z"),
    activateAt,
    proposals: [],
    params: defaultParameterValues(),
  });
}

/** Versions 1…count chained by prevSha256; `activateAt(version)` says when each one takes effect. */
export function buildVersionChain(
  platform: TestPlatform,
  count: number,
  activateAt: (version: number) => Date,
): ConfigVersionResponse[] {
  const chain: ConfigVersionResponse[] = [];
  for (let version = 1; version <= count; version++) {
    chain.push(signVersion(platform, nextEnvelope(platform, chain.at(-1) ?? null, activateAt(version))));
  }
  return chain;
}

export function bundleBody(networkId: string, bundle: readonly ConfigVersionResponse[]): string {
  return JSON.stringify({ type: "config.bundle", networkId, bundle });
}

/** Standard Webhooks headers with both `v1` (HMAC) and `v1a` (Ed25519) signatures. */
export function signPush({
  nodeId,
  body,
  webhookSecret,
  platform,
  timestampSeconds = Math.floor(Date.now() / 1000),
  id = `cfg_${nodeId}_${(JSON.parse(body) as { bundle?: { version: number }[] }).bundle?.at(-1)?.version ?? 0}`,
}: {
  nodeId: string;
  body: string;
  webhookSecret: string;
  platform: TestPlatform;
  timestampSeconds?: number;
  id?: string;
}): Record<string, string> {
  const content = Buffer.from(`${id}.${timestampSeconds}.${body}`, "utf8");
  const secret = Buffer.from(webhookSecret.slice("whsec_".length), "base64");
  const hmac = createHmac("sha256", secret).update(content).digest("base64");
  const ed25519 = signEd25519(platform.key.privateKeyPem, content).toString("base64");
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": `v1,${hmac} v1a,${ed25519}`,
  };
}

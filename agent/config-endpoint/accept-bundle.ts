import { type KeyObject } from "node:crypto";
import { parseConfigEnvelope } from "../../lib/domain/config/envelope";
import { importEd25519PublicKey, keyIdFor, verifyEd25519 } from "../../lib/server/platform/ed25519";
import { fromBase64Url, sha256Hex } from "../../lib/server/platform/encoding";
import { configBundleSchema } from "../../lib/schemas/node-protocol";
import { type HeldVersion } from "./config-store";
import { type PinnedTrust, type TrustedKey } from "./verify-push";

/** Furthest a node that holds a config lets one push move it forward. */
export const MAX_FAST_FORWARD = 1024;

export type NackCode = "WRONG_NETWORK" | "BAD_BUNDLE" | "BAD_SIGNATURE" | "CHAIN_MISMATCH" | "FAST_FORWARD";

export type BundleDecision =
  /** `learnedKeys`: platform keys announced (nextPlatformKey) by versions signed with a trusted key. */
  | { kind: "accept"; versions: HeldVersion[]; learnedKeys: TrustedKey[] }
  | { kind: "stale"; currentVersion: number }
  | { kind: "gap"; currentVersion: number }
  | { kind: "nack"; currentVersion: number; code: NackCode; message: string };

/**
 * The node-side rules for a pushed bundle whose transport signatures already verified, in the order of
 * the sync contract: body shape and network → envelope signatures → ascending, contiguous, versions and
 * hashes matching the bytes → rollback (STALE) → missing predecessors that should already be active (GAP)
 * → chain to what the node holds → fast-forward limit → accept every version above the held one. A
 * fresh node (holding nothing) accepts any valid bundle. A version that carries `nextPlatformKey` and
 * verifies with a trusted key makes that key trusted for the versions after it (a key rotation).
 */
export function acceptBundle({
  body,
  trust,
  held,
  now,
}: {
  body: string;
  trust: PinnedTrust;
  /** Held versions, ascending. */
  held: readonly HeldVersion[];
  now: Date;
}): BundleDecision {
  const heldVersion = held.at(-1)?.version ?? 0;
  const nack = (code: NackCode, message: string): BundleDecision => ({
    kind: "nack",
    currentVersion: heldVersion,
    code,
    message,
  });

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return nack("BAD_BUNDLE", "the push body is not JSON");
  }
  const parsed = configBundleSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "body").join(", ");
    return nack(
      "BAD_BUNDLE",
      `the push body is not a config.bundle (bad fields: ${fields}); send { type: "config.bundle", networkId, bundle: [config versions] }`,
    );
  }
  const { networkId, bundle } = parsed.data;
  if (networkId !== trust.networkId) {
    return nack("WRONG_NETWORK", `this node belongs to network ${trust.networkId}, not ${networkId}`);
  }

  const received: HeldVersion[] = [];
  const keys = new Map(trust.keys);
  const learnedKeys: TrustedKey[] = [];
  for (const item of bundle) {
    const key = keys.get(item.keyId);
    if (!key) {
      return nack(
        "BAD_SIGNATURE",
        `version ${item.version} is signed with key ${item.keyId}, which this node does not trust`,
      );
    }
    let bytes: Buffer;
    let signature: Buffer;
    try {
      bytes = fromBase64Url(item.envelope);
      signature = fromBase64Url(item.signature);
    } catch {
      return nack(
        "BAD_BUNDLE",
        `version ${item.version}: envelope and signature must be base64url without padding`,
      );
    }
    if (!verifyEd25519(key, bytes, signature)) {
      return nack(
        "BAD_SIGNATURE",
        `the signature of version ${item.version} does not match its envelope bytes`,
      );
    }
    let envelope;
    try {
      envelope = parseConfigEnvelope(bytes.toString("utf8"));
    } catch (error) {
      return nack("BAD_BUNDLE", `version ${item.version}: ${(error as Error).message}`);
    }
    if (envelope.networkId !== trust.networkId) {
      return nack(
        "WRONG_NETWORK",
        `version ${item.version} is a config of network ${envelope.networkId}, not ${trust.networkId}`,
      );
    }
    if (envelope.version !== item.version) {
      return nack(
        "BAD_BUNDLE",
        `the envelope says version ${envelope.version}, the bundle says ${item.version}`,
      );
    }
    if (sha256Hex(bytes) !== item.sha256) {
      return nack("BAD_BUNDLE", `the sha256 of version ${item.version} does not match its envelope bytes`);
    }
    const announced = envelope.nextPlatformKey;
    if (announced) {
      const imported = importAnnouncedKey(announced);
      if (typeof imported === "string") {
        return nack("BAD_BUNDLE", `version ${item.version} announces an unusable platform key: ${imported}`);
      }
      if (!keys.has(announced.keyId)) {
        keys.set(announced.keyId, imported);
        learnedKeys.push({ keyId: announced.keyId, publicKey: announced.publicKey });
      }
    }
    const previous = received.at(-1);
    if (previous && item.version !== previous.version + 1) {
      return nack(
        "BAD_BUNDLE",
        `the bundle must hold ascending, contiguous versions; ${item.version} follows ${previous.version}`,
      );
    }
    received.push({
      version: item.version,
      envelope: item.envelope,
      signature: item.signature,
      keyId: item.keyId,
      sha256: item.sha256,
      prevSha256: envelope.prevSha256,
      activateAt: envelope.activateAt,
    });
  }

  const first = received[0]!;
  const highest = received.at(-1)!;
  if (highest.version <= heldVersion) return { kind: "stale", currentVersion: heldVersion };
  const skipsActiveVersion =
    first.version > heldVersion + 1 && new Date(first.activateAt).getTime() > now.getTime();
  // A fresh node holds nothing to keep consistent with: it takes any bundle.
  if (heldVersion > 0 && skipsActiveVersion) {
    return { kind: "gap", currentVersion: heldVersion };
  }

  const known = new Map(held.map((version) => [version.version, version]));
  for (const [index, version] of received.entries()) {
    const same = known.get(version.version);
    if (same && same.sha256 !== version.sha256) {
      return nack(
        "CHAIN_MISMATCH",
        `version ${version.version} differs from the version ${version.version} this node holds`,
      );
    }
    const predecessor = index > 0 ? received[index - 1] : known.get(version.version - 1);
    if (predecessor && version.prevSha256 !== predecessor.sha256) {
      return nack(
        "CHAIN_MISMATCH",
        `version ${version.version} does not chain to version ${predecessor.version} (its prevSha256 is not that version's sha256)`,
      );
    }
  }
  if (heldVersion > 0 && highest.version > heldVersion + MAX_FAST_FORWARD) {
    return nack(
      "FAST_FORWARD",
      `version ${highest.version} is more than ${MAX_FAST_FORWARD} versions ahead of the held version ${heldVersion}`,
    );
  }
  return {
    kind: "accept",
    versions: received.filter((version) => version.version > heldVersion),
    learnedKeys,
  };
}

/** The announced key, imported; or why it cannot be used (its id must be keyIdFor(publicKey)). */
function importAnnouncedKey(announced: TrustedKey): KeyObject | string {
  try {
    if (keyIdFor(announced.publicKey) !== announced.keyId) {
      return `its keyId ${announced.keyId} is not the id of its public key (${keyIdFor(announced.publicKey)})`;
    }
    return importEd25519PublicKey(announced.publicKey);
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The platform keys a push body announces through versions that verify with `trust` (following a chain
 * of rotations inside the bundle), so a node that slept through a rotation's overlap can still check
 * the push's `v1a` signature, made only with the new key. Anything malformed simply announces nothing:
 * acceptBundle then answers for the body.
 */
export function announcedPlatformKeys(body: string, trust: PinnedTrust): TrustedKey[] {
  let parsed;
  try {
    parsed = configBundleSchema.safeParse(JSON.parse(body));
  } catch {
    return [];
  }
  if (!parsed.success || parsed.data.networkId !== trust.networkId) return [];
  const keys = new Map(trust.keys);
  const learned: TrustedKey[] = [];
  for (const item of parsed.data.bundle) {
    const key = keys.get(item.keyId);
    if (!key) break;
    try {
      const bytes = fromBase64Url(item.envelope);
      if (!verifyEd25519(key, bytes, fromBase64Url(item.signature))) break;
      const envelope = parseConfigEnvelope(bytes.toString("utf8"));
      const announced = envelope.nextPlatformKey;
      if (envelope.networkId !== trust.networkId || !announced || keys.has(announced.keyId)) continue;
      const imported = importAnnouncedKey(announced);
      if (typeof imported === "string") break;
      keys.set(announced.keyId, imported);
      learned.push({ keyId: announced.keyId, publicKey: announced.publicKey });
    } catch {
      break;
    }
  }
  return learned;
}

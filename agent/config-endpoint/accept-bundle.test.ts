import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "../../lib/server/platform/encoding";
import { type ConfigVersionResponse } from "../../lib/schemas/node-protocol";
import { acceptBundle, announcedPlatformKeys, type BundleDecision } from "./accept-bundle";
import { type HeldVersion } from "./config-store";
import {
  bundleBody,
  buildVersionChain,
  createTestPlatform,
  nextEnvelope,
  signVersion,
} from "../testing/push-test-kit";
import { pinTrust } from "./verify-push";

const NOW = new Date("2026-11-25T12:00:00Z");
const PAST = new Date("2026-11-20T00:00:00Z");
const FUTURE = new Date("2026-12-01T00:00:00Z");

const platform = createTestPlatform("net_a");
const trust = pinTrust(platform.trust);
/** Versions 1–6: 1–4 already in force, 5 and 6 scheduled. */
const chain = buildVersionChain(platform, 6, (version) => (version <= 4 ? PAST : FUTURE));
const v = (version: number) => chain[version - 1]!;

const otherPlatform = createTestPlatform("net_a");
/** A different history of the same network: same version numbers, other hashes. */
const forked = buildVersionChain(platform, 3, () => new Date("2026-11-21T00:00:00Z"));
/** Signed with the trusted key, for another network. */
const otherNetwork = buildVersionChain({ ...platform, networkId: "net_b" }, 1, () => PAST);

function holding(versions: ConfigVersionResponse[]): HeldVersion[] {
  if (versions.length === 0) return [];
  const decision = acceptBundle({ body: bundleBody("net_a", versions), trust, held: [], now: NOW });
  if (decision.kind !== "accept") throw new Error(`setup bundle refused: ${JSON.stringify(decision)}`);
  return decision.versions;
}

function flipByte(version: ConfigVersionResponse): ConfigVersionResponse {
  const bytes = Buffer.from(fromBase64Url(version.envelope));
  bytes[40] = bytes[40]! ^ 0x01;
  return { ...version, envelope: toBase64Url(bytes) };
}

const far = signVersion(platform, nextEnvelope(platform, { version: 1025, sha256: v(1).sha256 }, PAST));
const justInRange = signVersion(
  platform,
  nextEnvelope(platform, { version: 1024, sha256: v(1).sha256 }, PAST),
);

type Expected =
  | { kind: "accept"; versions: number[] }
  | Exclude<BundleDecision, { kind: "accept" } | { kind: "nack" }>
  | { kind: "nack"; currentVersion: number; code: string };

const cases: { name: string; held: ConfigVersionResponse[]; body: string; expected: Expected }[] = [
  {
    name: "a fresh node accepts any contiguous bundle",
    held: [],
    body: bundleBody("net_a", [v(3), v(4), v(5)]),
    expected: { kind: "accept", versions: [3, 4, 5] },
  },
  {
    name: "contiguous catch-up stores every version above the held one",
    held: [v(1), v(2)],
    body: bundleBody("net_a", [v(3), v(4), v(5), v(6)]),
    expected: { kind: "accept", versions: [3, 4, 5, 6] },
  },
  {
    name: "an overlapping bundle stores only what is new",
    held: [v(1), v(2), v(3)],
    body: bundleBody("net_a", [v(2), v(3), v(4)]),
    expected: { kind: "accept", versions: [4] },
  },
  {
    name: "a jump is fine when its first version is already in force",
    held: [v(1)],
    body: bundleBody("net_a", [v(4), v(5), v(6)]),
    expected: { kind: "accept", versions: [4, 5, 6] },
  },
  {
    name: "a flipped byte in an envelope breaks its signature",
    held: [v(1)],
    body: bundleBody("net_a", [v(2), flipByte(v(3))]),
    expected: { kind: "nack", currentVersion: 1, code: "BAD_SIGNATURE" },
  },
  {
    name: "an envelope signed by an unknown key",
    held: [],
    body: bundleBody("net_a", [{ ...v(1), keyId: "pk_unknown" }]),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_SIGNATURE" },
  },
  {
    name: "an envelope signed by another key under a trusted keyId",
    held: [],
    body: bundleBody(
      "net_a",
      buildVersionChain(otherPlatform, 1, () => PAST).map((x) => ({ ...x, keyId: platform.key.keyId })),
    ),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_SIGNATURE" },
  },
  {
    name: "a replayed old envelope is a rollback: STALE",
    held: [v(1), v(2), v(3)],
    body: bundleBody("net_a", [v(2)]),
    expected: { kind: "stale", currentVersion: 3 },
  },
  {
    name: "the held version again is STALE",
    held: [v(1), v(2), v(3)],
    body: bundleBody("net_a", [v(3)]),
    expected: { kind: "stale", currentVersion: 3 },
  },
  {
    name: "another network in the body",
    held: [],
    body: bundleBody("net_b", [v(1)]),
    expected: { kind: "nack", currentVersion: 0, code: "WRONG_NETWORK" },
  },
  {
    name: "another network in a trusted, signed envelope",
    held: [],
    body: bundleBody("net_a", otherNetwork),
    expected: { kind: "nack", currentVersion: 0, code: "WRONG_NETWORK" },
  },
  {
    name: "a prevSha256 that does not match the held predecessor",
    held: [v(1), v(2), v(3)],
    body: bundleBody("net_a", [
      signVersion(platform, nextEnvelope(platform, { version: 3, sha256: forked[2]!.sha256 }, PAST)),
    ]),
    expected: { kind: "nack", currentVersion: 3, code: "CHAIN_MISMATCH" },
  },
  {
    name: "a held version number with other bytes",
    held: [v(1), v(2)],
    body: bundleBody("net_a", [forked[1]!, forked[2]!]),
    expected: { kind: "nack", currentVersion: 2, code: "CHAIN_MISMATCH" },
  },
  {
    name: "versions inside a bundle that do not chain",
    held: [],
    body: bundleBody("net_a", [v(1), forked[1]!]),
    expected: { kind: "nack", currentVersion: 0, code: "CHAIN_MISMATCH" },
  },
  {
    name: "more than 1024 versions ahead is a fast-forward",
    held: [v(1)],
    body: bundleBody("net_a", [far]),
    expected: { kind: "nack", currentVersion: 1, code: "FAST_FORWARD" },
  },
  {
    name: "exactly 1024 versions ahead is allowed",
    held: [v(1)],
    body: bundleBody("net_a", [justInRange]),
    expected: { kind: "accept", versions: [1025] },
  },
  {
    name: "a fresh node has no fast-forward limit",
    held: [],
    body: bundleBody("net_a", [far]),
    expected: { kind: "accept", versions: [1026] },
  },
  {
    name: "a fresh node takes even a bundle of scheduled versions",
    held: [],
    body: bundleBody("net_a", [v(5), v(6)]),
    expected: { kind: "accept", versions: [5, 6] },
  },
  {
    name: "missing predecessors of a scheduled version: GAP",
    held: [v(1), v(2)],
    body: bundleBody("net_a", [v(5), v(6)]),
    expected: { kind: "gap", currentVersion: 2 },
  },
  {
    name: "a bundle that is not ascending",
    held: [],
    body: bundleBody("net_a", [v(2), v(1)]),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_BUNDLE" },
  },
  {
    name: "a bundle with a hole",
    held: [],
    body: bundleBody("net_a", [v(1), v(3)]),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_BUNDLE" },
  },
  {
    name: "a version number that is not the envelope's",
    held: [],
    body: bundleBody("net_a", [{ ...v(2), version: 3 }]),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_BUNDLE" },
  },
  {
    name: "a sha256 that is not the envelope's",
    held: [],
    body: bundleBody("net_a", [{ ...v(2), sha256: v(3).sha256 }]),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_BUNDLE" },
  },
  {
    name: "an empty bundle",
    held: [v(1)],
    body: bundleBody("net_a", []),
    expected: { kind: "nack", currentVersion: 1, code: "BAD_BUNDLE" },
  },
  {
    name: "a body that is not JSON",
    held: [],
    body: "{ not json",
    expected: { kind: "nack", currentVersion: 0, code: "BAD_BUNDLE" },
  },
  {
    name: "a body of another type",
    held: [],
    body: JSON.stringify({ type: "other", networkId: "net_a", bundle: [v(1)] }),
    expected: { kind: "nack", currentVersion: 0, code: "BAD_BUNDLE" },
  },
];

describe("acceptBundle", () => {
  it.each(cases)("$name", ({ held, body, expected }) => {
    const decision = acceptBundle({ body, trust, held: holding(held), now: NOW });
    if (decision.kind === "accept") {
      expect({ kind: decision.kind, versions: decision.versions.map((x) => x.version) }).toEqual(expected);
    } else if (decision.kind === "nack") {
      expect(decision.message.length).toBeGreaterThan(10);
      expect({ kind: decision.kind, currentVersion: decision.currentVersion, code: decision.code }).toEqual(
        expected,
      );
    } else {
      expect(decision).toEqual(expected);
    }
  });

  it("keeps the envelope bytes, signature and activation time exactly as received", () => {
    const decision = acceptBundle({ body: bundleBody("net_a", [v(5)]), trust, held: [], now: NOW });
    expect(decision).toEqual({
      kind: "accept",
      versions: [
        {
          version: 5,
          envelope: v(5).envelope,
          signature: v(5).signature,
          keyId: platform.key.keyId,
          sha256: v(5).sha256,
          prevSha256: v(4).sha256,
          activateAt: FUTURE.toISOString(),
        },
      ],
      learnedKeys: [],
    });
  });

  it("trusts every pinned key (rotation overlap)", () => {
    const both = pinTrust({
      networkId: "net_a",
      keys: [...platform.trust.keys, ...otherPlatform.trust.keys],
    });
    const signedByOther = buildVersionChain(otherPlatform, 1, () => PAST);
    const decision = acceptBundle({
      body: bundleBody("net_a", signedByOther),
      trust: both,
      held: [],
      now: NOW,
    });
    expect(decision.kind).toBe("accept");
  });
});

describe("a platform key rotation inside a bundle", () => {
  const next = createTestPlatform("net_a");
  const nextKey = { keyId: next.key.keyId, publicKey: next.key.publicKey };
  /** Version 7, signed by the trusted key, announcing `next`; version 8 signed by `next` only. */
  const rotation = signVersion(platform, { ...nextEnvelope(platform, v(6), PAST), nextPlatformKey: nextKey });
  const afterRotation = signVersion(next, nextEnvelope(next, rotation, PAST));
  const held = () => holding(chain);

  it("learns the announced key and accepts the versions it signs", () => {
    const decision = acceptBundle({
      body: bundleBody("net_a", [rotation, afterRotation]),
      trust,
      held: held(),
      now: NOW,
    });
    expect(decision).toMatchObject({ kind: "accept", learnedKeys: [nextKey] });
    expect(decision.kind === "accept" && decision.versions.map((version) => version.version)).toEqual([7, 8]);
  });

  it("refuses a version signed by the new key when no trusted version announced it", () => {
    const decision = acceptBundle({ body: bundleBody("net_a", [afterRotation]), trust, held: [], now: NOW });
    expect(decision).toMatchObject({ kind: "nack", code: "BAD_SIGNATURE" });
  });

  it("refuses an announcement whose keyId is not the id of its public key", () => {
    const lying = signVersion(platform, {
      ...nextEnvelope(platform, v(6), PAST),
      nextPlatformKey: { keyId: platform.key.keyId, publicKey: next.key.publicKey },
    });
    const decision = acceptBundle({ body: bundleBody("net_a", [lying]), trust, held: held(), now: NOW });
    expect(decision).toMatchObject({ kind: "nack", code: "BAD_BUNDLE" });
  });

  it("refuses an announced small-order key", () => {
    const identity = Buffer.from("01".padEnd(64, "0"), "hex").toString("base64url");
    const weak = signVersion(platform, {
      ...nextEnvelope(platform, v(6), PAST),
      nextPlatformKey: { keyId: "pk_" + "0".repeat(16), publicKey: identity },
    });
    const decision = acceptBundle({ body: bundleBody("net_a", [weak]), trust, held: held(), now: NOW });
    expect(decision).toMatchObject({ kind: "nack", code: "BAD_BUNDLE" });
  });

  it("announcedPlatformKeys follows only announcements signed by a trusted key", () => {
    expect(announcedPlatformKeys(bundleBody("net_a", [rotation, afterRotation]), trust)).toEqual([nextKey]);
    const forgedRotation = signVersion(otherPlatform, {
      ...nextEnvelope(otherPlatform, v(6), PAST),
      nextPlatformKey: nextKey,
    });
    expect(announcedPlatformKeys(bundleBody("net_a", [forgedRotation]), trust)).toEqual([]);
    expect(announcedPlatformKeys("not json", trust)).toEqual([]);
  });
});

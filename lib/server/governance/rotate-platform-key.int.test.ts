import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, signPush as signTestPush, signVersion } from "@/agent/testing/push-test-kit";
import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { type ConfigVersionResponse } from "@/lib/schemas/node-protocol";
import { signPush } from "@/lib/server/config-sync/sign-push";
import { loadPlatformSnapshot } from "@/lib/server/config-sync/platform-snapshot";
import { getConfigVersion } from "@/lib/server/governance/config-version-queries";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { verifyEd25519 } from "@/lib/server/platform/ed25519";
import { fromBase64Url } from "@/lib/server/platform/encoding";
import { ensurePlatform, getNetworkInfo, getSigningKey } from "@/lib/server/platform/ensure-platform";
import { configurePlatformKeys } from "@/lib/server/platform/platform-key-store";
import { startSyncBench, type SyncBench } from "@/lib/server/testing/sync-test-kit";
import { rotatePlatformKey, type PlatformKeyRotation } from "./rotate-platform-key";

const DAY = 24 * 60 * 60 * 1000;
const OVERLAP_DAYS = 14;

let bench: SyncBench;
let oldKey: { keyId: string; publicKey: string };
let rotation: PlatformKeyRotation;
/** Version 2 (the rotation, signed by the old key) and 3 (signed by the new key). */
let rotationVersion: ConfigVersionResponse;
let nextVersion: ConfigVersionResponse;

const envelopeOf = (version: ConfigVersionResponse) =>
  parseConfigEnvelope(fromBase64Url(version.envelope).toString("utf8"));
const verifiesWith = (publicKey: string, version: ConfigVersionResponse) =>
  verifyEd25519(publicKey, fromBase64Url(version.envelope), fromBase64Url(version.signature));

/** The `v1a,` signatures a push signed now would carry, with the public keys that verify each. */
async function pushSigners(): Promise<string[][]> {
  const now = bench.clock.now();
  const snapshot = await loadPlatformSnapshot(bench.database.db, now);
  const headers = signPush({
    webhookId: "cfg_node_x_3",
    timestampSeconds: Math.floor(now.getTime() / 1000),
    body: "{}",
    webhookSecret: `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`,
    platformKey: snapshot.platformKeys,
  });
  const content = Buffer.from(`cfg_node_x_3.${Math.floor(now.getTime() / 1000)}.{}`);
  return headers["webhook-signature"]!.split(" ")
    .filter((part) => part.startsWith("v1a,"))
    .map((part) => Buffer.from(part.slice(4), "base64"))
    .map((signature) =>
      [oldKey.publicKey, rotation.publicKey].filter((publicKey) =>
        verifyEd25519(publicKey, content, signature),
      ),
    );
}

beforeAll(async () => {
  configurePlatformKeys({ kind: "database" });
  bench = await startSyncBench({ nodeCount: 2 });
  // Both nodes were enrolled (their trust pinned from GET /api/v1/network) before the rotation.
  expect(await bench.pass()).toMatchObject({ acknowledged: 2 });
  const network = await getNetworkInfo(bench.database.db);
  oldKey = { keyId: network.keyId, publicKey: network.platformPublicKey };
});
afterAll(async () => {
  await bench?.close();
  configurePlatformKeys(undefined);
});

describe("rotating the platform key on a real database", () => {
  it("issues version 2 signed by the old key, carrying the new key, and retires the old key for the overlap", async () => {
    const { db } = bench.database;
    const now = bench.clock.now();
    rotation = await rotatePlatformKey(db, { now, overlapDays: OVERLAP_DAYS });
    expect(rotation).toMatchObject({ retiredKeyId: oldKey.keyId, version: 2 });
    expect(rotation.validUntil.toISOString()).toBe(
      new Date(now.getTime() + OVERLAP_DAYS * DAY).toISOString(),
    );

    rotationVersion = await getConfigVersion(db, 2);
    expect(rotationVersion.keyId).toBe(oldKey.keyId);
    expect(verifiesWith(oldKey.publicKey, rotationVersion)).toBe(true);
    expect(verifiesWith(rotation.publicKey, rotationVersion)).toBe(false);
    const envelope = envelopeOf(rotationVersion);
    expect(envelope.nextPlatformKey).toEqual({ keyId: rotation.keyId, publicKey: rotation.publicKey });
    const first = await getConfigVersion(db, 1);
    expect(envelope).toMatchObject({
      prevSha256: first.sha256,
      proposals: [],
      activateAt: now.toISOString(),
    });
    expect(envelope.params).toEqual(envelopeOf(first).params);

    const keys = await db.platformKey.findMany({ orderBy: { createdAt: "asc" } });
    expect(
      keys.map((key) => [
        key.keyId,
        key.retiredAt?.toISOString() ?? null,
        key.validUntil?.toISOString() ?? null,
      ]),
    ).toEqual([
      [oldKey.keyId, now.toISOString(), rotation.validUntil.toISOString()],
      [rotation.keyId, null, null],
    ]);
    expect(await getNetworkInfo(db)).toMatchObject({
      keyId: rotation.keyId,
      platformPublicKey: rotation.publicKey,
      latestVersion: 2,
    });
  });

  it("keeps the governance chain valid and records the rotation in it", async () => {
    const { db } = bench.database;
    expect((await verifyGovernanceChain(db)).brokenAt).toBeNull();
    const events = await db.governanceEvent.findMany({
      orderBy: { seq: "asc" },
      select: { type: true, data: true },
    });
    expect(events.map((event) => event.type)).toEqual(["config.version-created", "platform-key.rotated"]);
    expect(JSON.parse(events[1]!.data)).toMatchObject({
      keyId: rotation.keyId,
      retiredKeyId: oldKey.keyId,
      announcedIn: 2,
    });
  });

  it("signs the next version with the new key only", async () => {
    expect(await bench.issueVersion(0)).toBe(3);
    nextVersion = await getConfigVersion(bench.database.db, 3);
    expect(nextVersion.keyId).toBe(rotation.keyId);
    expect(verifiesWith(rotation.publicKey, nextVersion)).toBe(true);
    expect(verifiesWith(oldKey.publicKey, nextVersion)).toBe(false);
    expect(envelopeOf(nextVersion).prevSha256).toBe(rotationVersion.sha256);
    expect(envelopeOf(nextVersion).nextPlatformKey).toBeUndefined();
  });

  it("signs pushes with both keys during the overlap", async () => {
    expect(await pushSigners()).toEqual([[rotation.publicKey], [oldKey.publicKey]]);
  });

  it("a node enrolled before the rotation accepts the rotation bundle over real HTTP, then a version signed only by the new key", async () => {
    const [awake, asleep] = bench.nodeIds as [string, string];
    bench.nodes.setFault(asleep, { kind: "down", untilMs: Number.MAX_SAFE_INTEGER });
    await bench.pass();
    expect(await bench.sync(awake)).toMatchObject({ status: "Synced", acknowledgedVersion: 3 });
    expect(bench.nodes.held(awake)).toMatchObject({ stagedVersion: 3, sha256: nextVersion.sha256 });
  });

  it("after the overlap signs pushes with the new key alone and removes the old private key at the next start", async () => {
    const { db } = bench.database;
    expect(
      (await db.platformKey.findUniqueOrThrow({ where: { keyId: oldKey.keyId } })).privateKeyPem,
    ).not.toBeNull();
    bench.clock.advance(OVERLAP_DAYS * DAY + 1000);
    expect(await pushSigners()).toEqual([[rotation.publicKey]]);

    await ensurePlatform(db, { networkName: "Sync bench", now: bench.clock.now() });
    expect(
      (await db.platformKey.findUniqueOrThrow({ where: { keyId: oldKey.keyId } })).privateKeyPem,
    ).toBeNull();
    expect((await getSigningKey(db)).keyId).toBe(rotation.keyId);
  });

  it("the node keeps accepting versions signed by the new key after the overlap", async () => {
    const [awake] = bench.nodeIds as [string, string];
    expect(await bench.issueVersion(0)).toBe(4);
    await bench.pass();
    expect(await bench.sync(awake)).toMatchObject({ status: "Synced", acknowledgedVersion: 4 });
  });

  it("a node that slept through the whole overlap learns the new key from the bundle and catches up", async () => {
    const [, asleep] = bench.nodeIds as [string, string];
    bench.nodes.setFault(asleep, null);
    const { nextAttemptAt } = await bench.sync(asleep);
    if (nextAttemptAt > bench.clock.now()) bench.clock.set(nextAttemptAt);
    await bench.pass();
    expect(await bench.sync(asleep)).toMatchObject({ status: "Synced", acknowledgedVersion: 4 });
  });

  it("still refuses a version signed by a key no trusted version announced", async () => {
    const [awake] = bench.nodeIds as [string, string];
    const { db } = bench.database;
    const network = await getNetworkInfo(db);
    const latest = await getConfigVersion(db, 4);
    const stranger = createTestPlatform(network.networkId);
    const forged = signVersion(stranger, {
      ...envelopeOf(latest),
      version: 5,
      prevSha256: latest.sha256,
    });
    const node = await db.node.findUniqueOrThrow({ where: { id: awake }, select: { webhookSecret: true } });
    const body = JSON.stringify({ type: "config.bundle", networkId: network.networkId, bundle: [forged] });
    const signing = await getSigningKey(db);
    const send = (platformKey: { keyId: string; publicKey: string; privateKeyPem: string }) =>
      fetch(bench.nodes.urlFor(awake), {
        method: "POST",
        body,
        headers: signTestPush({
          nodeId: awake,
          body,
          webhookSecret: node.webhookSecret!,
          platform: { ...stranger, key: platformKey },
        }),
      });

    // Transport signed by the real (new) key, envelope by the stranger: NACK, the node keeps version 4.
    const refused = await send(signing);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      status: "NACK",
      currentVersion: 4,
      error: { code: "BAD_SIGNATURE" },
    });
    // Transport signed by the stranger too: 401.
    expect((await send(stranger.key)).status).toBe(401);
    expect(bench.nodes.held(awake)).toMatchObject({ stagedVersion: 4 });
  });
});

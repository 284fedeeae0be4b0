import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { rotatePlatformKey } from "@/lib/server/governance/rotate-platform-key";
import { verifyEd25519 } from "./ed25519";
import { fromBase64Url, utf8Bytes } from "./encoding";
import { ensurePlatform, getNetworkInfo, getSigningKey } from "./ensure-platform";
import { parsePlatformKeyPems, PlatformKeyError } from "./platform-key-file";
import { configurePlatformKeys, type PlatformKeySetting } from "./platform-key-store";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const folder = mkdtempSync(path.join(tmpdir(), "plenum-platform-key-"));
let database: TestDatabase;
let counter = 0;

const modeOf = (file: string) => statSync(file).mode & 0o777;
const keysIn = (file: string) =>
  parsePlatformKeyPems(readFileSync(file, "utf8"), file).map((key) => key.publicKey);
const newKeyFile = () => path.join(folder, `key-${++counter}`, "platform-key.pem");
const fileSetting = (file: string): PlatformKeySetting => ({ kind: "file", path: file });
const start = (keys: PlatformKeySetting, now = NOW) =>
  ensurePlatform(database.db, { networkName: "Keys", now, keys });
const privateKeysInDatabase = async () =>
  (await database.db.platformKey.findMany({ select: { privateKeyPem: true } })).filter(
    (row) => row.privateKeyPem !== null,
  ).length;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  configurePlatformKeys(undefined);
  await database.drop();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("PLENUM_PLATFORM_KEY_FILE", () => {
  it("on an empty database creates the file with mode 0600 and keeps no private key in the database", async () => {
    const file = newKeyFile();
    await start(fileSetting(file));
    expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(["platform-key.pem"]); // no temporary file left behind
    const network = await getNetworkInfo(database.db);
    expect(keysIn(file)).toEqual([network.platformPublicKey]);
    expect(await privateKeysInDatabase()).toBe(0);
    // The key in the file signed version 1 and signs from now on.
    const genesis = await database.db.configVersion.findUniqueOrThrow({ where: { version: 1 } });
    expect(
      verifyEd25519(network.platformPublicKey, utf8Bytes(genesis.envelope), fromBase64Url(genesis.signature)),
    ).toBe(true);
    expect((await getSigningKey(database.db)).keyId).toBe(network.keyId);
  });

  it("moves the database's private key into a new 0600 file and clears it in the database", async () => {
    await start({ kind: "database" });
    const before = await database.db.platformKey.findFirstOrThrow();
    expect(before.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/);

    const file = newKeyFile();
    await start(fileSetting(file));
    expect(modeOf(file)).toBe(0o600);
    expect(keysIn(file)).toEqual([before.publicKey]);
    expect(await privateKeysInDatabase()).toBe(0);
    expect((await getSigningKey(database.db)).privateKeyPem.trim()).toBe(before.privateKeyPem!.trim());
    // Starting again changes nothing.
    await start(fileSetting(file));
    expect(keysIn(file)).toEqual([before.publicKey]);
  });

  it("refuses to start with a file others may read, saying the exact chmod", async () => {
    const file = newKeyFile();
    await start(fileSetting(file));
    chmodSync(file, 0o644);
    configurePlatformKeys(undefined);
    const attempt = start(fileSetting(file));
    await expect(attempt).rejects.toThrow(PlatformKeyError);
    await expect(start(fileSetting(file))).rejects.toThrow(`Run \`chmod 600 ${file}\``);
    await expect(start(fileSetting(file))).rejects.toThrow(/mode 0644/);
    chmodSync(file, 0o600);
    await expect(start(fileSetting(file))).resolves.toMatchObject({ created: false });
  });

  it("says which key is missing when a row's private key is in neither place", async () => {
    const file = newKeyFile();
    await start(fileSetting(file));
    const other = newKeyFile();
    const otherDatabase = await createTestDatabase();
    await ensurePlatform(otherDatabase.db, { networkName: "Other", now: NOW, keys: fileSetting(other) });
    await otherDatabase.drop();
    const { keyId } = await getNetworkInfo(database.db);
    const attempt = start(fileSetting(other));
    await expect(attempt).rejects.toThrow(
      new RegExp(`private key of platform key ${keyId} .* is in neither`),
    );
    await expect(start(fileSetting(other))).rejects.not.toThrow(/PRIVATE KEY-----/);
    // And the database setting says where to look when the key was moved out of the database.
    await expect(start({ kind: "database" })).rejects.toThrow(/PLENUM_PLATFORM_KEY_FILE/);
  });

  it("rotation appends the new key to the file (still 0600); after the overlap the next start removes the old one", async () => {
    const file = newKeyFile();
    await start(fileSetting(file));
    const old = await getNetworkInfo(database.db);
    const rotation = await rotatePlatformKey(database.db, { now: NOW, overlapDays: 1 });
    expect(modeOf(file)).toBe(0o600);
    expect(keysIn(file)).toEqual([old.platformPublicKey, rotation.publicKey]);
    expect(await privateKeysInDatabase()).toBe(0);
    expect((await getSigningKey(database.db)).publicKey).toBe(rotation.publicKey);

    await start(fileSetting(file), new Date(NOW.getTime() + DAY - 1000));
    expect(keysIn(file)).toEqual([old.platformPublicKey, rotation.publicKey]);
    await start(fileSetting(file), new Date(NOW.getTime() + DAY + 1000));
    expect(keysIn(file)).toEqual([rotation.publicKey]);
    expect(modeOf(file)).toBe(0o600);
  });
});

describe("PLENUM_PLATFORM_KEY", () => {
  it("signs from the variable, clears the database copy, and refuses rotation with a message to use a key file", async () => {
    await start({ kind: "database" });
    const row = await database.db.platformKey.findFirstOrThrow();
    await start({ kind: "env", pems: row.privateKeyPem! });
    expect(await privateKeysInDatabase()).toBe(0);
    expect((await getSigningKey(database.db)).publicKey).toBe(row.publicKey);
    const attempt = rotatePlatformKey(database.db, { now: NOW, overlapDays: 14 });
    await expect(attempt).rejects.toThrow(/Use a key file for rotation/);
    expect(await database.db.platformKey.count()).toBe(1);
    expect(await database.db.configVersion.count()).toBe(1);
  });
});

describe("rotation with the key in the database (no setting)", () => {
  it("stores the new key in the database and refuses an overlap outside 1–365 days", async () => {
    await start({ kind: "database" });
    await expect(rotatePlatformKey(database.db, { now: NOW, overlapDays: 0 })).rejects.toThrow(/1 to 365/);
    await expect(rotatePlatformKey(database.db, { now: NOW, overlapDays: 366 })).rejects.toThrow(/1 to 365/);
    const rotation = await rotatePlatformKey(database.db, { now: NOW, overlapDays: 14 });
    expect(await privateKeysInDatabase()).toBe(2);
    // The next rotation after the overlap removes the first key's private key.
    await rotatePlatformKey(database.db, { now: new Date(NOW.getTime() + 15 * DAY), overlapDays: 14 });
    const rows = await database.db.platformKey.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => row.privateKeyPem !== null)).toEqual([false, true, true]);
    expect(rows[1]!.keyId).toBe(rotation.keyId);
  });
});

it("never writes a key file others can read even under a permissive umask", async () => {
  const previous = process.umask(0o000);
  try {
    const file = newKeyFile();
    await start(fileSetting(file));
    expect(modeOf(file)).toBe(0o600);
  } finally {
    process.umask(previous);
  }
});

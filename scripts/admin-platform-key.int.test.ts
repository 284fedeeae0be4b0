/** `npm run admin -- rotate-platform-key` as a real process against a test database. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { ensurePlatform, getNetworkInfo } from "@/lib/server/platform/ensure-platform";
import { parsePlatformKeyPems } from "@/lib/server/platform/platform-key-file";
import { configurePlatformKeys } from "@/lib/server/platform/platform-key-store";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const folder = mkdtempSync(path.join(tmpdir(), "plenum-admin-key-"));
const keyFile = path.join(folder, "platform-key.pem");

let database: TestDatabase;

function admin(env: Record<string, string>, ...args: string[]) {
  const { PLENUM_PLATFORM_KEY_FILE: _file, PLENUM_PLATFORM_KEY: _pem, ...inherited } = process.env;
  const result = spawnSync(TSX, ["scripts/admin.ts", ...args], {
    cwd: ROOT,
    env: { ...inherited, DATABASE_URL: database.target.url, PLENUM_AUTH_SECRET: "x".repeat(32), ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Admin keys",
    now: new Date(Date.now() - 86_400_000),
    keys: { kind: "file", path: keyFile },
  });
});
afterAll(async () => {
  configurePlatformKeys(undefined);
  await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe("npm run admin -- rotate-platform-key", () => {
  it("refuses an overlap outside 1–365 days with exit 2", () => {
    const result = admin({ PLENUM_PLATFORM_KEY_FILE: keyFile }, "rotate-platform-key", "--overlap-days", "0");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--overlap-days must be a whole number from 1 to 365");
  }, 60_000);

  it("refuses to rotate a key given in PLENUM_PLATFORM_KEY, saying to use a key file", () => {
    const result = admin({ PLENUM_PLATFORM_KEY: readFileSync(keyFile, "utf8") }, "rotate-platform-key");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Use a key file for rotation");
    expect(result.stderr).not.toContain("PRIVATE KEY-----");
  }, 60_000);

  it("rotates: the new key is appended to the 0600 key file and announced by a version signed by the old key", async () => {
    const before = await getNetworkInfo(database.db);
    const result = admin({ PLENUM_PLATFORM_KEY_FILE: keyFile }, "rotate-platform-key", "--overlap-days", "3");
    expect(result.code, result.stderr).toBe(0);
    const after = await getNetworkInfo(database.db);
    expect(after.keyId).not.toBe(before.keyId);
    expect(result.stdout).toContain(`Rotated the platform key: ${before.keyId} → ${after.keyId}`);
    expect(result.stdout).toContain(`added to ${keyFile} (mode 0600)`);
    expect(result.stdout).not.toContain("PRIVATE KEY");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parsePlatformKeyPems(readFileSync(keyFile, "utf8"), keyFile).map((key) => key.publicKey)).toEqual([
      before.platformPublicKey,
      after.platformPublicKey,
    ]);
    const rotationVersion = await database.db.configVersion.findUniqueOrThrow({ where: { version: 2 } });
    expect(rotationVersion.keyId).toBe(before.keyId);
    expect(parseConfigEnvelope(rotationVersion.envelope).nextPlatformKey).toEqual({
      keyId: after.keyId,
      publicKey: after.platformPublicKey,
    });
    const old = await database.db.platformKey.findUniqueOrThrow({ where: { keyId: before.keyId } });
    expect(old.validUntil!.getTime() - old.retiredAt!.getTime()).toBe(3 * 86_400_000);
    expect(await database.db.platformKey.count({ where: { privateKeyPem: { not: null } } })).toBe(0);
  }, 60_000);
});

import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { networkInfoSchema } from "@/lib/schemas/node-protocol";
import type { Db } from "@/lib/server/platform/db";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { ensurePlatform, getNetworkInfo, getSigningKey } from "./ensure-platform";

const now = new Date("2026-06-01T08:00:00.000Z");
const options = { networkName: "Test swarm", now };

async function counts(db: Db) {
  return {
    networks: await db.network.count(),
    keys: await db.platformKey.count(),
    versions: await db.configVersion.count(),
  };
}

describe("before bootstrap", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("getNetworkInfo and getSigningKey say to run npm start", async () => {
    for (const call of [getNetworkInfo, getSigningKey]) {
      const error = await call(database.db).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "NOT_READY", message: expect.stringContaining("npm start") });
    }
  });
});

describe("ensurePlatform", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("creates the network, one key and the genesis version on an empty database", async () => {
    const result = await ensurePlatform(database.db, options);
    expect(result).toEqual({ networkId: expect.stringMatching(/^net_[0-9a-f]{16}$/), created: true });
    expect(await counts(database.db)).toEqual({ networks: 1, keys: 1, versions: 1 });

    const network = await database.db.network.findUniqueOrThrow({ where: { singleton: true } });
    expect(network).toMatchObject({ id: result.networkId, name: "Test swarm" });
  });

  it("makes version 1 from the catalogue defaults, active now, with no predecessor", async () => {
    const row = await database.db.configVersion.findUniqueOrThrow({ where: { version: 1 } });
    const key = await getSigningKey(database.db);
    expect(row).toMatchObject({
      prevSha256: "",
      keyId: key.keyId,
      issuedAt: now,
      activateAt: now,
      activatedAt: now,
    });
    const envelope = parseConfigEnvelope(row.envelope);
    expect(envelope).toEqual({
      schema: "plenum.config/1",
      networkId: (await getNetworkInfo(database.db)).networkId,
      version: 1,
      prevSha256: "",
      issuedAt: now.toISOString(),
      activateAt: now.toISOString(),
      proposals: [],
      params: defaultParameterValues(),
    });
  });

  it("does nothing the second time", async () => {
    const before = await getNetworkInfo(database.db);
    const again = await ensurePlatform(database.db, { networkName: "Other name", now: new Date() });
    expect(again).toEqual({ networkId: before.networkId, created: false });
    expect(await counts(database.db)).toEqual({ networks: 1, keys: 1, versions: 1 });
    expect(await getNetworkInfo(database.db)).toEqual(before);
  });

  it("returns public network information only", async () => {
    const info = await getNetworkInfo(database.db);
    const key = await database.db.platformKey.findFirstOrThrow();
    expect(networkInfoSchema.strict().parse(info)).toEqual({
      networkId: expect.stringMatching(/^net_/),
      name: "Test swarm",
      platformPublicKey: key.publicKey,
      keyId: key.keyId,
      latestVersion: 1,
    });
    expect(JSON.stringify(info)).not.toContain("PRIVATE KEY");
  });
});

/** Runs ensurePlatform in a separate Node process, starting at `startAt` so it races the others. */
function ensurePlatformInAnotherProcess(databaseUrl: string, startAt: number): Promise<unknown> {
  const script = `
    const { getDb } = await import("./lib/server/platform/db.ts");
    const { ensurePlatform } = await import("./lib/server/platform/ensure-platform.ts");
    const db = await getDb();
    await new Promise((resolve) => setTimeout(resolve, ${startAt} - Date.now()));
    const result = await ensurePlatform(db, { networkName: "Test swarm", now: new Date("${now.toISOString()}") });
    await db.$disconnect();
    process.stdout.write(JSON.stringify(result));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

describe("ensurePlatform run concurrently", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("creates one platform when two processes and two callers in this one race", async () => {
    const startAt = Date.now() + 3000;
    const inThisProcess = async () => {
      await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
      return ensurePlatform(database.db, options);
    };
    const results = (await Promise.all([
      ensurePlatformInAnotherProcess(database.target.url, startAt),
      ensurePlatformInAnotherProcess(database.target.url, startAt),
      inThisProcess(),
      inThisProcess(),
    ])) as { networkId: string; created: boolean }[];
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.networkId)).size).toBe(1);
    expect(await counts(database.db)).toEqual({ networks: 1, keys: 1, versions: 1 });
  });
});

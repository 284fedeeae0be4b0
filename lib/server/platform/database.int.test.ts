import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind } from "./db";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe("database", () => {
  it("starts migrated and empty", async () => {
    expect(await database.db.network.count()).toBe(0);
    expect(await database.db.configVersion.count()).toBe(0);
  });

  it("runs SQLite with WAL, a busy timeout and foreign keys on", async () => {
    if (databaseKind(database.db) !== "sqlite") return;
    const [journal] = await database.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [foreignKeys] =
      await database.db.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
    const [busy] = await database.db.$queryRawUnsafe<{ timeout: bigint }[]>("PRAGMA busy_timeout");
    expect(journal?.journal_mode).toBe("wal");
    expect(Number(foreignKeys?.foreign_keys)).toBe(1);
    expect(Number(busy?.timeout)).toBe(5000);
  });

  it("enforces foreign keys", async () => {
    await expect(
      database.db.node.create({
        data: { operatorId: "missing", name: "n", nameSearch: "n", publicKey: "k", region: "eu-west" },
      }),
    ).rejects.toThrow();
  });
});

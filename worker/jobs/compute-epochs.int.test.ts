import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger } from "@/lib/server/platform/logger";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertVotingOperator } from "@/lib/server/testing/voting-fixtures";
import { computeEpochsJob } from "./compute-epochs";
import { JOBS } from "./registry";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Test swarm",
    now: new Date(NOW.getTime() - 30 * DAY_MS),
  });
  await insertVotingOperator(database.db, { now: NOW, name: "Epochs", nodes: [{ reportedForDays: 3 }] });
});
afterAll(() => database.drop());

function runWith(db: Db) {
  const lines: string[] = [];
  const result = computeEpochsJob.run({
    db,
    now: () => NOW,
    env: loadEnv({}),
    logger: createLogger({ write: (_level, line) => void lines.push(line) }),
    signal: new AbortController().signal,
  });
  return { result, lines };
}

/** The database as a second worker sees it while the first holds the lock, or while a transaction fails. */
function failingTransactions(error: Error): Db {
  return new Proxy(database.db, {
    get: (target, property, receiver) =>
      property === "$transaction" ? () => Promise.reject(error) : Reflect.get(target, property, receiver),
  });
}

describe("compute-epochs job", () => {
  it("is registered, runs every 5 minutes and computes the finished days", async () => {
    expect(JOBS).toContain(computeEpochsJob);
    expect(computeEpochsJob.intervalMs).toBe(5 * 60_000);
    const run = runWith(database.db);
    expect(await run.result).toEqual({ computed: 3, lastDay: "2026-11-24", isBusy: false });
    expect(run.lines.join("\n")).toContain("epochs computed");
    const again = runWith(database.db);
    expect(await again.result).toEqual({ computed: 0, lastDay: null, isBusy: false });
    expect(again.lines).toEqual([]);
  });

  it("logs that it stopped when another worker holds the lock", async () => {
    const conflict = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), {
      code: "P2034",
    });
    const run = runWith(failingTransactions(conflict));
    expect(await run.result).toEqual({ computed: 0, lastDay: null, isBusy: true });
    expect(run.lines.join("\n")).toContain("another worker holds the lock");
  });

  it("fails loudly when a transaction times out instead of calling it busy", async () => {
    const timeout = Object.assign(new Error("Transaction already closed: transaction timed out"), {
      code: "P2028",
    });
    await expect(runWith(failingTransactions(timeout)).result).rejects.toBe(timeout);
  });
});

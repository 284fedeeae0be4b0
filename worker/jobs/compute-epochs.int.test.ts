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

function runWith(db: Db, now = NOW) {
  const lines: string[] = [];
  const result = computeEpochsJob.run({
    db,
    now: () => now,
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
    expect(await run.result).toEqual({ computed: 3, blocked: [], lastDay: "2026-11-24", isBusy: false });
    expect(run.lines.join("\n")).toContain("epochs computed");
    const again = runWith(database.db);
    expect(await again.result).toEqual({ computed: 0, blocked: [], lastDay: null, isBusy: false });
    expect(again.lines).toEqual([]);
  });

  it("warns of a day it could not compute, with its reason, and computes the next", async () => {
    const day = new Date("2026-11-25T00:00:00.000Z");
    const { operatorId } = await database.db.node.findFirstOrThrow({ select: { operatorId: true } });
    const second = await database.db.node.create({
      data: {
        operatorId,
        name: "epochs-node-2",
        nameSearch: "epochs-node-2",
        publicKey: "epochs-node-2-key",
        region: "eu-west",
        firstReportedAt: new Date(NOW.getTime() - 3 * DAY_MS),
      },
      select: { id: true },
    });
    // A corrupted day: each row fits a BIGINT, their sum does not.
    for (const { id: nodeId } of await database.db.node.findMany({ select: { id: true } })) {
      await database.db.nodeDailyRollup.upsert({
        where: { nodeId_day: { nodeId, day } },
        update: { bytesUp: 5_000_000_000_000_000_000n },
        create: {
          nodeId,
          day,
          samples: 1,
          windowSeconds: 60,
          uptimeSeconds: 60,
          bytesUp: 5_000_000_000_000_000_000n,
          bytesDown: 0n,
          latencyMsSeconds: 0n,
          peerSeconds: 0n,
        },
      });
    }
    const run = runWith(database.db, new Date(NOW.getTime() + 2 * DAY_MS));
    const result = await run.result;
    expect(result).toMatchObject({ computed: 1, lastDay: "2026-11-26", isBusy: false });
    expect(result.blocked).toEqual([
      {
        day: "2026-11-25",
        reason: expect.stringContaining("(Epoch.bytesUp) comes to 10,000,000,000,000,000,000"),
      },
    ]);
    const log = run.lines.join("\n");
    expect(log).toContain(
      "epoch 2026-11-25 blocked: it pays nothing until `npm run admin -- rerun-epoch 2026-11-25` computes it",
    );
    expect(log).toContain("more than a stored figure can hold");
    await database.db.node.delete({ where: { id: second.id } });
  });

  it("logs that it stopped when another worker holds the lock", async () => {
    const conflict = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), {
      code: "P2034",
    });
    const run = runWith(failingTransactions(conflict));
    expect(await run.result).toEqual({ computed: 0, blocked: [], lastDay: null, isBusy: true });
    expect(run.lines.join("\n")).toContain("another worker holds the lock");
  });

  it("fails loudly when a transaction times out instead of calling it busy", async () => {
    const timeout = Object.assign(new Error("Transaction already closed: transaction timed out"), {
      code: "P2028",
    });
    await expect(runWith(failingTransactions(timeout)).result).rejects.toBe(timeout);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger } from "@/lib/server/platform/logger";
import {
  RATIFIED_AT,
  ratifiedHistory,
  type RatifiedHistory,
} from "@/lib/server/network-model/testing/ratified-history";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { freezeForecastsJob } from "./freeze-forecasts";
import { JOBS } from "./registry";

let database: TestDatabase;
let history: RatifiedHistory;

beforeAll(async () => {
  database = await createTestDatabase();
  history = await ratifiedHistory(database.db);
});
afterAll(() => database.drop());

function runAt(now: Date) {
  const lines: string[] = [];
  const result = freezeForecastsJob.run({
    db: history.db,
    now: () => now,
    env: loadEnv({}),
    logger: createLogger({ write: (_level, line) => void lines.push(line) }),
    signal: new AbortController().signal,
  });
  return { result, lines };
}

describe("freeze-forecasts job", () => {
  it("logs a proposal the model fails on and fails the run, so it is retried with back-off", async () => {
    // A database whose proposals cannot be read: every forecast throws.
    const broken = new Proxy(history.db, {
      get: (target, property, receiver) =>
        property === "proposal"
          ? { findUnique: () => Promise.reject(new Error("disk on fire")) }
          : Reflect.get(target, property, receiver),
    });
    const lines: string[] = [];
    await expect(
      freezeForecastsJob.run({
        db: broken,
        now: () => new Date(RATIFIED_AT.getTime() + 60_000),
        env: loadEnv({}),
        logger: createLogger({ write: (_level, line) => void lines.push(line) }),
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(
      /2 passed proposal\(s\) could not have their forecast frozen .*the next run tries again/,
    );
    expect(lines.filter((line) => line.includes("forecast could not be frozen"))).toHaveLength(2);
    expect(await history.db.frozenForecast.count()).toBe(0);
  });

  it("is registered, runs every minute and freezes each newly passed proposal once", async () => {
    expect(JOBS).toContain(freezeForecastsJob);
    expect(freezeForecastsJob.intervalMs).toBe(60_000);
    const first = runAt(new Date(RATIFIED_AT.getTime() + 60_000));
    const { frozen, waiting } = await first.result;
    expect(new Set(frozen as string[])).toEqual(new Set([history.guardProposalId, history.quorumProposalId]));
    expect(waiting).toBe(0);
    expect(first.lines.filter((line) => line.includes("forecast frozen"))).toHaveLength(2);
    const again = runAt(new Date(RATIFIED_AT.getTime() + 120_000));
    expect(await again.result).toEqual({ frozen: [], waiting: 0 });
    expect(again.lines).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger } from "@/lib/server/platform/logger";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import type * as CloseRound from "@/lib/server/voting/close-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";
import { JOBS } from "./registry";
import { runVotingRoundsJob } from "./run-voting-rounds";

const failingClose = vi.hoisted(() => ({ error: null as Error | null }));

vi.mock("@/lib/server/voting/close-round", async (importOriginal) => {
  const original = await importOriginal<typeof CloseRound>();
  return {
    ...original,
    closeDueRounds: (...args: Parameters<typeof original.closeDueRounds>) =>
      failingClose.error ? Promise.reject(failingClose.error) : original.closeDueRounds(...args),
  };
});

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR_MS = 3_600_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: new Date("2026-09-01T00:00:00.000Z") });
});
afterAll(() => database.drop());

async function runAt(at: Date) {
  const lines: string[] = [];
  const result = await runVotingRoundsJob.run({
    db: database.db,
    now: () => at,
    env: loadEnv({}),
    logger: createLogger({ write: (_level, line) => void lines.push(line) }),
    signal: new AbortController().signal,
  });
  return { result, logged: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("run-voting-rounds job", () => {
  it("is registered, runs every minute, opens a round for queued proposals and closes it when its time is over", async () => {
    expect(JOBS).toContain(runVotingRoundsJob);
    expect(runVotingRoundsJob.intervalMs).toBe(60_000);
    expect(await runAt(NOW)).toEqual({ result: { closed: [], opened: null }, logged: [] });

    const voter = await insertVotingOperator(database.db, { now: NOW, name: "Vera" });
    const proposalId = await insertQueuedProposal(database.db, {
      authorId: voter.operatorId,
      now: NOW,
      title: "Pay uploads more",
      changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
    });
    const opening = await runAt(NOW);
    expect(opening.result).toEqual({ closed: [], opened: 1 });
    expect(opening.logged).toMatchObject([
      { msg: "voting round opened", round: 1, proposals: 1, voters: 1, eligibleNodes: 1 },
    ]);
    const round = await database.db.round.findFirstOrThrow({ select: { id: true, closesAt: true } });
    await castBallot(database.db, {
      operatorId: voter.operatorId,
      roundId: round.id,
      allocations: [{ proposalId, votes: 3 }],
      source: "node",
      now: NOW,
    });

    expect((await runAt(new Date(round.closesAt.getTime() - 1))).result).toEqual({
      closed: [],
      opened: null,
    });
    const closing = await runAt(round.closesAt);
    expect(closing.result).toEqual({ closed: [1], opened: null });
    expect(closing.logged).toMatchObject([
      {
        msg: "voting round closed",
        round: 1,
        passed: 1,
        proposals: 1,
        configVersion: 2,
        activateAt: new Date(round.closesAt.getTime() + 24 * HOUR_MS).toISOString(),
      },
    ]);
    expect(
      await database.db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { state: true } }),
    ).toEqual({
      state: "Passed",
    });
  });

  it("opens the next round even when closing failed, and then fails the run with the close's error", async () => {
    const last = await database.db.round.findFirstOrThrow({ select: { closesAt: true } });
    const voter = await insertVotingOperator(database.db, { now: NOW, name: "Walt" });
    await insertQueuedProposal(database.db, {
      authorId: voter.operatorId,
      now: NOW,
      title: "Pay uploads even more",
      changes: [{ key: "reward.perGbUploaded", toValue: 1.8 }],
    });
    const lines: string[] = [];
    failingClose.error = new Error("simulated close failure");
    try {
      await expect(
        runVotingRoundsJob.run({
          db: database.db,
          now: () => new Date(last.closesAt.getTime() + HOUR_MS),
          env: loadEnv({}),
          logger: createLogger({ write: (_level, line) => void lines.push(line) }),
          signal: new AbortController().signal,
        }),
      ).rejects.toThrow("simulated close failure");
    } finally {
      failingClose.error = null;
    }
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([
      { msg: "voting round opened", round: 2, proposals: 1 },
    ]);
    expect(await database.db.round.count({ where: { state: "Open" } })).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRound } from "@/lib/server/voting/open-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { insertPresence } from "@/lib/server/testing/presence-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";

/** Half past the hour: the round opens inside an hour that has not passed yet. */
const NOW = new Date("2026-11-25T12:30:00.000Z");
const HOUR_MS = 3_600_000;
/** The default rules' window: the 72 whole hours before 12:00, the last full hour before opening. */
const WINDOW_TO = new Date("2026-11-25T12:00:00.000Z").getTime();
const WINDOW_FROM = WINDOW_TO - 72 * HOUR_MS;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Test swarm",
    now: new Date(NOW.getTime() - 60 * 24 * HOUR_MS),
  });
});
afterAll(() => database.drop());

const hoursFrom = (from: number, count: number) =>
  Array.from({ length: count }, (_, hour) => new Date(from + hour * HOUR_MS));

/** An operator with one node that first reported before the window and was present in `hourStarts` only. */
async function nodeWithPresence(name: string, hourStarts: Date[]) {
  const { operatorId, nodes } = await insertVotingOperator(database.db, {
    now: NOW,
    name,
    nodes: [{ reportedForDays: null }],
  });
  const nodeId = nodes[0]!.nodeId;
  await database.db.node.update({
    where: { id: nodeId },
    data: { firstReportedAt: new Date(NOW.getTime() - 72 * HOUR_MS) },
  });
  await insertPresence(database.db, { nodeIds: [nodeId], hourStarts });
  return { operatorId, nodeId };
}

describe("the eligibility window", () => {
  it("counts the 72 whole hours before the round opens and no hour outside them", async () => {
    // Half of the window exactly, its first and last hour among them.
    const half = await nodeWithPresence("Half", [
      new Date(WINDOW_FROM),
      ...hoursFrom(WINDOW_FROM + 37 * HOUR_MS, 34),
      new Date(WINDOW_TO - HOUR_MS),
    ]);
    // An hour short inside the window; the hour before it and the hour the round opens in do not help.
    const short = await nodeWithPresence("Short", [
      new Date(WINDOW_FROM - HOUR_MS),
      ...hoursFrom(WINDOW_FROM + 37 * HOUR_MS, 35),
      new Date(WINDOW_TO),
    ]);
    await insertQueuedProposal(database.db, {
      authorId: half.operatorId,
      now: NOW,
      title: "Pay a little more per GB",
      changes: [{ key: "reward.perGbUploaded", toValue: 2 }],
    });

    const round = await openRound(database.db, { now: NOW });

    expect(round).toMatchObject({ voters: 1, eligibleNodes: 1 });
    const eligible = await database.db.roundEligibleNode.findMany({
      where: { roundId: round.roundId },
      select: { nodeId: true },
    });
    expect(eligible).toEqual([{ nodeId: half.nodeId }]);
    expect(eligible).not.toContainEqual({ nodeId: short.nodeId });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eligibleRecords } from "@/lib/domain/voting/eligibility";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { insertPresence } from "@/lib/server/testing/presence-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";
import { closeRound } from "@/lib/server/voting/close-round";
import {
  eligibilityRules,
  explainNodeEligibility,
  getNodeVotingEligibility,
  loadServiceRecords,
  MAX_EXPLAINED_NODES,
  SERVICE_NODE_SELECT,
} from "@/lib/server/voting/eligibility-queries";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { getBallotForOperator } from "@/lib/server/voting/operator-ballot-queries";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";

const HOUR_MS = 3_600_000;
const NOW = new Date("2026-11-25T12:20:00.000Z");
const LATER = new Date(NOW.getTime() + HOUR_MS);

let database: TestDatabase;
let round: OpenedRound;
let mixed: Awaited<ReturnType<typeof insertVotingOperator>>;
let steady: Awaited<ReturnType<typeof insertVotingOperator>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, {
    networkName: "Eligibility reads",
    now: new Date(NOW.getTime() - 60 * 24 * HOUR_MS),
  });
  // One node that counts, then more that do not than its ballot explains: present in 40 % of the hours,
  // and one retired node.
  mixed = await insertVotingOperator(db, {
    now: NOW,
    name: "Mixed",
    nodes: [
      {},
      ...Array.from({ length: MAX_EXPLAINED_NODES + 1 }, () => ({ uptimeShare: 0.4 })),
      { status: "Gone" as const },
    ],
  });
  steady = await insertVotingOperator(db, { now: NOW, name: "Steady", nodes: [{}] });
  await insertQueuedProposal(db, {
    authorId: steady.operatorId,
    now: NOW,
    title: "Pay a little more per GB",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  });
  round = await openRound(db, { now: NOW });
});
afterAll(() => database.drop());

describe("the snapshot and its explanations", () => {
  it("agree on every node: the round's grouped count and the hours named to people", async () => {
    const { db } = database;
    const rules = eligibilityRules((await getActiveConfigVersion(db)).params);
    const counted = eligibleRecords(await loadServiceRecords(db, { opensAt: NOW, rules }), {
      rules,
      opensAt: NOW,
    }).map((record) => record.nodeId);
    const nodes = await db.node.findMany({ orderBy: { id: "asc" }, select: SERVICE_NODE_SELECT });
    const explained = await explainNodeEligibility(db, { nodes, opensAt: NOW, rules });
    expect(explained.filter((note) => note.isEligible).map((note) => note.nodeId)).toEqual(counted);
    const stored = await db.roundEligibleNode.findMany({
      where: { roundId: round.roundId },
      orderBy: { nodeId: "asc" },
      select: { nodeId: true },
    });
    expect(stored.map((row) => row.nodeId)).toEqual(counted);
    expect(counted).toEqual([mixed.nodes[0]!.nodeId, steady.nodes[0]!.nodeId].sort());
  });

  it("explains an eligible operator's uncounted nodes with its ballot: active ones first, at most MAX_EXPLAINED_NODES", async () => {
    const ballot = await getBallotForOperator(database.db, { operatorId: mixed.operatorId, now: LATER });
    expect(ballot).toMatchObject({ isEligible: true, budget: 100, moreUncountedNodes: 2 });
    expect(ballot.uncountedNodes).toHaveLength(MAX_EXPLAINED_NODES);
    expect(ballot.uncountedNodes.map((node) => node.name)).toEqual(
      Array.from({ length: MAX_EXPLAINED_NODES + 1 }, (_, index) => `mixed-node-${index + 2}`)
        .sort()
        .slice(0, MAX_EXPLAINED_NODES),
    );
    for (const node of ballot.uncountedNodes) {
      expect(node.reason).toMatch(
        /^The node was present in 28 of the 72 hours before the round opened \(38\.8 %\); voting needs 50\.0 %\. .* It was missing 44 of 72 hours: 22 Nov 12:00–14:00 UTC, .* and \d+ more gaps\.$/,
      );
    }
  });

  it("explains nothing more once the round has closed", async () => {
    await closeRound(database.db, { now: round.closesAt });
    const ballot = await getBallotForOperator(database.db, {
      operatorId: mixed.operatorId,
      roundNumber: round.number,
      now: round.closesAt,
    });
    expect(ballot).toMatchObject({ uncountedNodes: [], moreUncountedNodes: 0 });
  });
});

describe("getNodeVotingEligibility", () => {
  it("says a node present in every hour would count now, with no round open and no hour missing", async () => {
    const later = new Date(round.closesAt.getTime() + HOUR_MS);
    const nodeId = steady.nodes[0]!.nodeId;
    // It goes on reporting every hour up to now.
    await insertPresence(database.db, {
      nodeIds: [nodeId],
      hourStarts: Array.from(
        { length: 80 },
        (_, back) => new Date(later.getTime() - (back + 1) * HOUR_MS),
      ).filter((hour) => hour >= NOW),
    });
    expect(
      await getNodeVotingEligibility(database.db, { operatorId: steady.operatorId, nodeId, now: later }),
    ).toEqual({
      openRound: null,
      current: {
        nodeId,
        name: "steady-node-1",
        isEligible: true,
        reason: null,
        presentHours: 72,
        windowHours: 72,
        missingHours: null,
      },
      minNodeAgeDays: 3,
      minUptimeForVoting: 0.5,
    });
  });

  it("reports someone else's node as missing", async () => {
    await expect(
      getNodeVotingEligibility(database.db, {
        operatorId: steady.operatorId,
        nodeId: mixed.nodes[0]!.nodeId,
        now: LATER,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

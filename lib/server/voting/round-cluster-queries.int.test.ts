import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterBudget } from "@/lib/domain/clusters/cluster-budgets";
import { HOUR_MS } from "@/lib/domain/voting/round-schedule";
import { operatorBallotSchema, roundOverviewSchema } from "@/lib/schemas/rounds";
import type { Db } from "@/lib/server/platform/db";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";
import { getBallotForOperator } from "@/lib/server/voting/operator-ballot-queries";
import { openRound } from "@/lib/server/voting/open-round";
import { getRoundOverview } from "@/lib/server/voting/round-queries";

const NOW = new Date("2026-12-08T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);
/** A university network three operators share, and one only Alice uses. */
const CAMPUS = "203.0.113.0/24";
const ALICE_HOME = "198.51.100.0/24";

let database: TestDatabase;
let db: Db;
const ids = { alice: "", bob: "", carol: "", dave: "", roundId: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await ensurePlatform(db, { networkName: "Clusters test", now: at(-40 * 24) });
  const voter = async (name: string, prefixes: (string | undefined)[]) =>
    (
      await insertVotingOperator(db, {
        now: NOW,
        name,
        nodes: prefixes.map((clusterPrefix) => (clusterPrefix ? { clusterPrefix } : {})),
      })
    ).operatorId;
  ids.alice = await voter("Alice", [CAMPUS, CAMPUS, CAMPUS, ALICE_HOME]);
  ids.bob = await voter("Bob", [CAMPUS]);
  ids.carol = await voter("Carol", [CAMPUS]);
  // Dave's two nodes share a network of their own (the fixture's default: one prefix per operator).
  ids.dave = await voter("Dave", [undefined, undefined]);
  await insertQueuedProposal(db, {
    authorId: ids.alice,
    now: NOW,
    title: "Pay more per GB",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  });
  ids.roundId = (await openRound(db, { now: NOW })).roundId;
});

afterAll(async () => {
  await database.drop();
});

describe("the operator's ballot explains its clusters", () => {
  it("lists each cluster with the operator's nodes, its size, the other operators in it and the votes it brings", async () => {
    const ballot = await getBallotForOperator(db, { operatorId: ids.alice, now: at(1) });
    expect(operatorBallotSchema.parse(ballot)).toEqual(ballot);
    if (!ballot.isEligible) throw new Error("Alice should be eligible");
    expect(ballot.clusters).toEqual([
      {
        nodes: 3,
        nodeNames: ["alice-node-1", "alice-node-2", "alice-node-3"],
        clusterNodes: 5,
        otherOperators: 2,
        votes: expect.closeTo(3 * Math.sqrt(100 / 5), 5),
      },
      { nodes: 1, nodeNames: ["alice-node-4"], clusterNodes: 1, otherOperators: 0, votes: 10 },
    ]);
    // The votes add up to the radius behind the stored budget.
    const radius = ballot.clusters.reduce((sum, cluster) => sum + cluster.votes, 0);
    expect(ballot.budget).toBe(Math.floor(radius * radius));
    expect(ballot.budget).toBe(
      clusterBudget(
        [
          { nodes: 3, clusterNodes: 5 },
          { nodes: 1, clusterNodes: 1 },
        ],
        100,
      ),
    );
    expect(ballot.eligibleNodes).toBe(4);
    expect(ballot.nodeNames).toEqual(["alice-node-1", "alice-node-2", "alice-node-3", "alice-node-4"]);
  });

  it("gives a neighbour with one node in the shared network its share, √(C/N)", async () => {
    const ballot = await getBallotForOperator(db, { operatorId: ids.bob, now: at(1) });
    expect(ballot).toMatchObject({
      isEligible: true,
      budget: 20,
      clusters: [
        {
          nodes: 1,
          nodeNames: ["bob-node-1"],
          clusterNodes: 5,
          otherOperators: 2,
          votes: expect.closeTo(Math.sqrt(20), 5),
        },
      ],
    });
  });

  it("gives nodes that are a whole network of their own C × n", async () => {
    const ballot = await getBallotForOperator(db, { operatorId: ids.dave, now: at(1) });
    expect(ballot).toMatchObject({
      isEligible: true,
      budget: 200,
      clusters: [{ nodes: 2, clusterNodes: 2, otherOperators: 0, votes: expect.closeTo(Math.sqrt(200), 5) }],
    });
  });

  it("never tells who the other operators are, which cluster it is or where it is on the internet", async () => {
    const text = JSON.stringify(await getBallotForOperator(db, { operatorId: ids.alice, now: at(1) }));
    const clusterIds = await db.roundEligibleNode.findMany({
      where: { roundId: ids.roundId },
      distinct: ["clusterId"],
      select: { clusterId: true },
    });
    expect(clusterIds.length).toBe(3);
    for (const secret of [
      ids.bob,
      ids.carol,
      "Bob",
      "bob-node",
      "Carol",
      "203.0.113",
      "198.51.100",
      ...clusterIds.map((row) => row.clusterId),
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("the round's voting power by cluster", () => {
  it("counts the clusters, the largest one's share, both Nakamoto coefficients and the operators sharing", async () => {
    const overview = await getRoundOverview(db, { roundNumber: 1, now: at(1) });
    expect(roundOverviewSchema.parse(overview)).toEqual(overview);
    const radii = [Math.sqrt(5 * 100), Math.sqrt(100), Math.sqrt(2 * 100)];
    const networkVotes = radii.reduce((sum, radius) => sum + radius, 0);
    expect(overview.votingPowerByCluster).toEqual({
      clusters: 3,
      sharedClusters: 1,
      operatorsSharing: 3,
      largestClusterNodes: 5,
      largestClusterShare: expect.closeTo(Math.sqrt(500) / networkVotes, 12),
      // The campus (22.4 votes) and Dave's network (14.1) together pass half of 46.5.
      nakamotoOverClusters: 2,
      eligibleNodes: 8,
      operators: 4,
      // Alice alone: ⌊√548⌋ = 23 of 23 + 4 + 4 + 14 effective votes.
      nakamotoOverOperators: 1,
      networkVotes: expect.closeTo(networkVotes, 9),
    });
  });

  it("is all zeros, with no operator, for a round nobody was eligible in", async () => {
    await db.round.create({
      data: {
        number: 2,
        state: "Closed",
        isOpen: null,
        opensAt: at(100),
        closesAt: at(172),
        closedAt: at(172),
        rulesVersion: 1,
        creditsPerNode: 100,
        quorum: 0.2,
        metaSupermajority: 0.66,
        eligibleNodes: 0,
      },
    });
    const overview = await getRoundOverview(db, { roundNumber: 2, now: at(200) });
    expect(overview.votingPowerByCluster).toEqual({
      clusters: 0,
      sharedClusters: 0,
      operatorsSharing: 0,
      largestClusterNodes: 0,
      largestClusterShare: 0,
      nakamotoOverClusters: 0,
      eligibleNodes: 0,
      operators: 0,
      nakamotoOverOperators: 0,
      networkVotes: 0,
    });
  });
});

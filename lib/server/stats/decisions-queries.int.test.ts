import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS } from "@/lib/domain/voting/round-schedule";
import { networkDashboardSchema } from "@/lib/schemas/network-stats";
import type { Db } from "@/lib/server/platform/db";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { getNetworkDashboard } from "@/lib/server/stats/network-dashboard-queries";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";
import { openRound } from "@/lib/server/voting/open-round";

const NOW = new Date("2026-12-08T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);
/** One data centre whose 9 nodes are filed under three accounts, beside three home nodes. */
const DATA_CENTRE = "203.0.113.0/24";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await ensurePlatform(db, { networkName: "Who decides", now: at(-40 * 24) });
  const ids: string[] = [];
  for (const name of ["Split1", "Split2", "Split3"]) {
    const nodes = Array.from({ length: 3 }, () => ({ clusterPrefix: DATA_CENTRE }));
    ids.push((await insertVotingOperator(db, { now: NOW, name, nodes })).operatorId);
  }
  for (const name of ["Home1", "Home2", "Home3"]) {
    await insertVotingOperator(db, { now: NOW, name, nodes: [{}] });
  }
  await insertQueuedProposal(db, {
    authorId: ids[0]!,
    now: NOW,
    title: "Pay more per GB",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  });
  await openRound(db, { now: NOW });
});

afterAll(async () => {
  await database.drop();
});

describe("Who decides? by network cluster", () => {
  it("sets each round's clusters beside its operators, with a one-line summary", async () => {
    const dashboard = await getNetworkDashboard(db, { range: "7d", now: at(1) });
    expect(networkDashboardSchema.parse(dashboard)).toEqual(dashboard);
    const [round] = dashboard.votingPower.rounds;
    expect(dashboard.votingPower.rounds).toHaveLength(1);
    // Six accounts of 10 effective votes each (the data centre's 30 split three ways): 4 pass half.
    expect(round).toMatchObject({
      number: 1,
      operators: 6,
      nakamoto: 4,
      clusters: 4,
      sharedClusters: 1,
      operatorsSharing: 3,
      largestClusterNodes: 9,
      nakamotoOverClusters: 2,
    });
    expect(round?.largestClusterShare).toBeCloseTo(0.5, 12);
    expect(dashboard.votingPower.byClusterSummary).toBe(
      "In round 1, the eligible nodes sat in 4 networks. The largest held 50 % of the votes; 2 networks together held more than half (by operator account, 4 operators did). 3 operators shared a network with other operators.",
    );
  });

  it("says what will appear when no round opened in the range", async () => {
    const dashboard = await getNetworkDashboard(db, { range: "24h", now: at(48) });
    expect(dashboard.votingPower.rounds).toEqual([]);
    expect(dashboard.votingPower.byClusterSummary).toBe(
      "No round opened in the last 24 hours; pick a longer range.",
    );
  });
});

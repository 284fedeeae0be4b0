import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { potentialVotingPower } from "@/lib/domain/voting/voting-power";
import { networkDashboardSchema, STATS_CHART_MAX_POINTS } from "@/lib/schemas/network-stats";
import type { Db } from "@/lib/server/platform/db";
import { getNetworkDashboard, getNetworkHeadline } from "@/lib/server/stats/network-dashboard-queries";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const NOW = new Date("2026-11-25T12:30:00.000Z");
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const THIS_HOUR = Date.parse("2026-11-25T12:00:00.000Z");
const TODAY = Date.parse("2026-11-25T00:00:00.000Z");
/** Complete hours of network history written below (40 days), oldest first. */
const HISTORY_HOURS = 960;
/** An hour (by age) nobody reported in: the series shows it as zero. */
const SILENT_AGE = 30;

const hourAt = (age: number) => new Date(THIS_HOUR - age * HOUR_MS);
const dayAt = (age: number) => new Date(TODAY - age * DAY_MS);

let database: TestDatabase;
let db: Db;
let nodeIds: string[];
let operatorIds: string[];

const networkTotals = {
  nodes: 4,
  samples: 4,
  windowSeconds: 0n,
  bytesDown: 0n,
  latencyMsSeconds: 0n,
  peerSeconds: 0n,
};

/** Hourly network rollup by age (1 = the last complete hour): 3 of 4 nodes up, 2 GB an hour in the last day. */
function networkHour(age: number) {
  const online = age === 1 ? 3.5 : age === 6 ? 1 : 3;
  const gb = age === 6 ? 5 : age <= 24 ? 2 : 1;
  return {
    ...networkTotals,
    hourStart: hourAt(age),
    uptimeSeconds: BigInt(online * 3600),
    bytesUp: BigInt(gb * 1e9),
  };
}

const rollupTotals = { samples: 1, windowSeconds: 3600, uptimeSeconds: 3600, bytesDown: 0n };
const rollupExtras = { latencyMsSeconds: 0n, peerSeconds: 0n };

async function insertRound(
  number: number,
  {
    opensAt,
    isOpen,
    voters,
  }: { opensAt: Date; isOpen: boolean; voters: { operator: number; nodes: number; hasVoted: boolean }[] },
) {
  const round = await db.round.create({
    data: {
      number,
      state: isOpen ? "Open" : "Closed",
      isOpen: isOpen ? true : null,
      opensAt,
      closesAt: new Date(opensAt.getTime() + 7 * DAY_MS),
      closedAt: isOpen ? null : new Date(opensAt.getTime() + 7 * DAY_MS),
      rulesVersion: 1,
      creditsPerNode: 100,
      quorum: 0.2,
      metaSupermajority: 0.66,
      eligibleNodes: voters.reduce((sum, voter) => sum + voter.nodes, 0),
    },
    select: { id: true },
  });
  for (const [index, voter] of voters.entries()) {
    const operatorId = operatorIds[voter.operator]!;
    const ballot = voter.hasVoted
      ? await db.ballot.create({
          data: {
            roundId: round.id,
            seq: index + 1,
            operatorId,
            submittedAt: opensAt,
            allocations: "[]",
            cost: 0,
            prevReceipt: "",
            receipt: `receipt-${number}-${index}`,
            source: "web",
          },
          select: { id: true },
        })
      : null;
    await db.roundVoter.create({
      data: {
        roundId: round.id,
        operatorId,
        eligibleNodes: voter.nodes,
        budget: voter.nodes * 100,
        countedBallotId: ballot?.id ?? null,
      },
    });
  }
}

async function insertEpoch(age: number, ratings: number[]) {
  const day = dayAt(age);
  await db.epoch.create({
    data: {
      day,
      configVersion: 1,
      computedAt: new Date(day.getTime() + DAY_MS + HOUR_MS),
      nodes: ratings.length,
      paidNodes: ratings.length - 1,
      freeRiders: 1,
      freeRidersInGrace: age === 1 ? 1 : 0,
      emissionCapMicro: 2_000_000_000n,
      unscaledMicro: 2_500_000_000n,
      paidMicro: 2_000_000_000n,
      scale: 0.8,
      bytesUp: 0n,
    },
  });
  await db.rewardLedgerEntry.createMany({
    data: ratings.map((rating, index) => ({
      day,
      nodeId: nodeIds[index]!,
      operatorId: operatorIds[index % operatorIds.length]!,
      uptimeSeconds: 86_400,
      bytesUp: 0n,
      bytesDown: 0n,
      windowSeconds: 86_400,
      latencyMsSeconds: 50n * 86_400n,
      classification: "Contributor",
      unscaledMicro: 0n,
      rewardMicro: 0n,
      speed: 0,
      reliability: 0,
      contribution: 0,
      score: rating,
      ratingBefore: rating,
      rating,
    })),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await ensurePlatform(db, { networkName: "Stats swarm", now: new Date(NOW.getTime() - 60 * DAY_MS) });
  operatorIds = [];
  for (const name of ["Alpha", "Beta", "Gamma"]) {
    const operator = await db.operator.create({
      data: { displayName: name, email: `${name.toLowerCase()}@stats.example` },
      select: { id: true },
    });
    operatorIds.push(operator.id);
  }
  nodeIds = [];
  for (const [index, status] of ["Active", "Active", "Active", "Active", "Gone"].entries()) {
    const node = await db.node.create({
      data: {
        operatorId: operatorIds[index % operatorIds.length]!,
        name: `stats-node-${index + 1}`,
        nameSearch: `stats-node-${index + 1}`,
        publicKey: `stats-key-${process.pid}-${index}`,
        region: "eu-west",
        status,
      },
      select: { id: true },
    });
    nodeIds.push(node.id);
  }

  const ages = Array.from({ length: HISTORY_HOURS }, (_, index) => HISTORY_HOURS - index);
  await db.networkHourlyRollup.createMany({
    data: [
      ...ages.filter((age) => age !== SILENT_AGE).map(networkHour),
      // The hour in progress: never charted.
      { ...networkHour(1), hourStart: new Date(THIS_HOUR), bytesUp: 100_000_000_000n },
    ],
  });

  const [n1, n2, n3, n4] = nodeIds;
  await db.nodeHourlyRollup.createMany({
    data: [
      { nodeId: n1!, hourStart: hourAt(2), bytesUp: 8_000_000_000n, ...rollupTotals, ...rollupExtras },
      { nodeId: n2!, hourStart: hourAt(3), bytesUp: 2_000_000_000n, ...rollupTotals, ...rollupExtras },
      { nodeId: n3!, hourStart: hourAt(4), bytesUp: 0n, ...rollupTotals, ...rollupExtras },
      { nodeId: n4!, hourStart: hourAt(100), bytesUp: 5_000_000_000n, ...rollupTotals, ...rollupExtras },
      {
        nodeId: n1!,
        hourStart: new Date(THIS_HOUR),
        bytesUp: 90_000_000_000n,
        ...rollupTotals,
        ...rollupExtras,
      },
    ],
  });
  await db.nodeDailyRollup.createMany({
    data: [
      { nodeId: n1!, day: dayAt(2), bytesUp: 10_000_000_000n, ...rollupTotals, ...rollupExtras },
      { nodeId: n2!, day: dayAt(40), bytesUp: 4_000_000_000n, ...rollupTotals, ...rollupExtras },
      { nodeId: n3!, day: dayAt(3), bytesUp: 0n, ...rollupTotals, ...rollupExtras },
      // Today, still in progress: long ranges take today's complete hours from the hourly rollups instead.
      { nodeId: n4!, day: dayAt(0), bytesUp: 50_000_000_000n, ...rollupTotals, ...rollupExtras },
    ],
  });

  await insertEpoch(10, [0.5, 0.5]);
  await insertEpoch(3, [0.5, 0.5, 0.5]);
  await insertEpoch(1, [0.05, 0.15, 0.85, 1, 0.8]);

  await insertRound(1, {
    opensAt: new Date(NOW.getTime() - 20 * DAY_MS),
    isOpen: false,
    voters: [
      { operator: 0, nodes: 4, hasVoted: true },
      { operator: 1, nodes: 1, hasVoted: true },
      { operator: 2, nodes: 1, hasVoted: false },
    ],
  });
  await insertRound(2, {
    opensAt: new Date(NOW.getTime() - 2 * DAY_MS),
    isOpen: true,
    voters: [
      { operator: 0, nodes: 1, hasVoted: false },
      { operator: 1, nodes: 1, hasVoted: false },
      { operator: 2, nodes: 1, hasVoted: true },
    ],
  });

  const sample = (msBefore: number, nodes: number, synced: number) => ({
    at: new Date(NOW.getTime() - msBefore),
    latestVersion: 1,
    nodes,
    synced,
    byStatus: "{}",
  });
  await db.syncCoverageSample.createMany({
    data: [sample(3 * DAY_MS, 4, 1), sample(2 * HOUR_MS, 4, 3), sample(HOUR_MS, 0, 0)],
  });
});
afterAll(() => database.drop());

const dashboard = (range: "24h" | "7d" | "30d" | "all") => getNetworkDashboard(db, { range, now: NOW });

describe("getNetworkDashboard: nodes online and data served", () => {
  it("charts each complete hour of the last 24 hours from the network rollups", async () => {
    const result = await dashboard("24h");
    expect(result.from).toBe("2026-11-24T12:30:00.000Z");
    expect(result.to).toBe(NOW.toISOString());
    const points = result.nodesOnline.points;
    expect(result.nodesOnline.bucket).toBe("hour");
    expect(points).toHaveLength(24);
    expect(points[0]!.at).toBe(Date.parse("2026-11-24T12:00:00.000Z"));
    expect(points.at(-1)).toEqual({ at: THIS_HOUR - HOUR_MS, online: 3.5, reporting: 4 });
    expect(points.find((point) => point.at === hourAt(6).getTime())?.online).toBe(1);
    expect(result.dataServed.points.find((point) => point.at === hourAt(6).getTime())?.gb).toBe(5);
    expect(result.headline.gbServed).toBeCloseTo(23 * 2 + 5, 9);
    expect(result.headline.nodesOnline).toBe(3.5);
    expect(result.nodesOnline.summary).toBe(
      "On average 3 of 4 reporting nodes were online over the last 24 hours (lowest hour: 1).",
    );
  });

  it("shows an hour nobody reported in as zero and widens with the range", async () => {
    const result = await dashboard("7d");
    expect(result.nodesOnline.points).toHaveLength(168);
    expect(result.nodesOnline.points.find((point) => point.at === hourAt(SILENT_AGE).getTime())).toEqual({
      at: hourAt(SILENT_AGE).getTime(),
      online: 0,
      reporting: 0,
    });
    expect(result.headline.gbServed).toBeCloseTo(51 + 144 - 1, 9);
  });

  it.each(["30d", "all"] as const)(
    "downsamples %s to at most one point per pixel, keeping the first and last hour",
    async (range) => {
      const result = await dashboard(range);
      const hours = range === "30d" ? 720 : HISTORY_HOURS;
      for (const series of [result.nodesOnline.points, result.dataServed.points]) {
        expect(series.length).toBeLessThanOrEqual(STATS_CHART_MAX_POINTS);
        expect(series.length).toBeGreaterThan(STATS_CHART_MAX_POINTS / 2);
        expect(series[0]!.at).toBe(hourAt(hours).getTime());
        expect(series.at(-1)!.at).toBe(hourAt(1).getTime());
      }
      expect(result.nodesOnline.points.some((point) => point.online === 1)).toBe(true);
      expect(result.headline.gbServed).toBeCloseTo(51 + (hours - 24) - 1, 6);
    },
  );
});

describe("getNetworkDashboard: contribution", () => {
  it("spreads the last 24 hours' bytes over the nodes that reported, zero included", async () => {
    const { contribution, headline } = await dashboard("24h");
    expect(contribution.nodes).toBe(3);
    expect(contribution.gini).toBeCloseTo(16 / 30, 12);
    expect(headline.contributionGini).toBe(contribution.gini);
    expect(contribution.lorenz).toEqual([
      { population: 0, share: 0 },
      { population: 1 / 3, share: 0 },
      { population: 2 / 3, share: 0.2 },
      { population: 1, share: 1 },
    ]);
    expect(contribution.topShares).toEqual([
      { topPercent: 1, share: 0.8 },
      { topPercent: 10, share: 0.8 },
      { topPercent: 50, share: 1 },
    ]);
    expect(contribution.summary).toContain(
      "The top 1 node (33.3 % of nodes) served 80 % of the data (Gini 0.53",
    );
  });

  it("reads complete days, then today's complete hours, for long ranges and keeps older days out of 30 days", async () => {
    expect((await dashboard("7d")).contribution.nodes).toBe(4);
    const month = await dashboard("30d");
    // 10 GB two days ago and 8 GB today for node 1, 2 GB today for node 2, nothing from node 3.
    expect(month.contribution.nodes).toBe(3);
    expect(month.contribution.gini).toBeCloseTo(0.6, 12);
    const all = await dashboard("all");
    expect(all.contribution.nodes).toBe(3);
    expect(all.contribution.lorenz[0]).toEqual({ population: 0, share: 0 });
    expect(all.contribution.lorenz.at(-1)).toEqual({ population: 1, share: 1 });
  });
});

describe("getNetworkDashboard: ratings, rewards and free-riders", () => {
  it("bins the newest epoch's ratings whatever the range and counts guard-worthy nodes", async () => {
    const { ratings } = await dashboard("24h");
    expect(ratings.epochDay).toBe(dayAt(1).toISOString());
    expect(ratings.guardMinRating).toBe(0.8);
    expect(ratings.bins).toHaveLength(10);
    expect(ratings.bins[0]).toEqual({ from: 0, to: 0.1, nodes: 1 });
    expect(ratings.bins.map((bin) => bin.nodes)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 2, 1]);
    expect(ratings.bins.reduce((sum, bin) => sum + bin.nodes, 0)).toBe(5);
    expect(ratings.nodesAtGuardRating).toBe(3);
    expect(ratings.summary).toBe(
      "In the epoch of 24 Nov 2026, 3 of 5 nodes (60 %) had a rating of at least 0.80, enough to serve as a guard node.",
    );
  });

  it("lists the epochs overlapping the range in credits", async () => {
    const day = await dashboard("24h");
    expect(day.rewards.epochs).toEqual([
      { day: dayAt(1).getTime(), paid: 2000, unscaled: 2500, cap: 2000, scale: 0.8, paidNodes: 4 },
    ]);
    expect(day.freeRiders.epochs).toEqual([
      { day: dayAt(1).getTime(), share: 0.2, freeRiders: 1, inGrace: 1, nodes: 5 },
    ]);
    expect((await dashboard("7d")).rewards.epochs.map((epoch) => epoch.day)).toEqual([
      dayAt(3).getTime(),
      dayAt(1).getTime(),
    ]);
    const all = await dashboard("all");
    expect(all.freeRiders.epochs.map((epoch) => epoch.share)).toEqual([0.5, 1 / 3, 0.2]);
    expect(all.rewards.summary).toContain("6,000 credits were paid in 3 epochs over the whole history");
  });
});

describe("getNetworkDashboard: governance", () => {
  it("reports turnout and effective voting power per round opened in the range, oldest first", async () => {
    const month = await dashboard("30d");
    expect(month.participation.rounds).toEqual([
      {
        number: 1,
        isOpen: false,
        opensAt: new Date(NOW.getTime() - 20 * DAY_MS).toISOString(),
        eligibleOperators: 3,
        voters: 2,
        eligibleNodes: 6,
        nodeTurnout: 5 / 6,
      },
      {
        number: 2,
        isOpen: true,
        opensAt: new Date(NOW.getTime() - 2 * DAY_MS).toISOString(),
        eligibleOperators: 3,
        voters: 1,
        eligibleNodes: 3,
        nodeTurnout: 1 / 3,
      },
    ]);
    const expected = [potentialVotingPower([400, 100, 100]), potentialVotingPower([100, 100, 100])].map(
      ({ operators, nakamoto, gini }, index) => ({ number: index + 1, operators, nakamoto, gini }),
    );
    // The fixture's rounds have no eligibility snapshot by cluster: decisions-queries.int.test.ts covers that.
    expect(month.votingPower.rounds).toMatchObject(expected);
    expect(month.votingPower.rounds[0]).toMatchObject({ nakamoto: 2, gini: expect.closeTo(1 / 6, 12) });
    expect(month.headline.nakamoto).toBe(2);
  });

  it("keeps older rounds out of short ranges but still heads with the newest round", async () => {
    const week = await dashboard("7d");
    expect(week.participation.rounds.map((round) => round.number)).toEqual([2]);
    const day = await dashboard("24h");
    expect(day.votingPower.rounds).toEqual([]);
    expect(day.headline.nakamoto).toBe(2);
    expect(day.votingPower.summary).toBe("No round opened in the last 24 hours; pick a longer range.");
    expect(day.participation.summary).toBe("No round opened in the last 24 hours; pick a longer range.");
  });
});

describe("getNetworkDashboard: sync coverage and node count", () => {
  it("charts samples in the range, skipping those without nodes", async () => {
    const day = await dashboard("24h");
    expect(day.syncCoverage.points).toEqual([{ at: NOW.getTime() - 2 * HOUR_MS, percent: 75 }]);
    expect(day.syncCoverage.latestVersion).toBe(1);
    expect(day.headline.syncCoveragePercent).toBe(75);
    expect(day.headline.nodesKnown).toBe(4);
    const week = await dashboard("7d");
    expect(week.syncCoverage.points.map((point) => point.percent)).toEqual([25, 75]);
  });

  it("matches the contract for every range, each chart well under 50 KB of JSON", async () => {
    for (const range of ["24h", "7d", "30d", "all"] as const) {
      const result = await dashboard(range);
      expect(networkDashboardSchema.parse(result)).toEqual(result);
      for (const chart of Object.values(result)) {
        expect(JSON.stringify(chart).length).toBeLessThan(50_000);
      }
    }
  });
});

describe("getNetworkHeadline", () => {
  it("is the 24-hour dashboard's headline", async () => {
    await expect(getNetworkHeadline(db, { now: NOW })).resolves.toEqual({
      range: "24h",
      headline: (await dashboard("24h")).headline,
    });
  });
});

describe("getNetworkDashboard: a long history", () => {
  it("draws all time from daily rollups once it spans more than 8,000 hours", async () => {
    await db.networkHourlyRollup.create({ data: { ...networkHour(1), hourStart: hourAt(9_000) } });
    const daily = (age: number, online: number) => ({
      ...networkTotals,
      day: dayAt(age),
      uptimeSeconds: BigInt(online * 86_400),
      bytesUp: 48_000_000_000n,
    });
    await db.networkDailyRollup.createMany({ data: [daily(375, 2), daily(1, 3), daily(0, 4)] });

    const result = await dashboard("all");
    expect(result.nodesOnline.bucket).toBe("day");
    expect(result.dataServed.bucket).toBe("day");
    expect(result.nodesOnline.points).toHaveLength(375);
    expect(result.nodesOnline.points[0]).toEqual({ at: dayAt(375).getTime(), online: 2, reporting: 4 });
    expect(result.nodesOnline.points.at(-1)).toEqual({ at: dayAt(1).getTime(), online: 3, reporting: 4 });
    expect(result.headline.gbServed).toBe(96);
    expect(result.nodesOnline.summary).toContain("(lowest day: 0)");
  });
});

describe("getNetworkDashboard: minute-by-minute coverage", () => {
  it("averages samples per bucket in the database and still reports the lowest sample", async () => {
    const minutes = Array.from({ length: 3_000 }, (_, index) => 5_000 + index);
    await db.syncCoverageSample.createMany({
      data: minutes.map((minute) => ({
        at: new Date(NOW.getTime() - minute * 60_000),
        latestVersion: 1,
        nodes: 10,
        synced: minute === 6_000 ? 1 : 9,
        byStatus: "{}",
      })),
    });
    const { syncCoverage, headline } = await dashboard("7d");
    expect(syncCoverage.points.length).toBeLessThanOrEqual(STATS_CHART_MAX_POINTS);
    expect(syncCoverage.points.length).toBeGreaterThan(100);
    expect(syncCoverage.points.at(-1)).toEqual({ at: NOW.getTime() - 2 * HOUR_MS, percent: 75 });
    expect(headline.syncCoveragePercent).toBe(75);
    expect(syncCoverage.summary).toBe(
      "75 % of nodes with a config endpoint run the latest config (version 1) now (lowest in this range: 10 %).",
    );
  });
});

describe("getNetworkDashboard on a new network", () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase();
    await ensurePlatform(empty.db, { networkName: "Empty swarm", now: NOW });
  });
  afterAll(() => empty.drop());

  it("returns empty charts with sentences saying what will appear", async () => {
    const result = await getNetworkDashboard(empty.db, { range: "all", now: NOW });
    expect(networkDashboardSchema.parse(result)).toEqual(result);
    expect(result.from).toBeNull();
    expect(result.headline).toEqual({
      nodesOnline: 0,
      nodesKnown: 0,
      gbServed: 0,
      contributionGini: null,
      nakamoto: null,
      syncCoveragePercent: null,
    });
    expect(result.nodesOnline.points).toEqual([]);
    expect(result.dataServed.points).toEqual([]);
    expect(result.contribution).toMatchObject({ gini: null, nodes: 0, lorenz: [], topShares: [] });
    expect(result.ratings.bins.every((bin) => bin.nodes === 0)).toBe(true);
    expect(result.ratings.epochDay).toBeNull();
    expect(result.rewards.epochs).toEqual([]);
    expect(result.freeRiders.epochs).toEqual([]);
    expect(result.participation.rounds).toEqual([]);
    expect(result.votingPower.rounds).toEqual([]);
    expect(result.syncCoverage).toMatchObject({ latestVersion: 1, points: [] });
    expect(result.ratings.summary).toBe(
      "No epoch has been computed yet: ratings appear after the first full day of telemetry.",
    );
    expect(result.nodesOnline.summary).toMatch(/^No telemetry in this range yet: /);
    expect(result.contribution.summary).toMatch(/^No node reported in this range yet: /);
  });

  it("has no Nakamoto coefficient for a round nobody was eligible in", async () => {
    await empty.db.round.create({
      data: {
        number: 1,
        state: "Open",
        isOpen: true,
        opensAt: NOW,
        closesAt: new Date(NOW.getTime() + 7 * DAY_MS),
        rulesVersion: 1,
        creditsPerNode: 100,
        quorum: 0.2,
        metaSupermajority: 0.66,
        eligibleNodes: 0,
      },
    });
    const { headline } = await getNetworkHeadline(empty.db, { now: NOW });
    expect(headline.nakamoto).toBeNull();
    const result = await getNetworkDashboard(empty.db, { range: "all", now: NOW });
    expect(result.headline.nakamoto).toBeNull();
    expect(result.votingPower.summary).toBe(
      "Round 1 had no eligible operators, so no one held voting power.",
    );
  });
});

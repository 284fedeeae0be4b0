import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import {
  summariseContribution,
  summariseDataServed,
  summariseFreeRiders,
  summariseNodesOnline,
  summariseParticipation,
  summariseRatings,
  summariseRewards,
  summariseSyncCoverage,
  summariseVotingPower,
  topGroupSize,
  type SummaryBucket,
} from "@/lib/domain/metrics/dashboard-summaries";
import { giniCoefficient, lorenzCurve } from "@/lib/domain/metrics/inequality";
import { creditsFromMicro } from "@/lib/domain/rewards/compute-epoch";
import { potentialVotingPower } from "@/lib/domain/voting/voting-power";
import {
  STATS_CHART_MAX_POINTS,
  STATS_RANGE_LABELS,
  STATS_RANGE_MS,
  type NetworkDashboard,
  type StatsRange,
} from "@/lib/schemas/network-stats";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db } from "../platform/db";
import { getActiveConfigVersion } from "../governance/issue-config-version";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BUCKET_MS: Record<SummaryBucket, number> = { hour: HOUR_MS, day: DAY_MS };
/** Past this many hours "all" is drawn from daily rollups: fewer rows to read, and LTTB would drop most hours. */
const HOURLY_SERIES_MAX_HOURS = 8_000;
/** Twice the points drawn, so LTTB still has peaks and dips to choose from. */
const COVERAGE_BUCKETS = 2 * STATS_CHART_MAX_POINTS;
const LORENZ_MAX_POINTS = 101;
const TOP_PERCENTS = [1, 10, 50] as const;
const RATING_BINS = 10;

function floorTo(at: Date, stepMs: number): Date {
  return new Date(Math.floor(at.getTime() / stepMs) * stepMs);
}

function rangeStart(range: StatsRange, now: Date): Date | null {
  return range === "all" ? null : new Date(now.getTime() - STATS_RANGE_MS[range]);
}

interface SeriesRow {
  at: number;
  uptimeSeconds: number;
  nodes: number;
  bytesUp: number;
}

/** Every bucket from the first row to the last complete one; a bucket nobody reported in is a real zero. */
function fillGaps(rows: readonly SeriesRow[], { stepMs, lastAt }: { stepMs: number; lastAt: number }) {
  const first = rows[0];
  if (!first) return [];
  const byAt = new Map(rows.map((row) => [row.at, row]));
  const filled: SeriesRow[] = [];
  for (let at = first.at; at <= lastAt; at += stepMs) {
    filled.push(byAt.get(at) ?? { at, uptimeSeconds: 0, nodes: 0, bytesUp: 0 });
  }
  return filled;
}

/** Network rollups of complete buckets in the range: hourly, or daily when "all" spans too many hours. */
async function loadNetworkSeries(db: Db, { from, now }: { from: Date | null; now: Date }) {
  const hourEnd = floorTo(now, HOUR_MS);
  const firstHour = from
    ? floorTo(from, HOUR_MS)
    : (await db.networkHourlyRollup.findFirst({ orderBy: { hourStart: "asc" }, select: { hourStart: true } }))
        ?.hourStart;
  if (!firstHour) return { bucket: "hour" as const, rows: [] };
  if ((hourEnd.getTime() - firstHour.getTime()) / HOUR_MS <= HOURLY_SERIES_MAX_HOURS) {
    const rows = await db.networkHourlyRollup.findMany({
      where: { hourStart: { gte: firstHour, lt: hourEnd } },
      orderBy: { hourStart: "asc" },
      select: { hourStart: true, nodes: true, uptimeSeconds: true, bytesUp: true },
    });
    return {
      bucket: "hour" as const,
      rows: fillGaps(
        rows.map((row) => ({ ...toSeriesRow(row), at: row.hourStart.getTime() })),
        { stepMs: HOUR_MS, lastAt: hourEnd.getTime() - HOUR_MS },
      ),
    };
  }
  const dayEnd = floorTo(now, DAY_MS);
  const rows = await db.networkDailyRollup.findMany({
    where: { day: { lt: dayEnd } },
    orderBy: { day: "asc" },
    select: { day: true, nodes: true, uptimeSeconds: true, bytesUp: true },
  });
  return {
    bucket: "day" as const,
    rows: fillGaps(
      rows.map((row) => ({ ...toSeriesRow(row), at: row.day.getTime() })),
      { stepMs: DAY_MS, lastAt: dayEnd.getTime() - DAY_MS },
    ),
  };
}

function toSeriesRow(row: { nodes: number; uptimeSeconds: bigint; bytesUp: bigint }) {
  return { nodes: row.nodes, uptimeSeconds: Number(row.uptimeSeconds), bytesUp: Number(row.bytesUp) };
}

async function nodesOnlineAndDataServed(
  db: Db,
  { from, now, period }: { from: Date | null; now: Date; period: string },
): Promise<Pick<NetworkDashboard, "nodesOnline" | "dataServed"> & { gbServed: number }> {
  const { bucket, rows } = await loadNetworkSeries(db, { from, now });
  const bucketSeconds = BUCKET_MS[bucket] / 1000;
  const online = rows.map((row) => ({
    at: row.at,
    online: row.uptimeSeconds / bucketSeconds,
    reporting: row.nodes,
  }));
  const served = rows.map((row) => ({ at: row.at, gb: row.bytesUp / 1e9 }));
  return {
    nodesOnline: {
      summary: summariseNodesOnline({ points: online, bucket, period }),
      bucket,
      points: downsampleLttb(
        online,
        STATS_CHART_MAX_POINTS,
        (point) => point.at,
        (point) => point.online,
      ),
    },
    dataServed: {
      summary: summariseDataServed({ points: served, bucket, period }),
      bucket,
      points: downsampleLttb(
        served,
        STATS_CHART_MAX_POINTS,
        (point) => point.at,
        (point) => point.gb,
      ),
    },
    gbServed: served.reduce((sum, point) => sum + point.gb, 0),
  };
}

/** Share of the total held by the top `percent` % of holders (at least one), for each percent. */
function topShares(amounts: readonly number[], total: number) {
  const richestFirst = [...amounts].sort((a, b) => b - a);
  return TOP_PERCENTS.map((topPercent) => {
    const held = richestFirst
      .slice(0, topGroupSize({ nodes: richestFirst.length, topPercent }))
      .reduce((sum, amount) => sum + amount, 0);
    return { topPercent, share: held / total };
  });
}

/** Sums bytes served per node over groups of rollup rows (each node once per group at most). */
function sumBytesPerNode(...groups: { nodeId: string; _sum: { bytesUp: bigint | null } }[][]): number[] {
  const bytes = new Map<string, number>();
  for (const group of groups) {
    for (const row of group)
      bytes.set(row.nodeId, (bytes.get(row.nodeId) ?? 0) + Number(row._sum.bytesUp ?? 0n));
  }
  return [...bytes.values()];
}

/**
 * Bytes served per node that reported in the range's complete hours, as the series: hourly rollups for
 * short ranges; for long ones, daily rollups of the days before today plus today's complete hours.
 */
async function loadBytesPerNode(
  db: Db,
  { range, from, now }: { range: StatsRange; from: Date | null; now: Date },
) {
  const hourEnd = floorTo(now, HOUR_MS);
  const isShortRange = range === "24h" || range === "7d";
  if (isShortRange && from) {
    const groups = await db.nodeHourlyRollup.groupBy({
      by: ["nodeId"],
      where: { hourStart: { gte: floorTo(from, HOUR_MS), lt: hourEnd } },
      _sum: { bytesUp: true },
    });
    return sumBytesPerNode(groups);
  }
  const today = floorTo(now, DAY_MS);
  const [days, todayHours] = await Promise.all([
    db.nodeDailyRollup.groupBy({
      by: ["nodeId"],
      where: { day: { ...(from ? { gte: floorTo(from, DAY_MS) } : {}), lt: today } },
      _sum: { bytesUp: true },
    }),
    db.nodeHourlyRollup.groupBy({
      by: ["nodeId"],
      where: { hourStart: { gte: today, lt: hourEnd } },
      _sum: { bytesUp: true },
    }),
  ]);
  return sumBytesPerNode(days, todayHours);
}

async function contribution(
  db: Db,
  options: { range: StatsRange; from: Date | null; now: Date },
): Promise<NetworkDashboard["contribution"]> {
  const amounts = await loadBytesPerNode(db, options);
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  const hasData = total > 0;
  const gini = hasData ? giniCoefficient(amounts) : null;
  const shares = hasData ? topShares(amounts, total) : [];
  return {
    summary: summariseContribution({
      nodes: amounts.length,
      gini,
      topTenPercentShare: shares.find((share) => share.topPercent === 10)?.share ?? 0,
    }),
    gini,
    nodes: amounts.length,
    lorenz: hasData
      ? downsampleLttb(
          lorenzCurve(amounts),
          LORENZ_MAX_POINTS,
          (point) => point.population,
          (point) => point.share,
        )
      : [],
    topShares: shares,
  };
}

async function ratings(db: Db): Promise<NetworkDashboard["ratings"]> {
  const [epoch, active] = await Promise.all([
    db.epoch.findFirst({
      orderBy: { day: "desc" },
      select: { day: true, entries: { select: { rating: true } } },
    }),
    getActiveConfigVersion(db),
  ]);
  const guardMinRating = active.params["roles.guardMinRating"];
  const counts = Array.from({ length: RATING_BINS }, () => 0);
  for (const { rating } of epoch?.entries ?? []) {
    const bin = Math.min(RATING_BINS - 1, Math.max(0, Math.floor(rating * RATING_BINS)));
    counts[bin]! += 1;
  }
  const nodes = epoch?.entries.length ?? 0;
  const nodesAtGuardRating = epoch?.entries.filter((entry) => entry.rating >= guardMinRating).length ?? 0;
  return {
    summary: summariseRatings({ epochDay: epoch?.day ?? null, nodes, nodesAtGuardRating, guardMinRating }),
    epochDay: epoch?.day.toISOString() ?? null,
    guardMinRating,
    bins: counts.map((count, index) => ({
      from: index / RATING_BINS,
      to: (index + 1) / RATING_BINS,
      nodes: count,
    })),
    nodesAtGuardRating,
  };
}

async function rewardsAndFreeRiders(
  db: Db,
  { from, period }: { from: Date | null; period: string },
): Promise<Pick<NetworkDashboard, "rewards" | "freeRiders">> {
  // An epoch belongs to the range when its day overlaps it, so "24h" shows yesterday's epoch.
  const rows = await db.epoch.findMany({
    where: from ? { day: { gt: new Date(from.getTime() - DAY_MS) } } : {},
    orderBy: { day: "asc" },
    select: {
      day: true,
      nodes: true,
      paidNodes: true,
      freeRiders: true,
      freeRidersInGrace: true,
      emissionCapMicro: true,
      unscaledMicro: true,
      paidMicro: true,
      scale: true,
    },
  });
  const epochs = rows.map((row) => ({
    day: row.day.getTime(),
    paid: creditsFromMicro(row.paidMicro),
    unscaled: creditsFromMicro(row.unscaledMicro),
    cap: creditsFromMicro(row.emissionCapMicro),
    scale: row.scale,
    paidNodes: row.paidNodes,
  }));
  const freeRiders = rows.map((row) => ({
    day: row.day.getTime(),
    share: row.nodes === 0 ? 0 : row.freeRiders / row.nodes,
    freeRiders: row.freeRiders,
    inGrace: row.freeRidersInGrace,
    nodes: row.nodes,
  }));
  return {
    rewards: {
      summary: summariseRewards({
        epochs: epochs.map((epoch) => ({ ...epoch, day: new Date(epoch.day) })),
        period,
      }),
      epochs: downsampleLttb(
        epochs,
        STATS_CHART_MAX_POINTS,
        (epoch) => epoch.day,
        (epoch) => epoch.paid,
      ),
    },
    freeRiders: {
      summary: summariseFreeRiders({
        epochs: freeRiders.map((epoch) => ({ ...epoch, day: new Date(epoch.day) })),
      }),
      epochs: downsampleLttb(
        freeRiders,
        STATS_CHART_MAX_POINTS,
        (epoch) => epoch.day,
        (epoch) => epoch.share,
      ),
    },
  };
}

const ROUND_VOTERS_SELECT = {
  voters: { select: { budget: true, eligibleNodes: true, countedBallotId: true } },
};

async function participationAndVotingPower(
  db: Db,
  { from, rangeLabel }: { from: Date | null; rangeLabel: string },
): Promise<Pick<NetworkDashboard, "participation" | "votingPower">> {
  const [rows, olderRound] = await Promise.all([
    db.round.findMany({
      where: from ? { opensAt: { gte: from } } : {},
      orderBy: { number: "asc" },
      select: { number: true, isOpen: true, opensAt: true, eligibleNodes: true, ...ROUND_VOTERS_SELECT },
    }),
    from ? db.round.findFirst({ where: { opensAt: { lt: from } }, select: { number: true } }) : null,
  ]);
  const emptyRange = { hasOlderRounds: olderRound !== null, rangeLabel };
  const participation = rows.map((row) => {
    const voting = row.voters.filter((voter) => voter.countedBallotId !== null);
    const votingNodes = voting.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
    return {
      number: row.number,
      isOpen: row.isOpen === true,
      opensAt: row.opensAt.toISOString(),
      eligibleOperators: row.voters.length,
      voters: voting.length,
      eligibleNodes: row.eligibleNodes,
      nodeTurnout: row.eligibleNodes === 0 ? 0 : votingNodes / row.eligibleNodes,
    };
  });
  const votingPower = rows.map((row) => {
    const { operators, nakamoto, gini } = potentialVotingPower(row.voters.map((voter) => voter.budget));
    return { number: row.number, operators, nakamoto, gini };
  });
  return {
    participation: {
      summary: summariseParticipation({ rounds: participation, ...emptyRange }),
      rounds: participation,
    },
    votingPower: {
      summary: summariseVotingPower({ rounds: votingPower, ...emptyRange }),
      rounds: votingPower,
    },
  };
}

/** Seconds since 1970 of a stored DateTime: ISO text in SQLite, timestamp(3) in PostgreSQL. */
function epochSecondsOf(db: Db, column: string): Prisma.Sql {
  return databaseKind(db) === "postgres"
    ? Prisma.sql`CAST(EXTRACT(EPOCH FROM ${Prisma.raw(column)}) AS DOUBLE PRECISION)`
    : Prisma.sql`CAST(strftime('%s', ${Prisma.raw(column)}) AS INTEGER)`;
}

/**
 * Coverage averaged (and its lowest) per time bucket, aggregated in the database: the worker samples every
 * minute, so a month is ~43,000 rows, too many to read per request.
 */
async function loadCoverageBuckets(db: Db, { from, now }: { from: Date | null; now: Date }) {
  const start =
    from ??
    (
      await db.syncCoverageSample.findFirst({
        where: { nodes: { gt: 0 } },
        orderBy: { at: "asc" },
        select: { at: true },
      })
    )?.at;
  if (!start) return [];
  const widthMs =
    Math.ceil((now.getTime() - start.getTime() + 1) / (COVERAGE_BUCKETS * MINUTE_MS)) * MINUTE_MS;
  const startMs = start.getTime();
  const bucket = Prisma.sql`FLOOR((${epochSecondsOf(db, '"at"')} * 1000 - ${startMs}) / ${widthMs})`;
  const rows = await db.$queryRaw<{ bucket: number | bigint; percent: number; lowest: number }[]>(Prisma.sql`
    SELECT CAST(${bucket} AS BIGINT) AS "bucket",
      AVG(100 * CAST("synced" AS DOUBLE PRECISION) / "nodes") AS "percent",
      MIN(100 * CAST("synced" AS DOUBLE PRECISION) / "nodes") AS "lowest"
    FROM "SyncCoverageSample"
    WHERE "at" >= ${start} AND "at" <= ${now} AND "nodes" > 0
    GROUP BY 1 ORDER BY 1`);
  return rows.map((row) => ({
    at: startMs + Number(row.bucket) * widthMs,
    percent: Number(row.percent),
    lowest: Number(row.lowest),
  }));
}

/** The newest coverage sample with nodes, 0–100; null before any. */
async function loadCurrentCoveragePercent(db: Db, { now }: { now: Date }): Promise<number | null> {
  const newest = await db.syncCoverageSample.findFirst({
    where: { at: { lte: now }, nodes: { gt: 0 } },
    orderBy: { at: "desc" },
    select: { nodes: true, synced: true },
  });
  return newest ? (newest.synced / newest.nodes) * 100 : null;
}

async function syncCoverage(
  db: Db,
  { from, now }: { from: Date | null; now: Date },
): Promise<{ chart: NetworkDashboard["syncCoverage"]; currentPercent: number | null }> {
  const [buckets, latest, currentPercent] = await Promise.all([
    loadCoverageBuckets(db, { from, now }),
    db.configVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } }),
    loadCurrentCoveragePercent(db, { now }),
  ]);
  const latestVersion = latest?.version ?? null;
  return {
    chart: {
      summary: summariseSyncCoverage({
        currentPercent: buckets.length === 0 ? null : currentPercent,
        lowestPercent: buckets.reduce((least, row) => Math.min(least, row.lowest), 100),
        latestVersion,
      }),
      latestVersion,
      points: downsampleLttb(
        buckets.map(({ at, percent }) => ({ at, percent })),
        STATS_CHART_MAX_POINTS,
        (point) => point.at,
        (point) => point.percent,
      ),
    },
    currentPercent,
  };
}

/** Headline numbers that do not depend on the range: the last complete hour, node count and newest round. */
async function currentState(db: Db, { now }: { now: Date }) {
  const lastHour = new Date(floorTo(now, HOUR_MS).getTime() - HOUR_MS);
  const [hour, nodesKnown, newestRound] = await Promise.all([
    db.networkHourlyRollup.findUnique({ where: { hourStart: lastHour }, select: { uptimeSeconds: true } }),
    db.node.count({ where: { status: { not: "Gone" } } }),
    db.round.findFirst({ orderBy: { number: "desc" }, select: ROUND_VOTERS_SELECT }),
  ]);
  const power = newestRound ? potentialVotingPower(newestRound.voters.map((voter) => voter.budget)) : null;
  return {
    nodesOnline: hour ? Number(hour.uptimeSeconds) / (HOUR_MS / 1000) : 0,
    nodesKnown,
    // A round nobody was eligible in has no coefficient: 0 would read as "perfectly centralised".
    nakamoto: power && power.operators > 0 ? power.nakamoto : null,
  };
}

function periodOf(range: StatsRange): string {
  return range === "all" ? "over the whole history" : `over the ${STATS_RANGE_LABELS[range]}`;
}

/** The range the overview page's headline covers. */
export const NETWORK_HEADLINE_RANGE = "24h" satisfies StatsRange;

/**
 * The dashboard's headline alone, over NETWORK_HEADLINE_RANGE: what the overview page shows, without
 * reading every chart.
 */
export async function getNetworkHeadline(
  db: Db,
  { now }: { now: Date },
): Promise<{ range: StatsRange; headline: NetworkDashboard["headline"] }> {
  const range = NETWORK_HEADLINE_RANGE;
  const from = rangeStart(range, now);
  const [series, spread, syncCoveragePercent, current] = await Promise.all([
    nodesOnlineAndDataServed(db, { from, now, period: periodOf(range) }),
    contribution(db, { range, from, now }),
    loadCurrentCoveragePercent(db, { now }),
    currentState(db, { now }),
  ]);
  return {
    range,
    headline: { ...current, gbServed: series.gbServed, contributionGini: spread.gini, syncCoveragePercent },
  };
}

/**
 * The public network dashboard for a range. Reads only rollups, epochs, rounds and coverage samples
 * (never raw telemetry), one aggregated query per chart, all in parallel; series cover complete buckets.
 */
export async function getNetworkDashboard(
  db: Db,
  { range, now }: { range: StatsRange; now: Date },
): Promise<NetworkDashboard> {
  const from = rangeStart(range, now);
  const period = periodOf(range);
  const [series, spread, rated, epochs, rounds, coverage, current] = await Promise.all([
    nodesOnlineAndDataServed(db, { from, now, period }),
    contribution(db, { range, from, now }),
    ratings(db),
    rewardsAndFreeRiders(db, { from, period }),
    participationAndVotingPower(db, { from, rangeLabel: STATS_RANGE_LABELS[range] }),
    syncCoverage(db, { from, now }),
    currentState(db, { now }),
  ]);
  return {
    range,
    from: from?.toISOString() ?? null,
    to: now.toISOString(),
    headline: {
      ...current,
      gbServed: series.gbServed,
      contributionGini: spread.gini,
      syncCoveragePercent: coverage.currentPercent,
    },
    nodesOnline: series.nodesOnline,
    dataServed: series.dataServed,
    contribution: spread,
    ratings: rated,
    ...epochs,
    ...rounds,
    syncCoverage: coverage.chart,
  };
}

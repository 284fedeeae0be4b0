import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import {
  summariseDataServed,
  summariseNodesOnline,
  summariseSyncCoverage,
} from "@/lib/domain/metrics/dashboard-summaries";
import {
  averageNodesUp,
  coverageBucketWidthMs,
  DAY_MS,
  fillSeriesGaps,
  floorToStep,
  HOUR_MS,
  seriesBucket,
} from "@/lib/domain/metrics/network-series";
import { STATS_CHART_MAX_POINTS, type NetworkDashboard } from "@/lib/schemas/network-stats";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db } from "../platform/db";
import type { StatsWindow } from "./stats-range";

/** Twice the points drawn, so LTTB still has peaks and dips to choose from. */
const COVERAGE_BUCKETS = 2 * STATS_CHART_MAX_POINTS;

function toSeriesRow(row: { nodes: number; uptimeSeconds: bigint; bytesUp: bigint }) {
  return { nodes: row.nodes, uptimeSeconds: Number(row.uptimeSeconds), bytesUp: Number(row.bytesUp) };
}

/** Network rollups of complete buckets in the range: hourly, or daily when "all" spans too many hours. */
async function loadNetworkSeries(db: Db, { from, now }: Pick<StatsWindow, "from" | "now">) {
  const hourEnd = floorToStep(now, HOUR_MS);
  const firstHour = from
    ? floorToStep(from, HOUR_MS)
    : (await db.networkHourlyRollup.findFirst({ orderBy: { hourStart: "asc" }, select: { hourStart: true } }))
        ?.hourStart;
  if (!firstHour) return { bucket: "hour" as const, rows: [] };
  if (seriesBucket({ firstHour, hourEnd }) === "hour") {
    const rows = await db.networkHourlyRollup.findMany({
      where: { hourStart: { gte: firstHour, lt: hourEnd } },
      orderBy: { hourStart: "asc" },
      select: { hourStart: true, nodes: true, uptimeSeconds: true, bytesUp: true },
    });
    return {
      bucket: "hour" as const,
      rows: fillSeriesGaps(
        rows.map((row) => ({ ...toSeriesRow(row), at: row.hourStart.getTime() })),
        { stepMs: HOUR_MS, lastAt: hourEnd.getTime() - HOUR_MS },
      ),
    };
  }
  const dayEnd = floorToStep(now, DAY_MS);
  const rows = await db.networkDailyRollup.findMany({
    where: { day: { lt: dayEnd } },
    orderBy: { day: "asc" },
    select: { day: true, nodes: true, uptimeSeconds: true, bytesUp: true },
  });
  return {
    bucket: "day" as const,
    rows: fillSeriesGaps(
      rows.map((row) => ({ ...toSeriesRow(row), at: row.day.getTime() })),
      { stepMs: DAY_MS, lastAt: dayEnd.getTime() - DAY_MS },
    ),
  };
}

/** The nodes-online and data-served charts of the range, and the GB served in it for the headline. */
export async function getNodesOnlineAndDataServed(
  db: Db,
  { from, now, period }: Pick<StatsWindow, "from" | "now" | "period">,
): Promise<Pick<NetworkDashboard, "nodesOnline" | "dataServed"> & { gbServed: number }> {
  const { bucket, rows } = await loadNetworkSeries(db, { from, now });
  const online = rows.map((row) => ({
    at: row.at,
    online: averageNodesUp(row.uptimeSeconds, bucket),
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

/** Nodes up on average in the last complete hour; 0 when nobody reported in it. */
export async function getNodesOnlineLastHour(db: Db, { now }: { now: Date }): Promise<number> {
  const lastHour = new Date(floorToStep(now, HOUR_MS).getTime() - HOUR_MS);
  const hour = await db.networkHourlyRollup.findUnique({
    where: { hourStart: lastHour },
    select: { uptimeSeconds: true },
  });
  return hour ? averageNodesUp(Number(hour.uptimeSeconds), "hour") : 0;
}

/** Nodes that are not Gone. */
export function countKnownNodes(db: Db): Promise<number> {
  return db.node.count({ where: { status: { not: "Gone" } } });
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
async function loadCoverageBuckets(db: Db, { from, now }: Pick<StatsWindow, "from" | "now">) {
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
  const widthMs = coverageBucketWidthMs({ start, now, buckets: COVERAGE_BUCKETS });
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
export async function getCurrentSyncCoveragePercent(db: Db, { now }: { now: Date }): Promise<number | null> {
  const newest = await db.syncCoverageSample.findFirst({
    where: { at: { lte: now }, nodes: { gt: 0 } },
    orderBy: { at: "desc" },
    select: { nodes: true, synced: true },
  });
  return newest ? (newest.synced / newest.nodes) * 100 : null;
}

/** The sync-coverage chart of the range, and the current coverage for the headline. */
export async function getSyncCoverage(
  db: Db,
  { from, now }: Pick<StatsWindow, "from" | "now">,
): Promise<{ chart: NetworkDashboard["syncCoverage"]; currentPercent: number | null }> {
  const [buckets, latest, currentPercent] = await Promise.all([
    loadCoverageBuckets(db, { from, now }),
    db.configVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } }),
    getCurrentSyncCoveragePercent(db, { now }),
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

import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import { summariseContribution, summariseFreeRiders } from "@/lib/domain/metrics/dashboard-summaries";
import { giniCoefficient, lorenzCurve, topShares } from "@/lib/domain/metrics/inequality";
import { DAY_MS, floorToStep, HOUR_MS } from "@/lib/domain/metrics/network-series";
import { freeRiderShare } from "@/lib/domain/rewards/epoch-reward";
import { epochOverlapBound } from "@/lib/domain/rewards/epoch-schedule";
import { STATS_CHART_MAX_POINTS, type NetworkDashboard } from "@/lib/schemas/network-stats";
import type { Db } from "../platform/db";
import type { StatsWindow } from "./stats-range";

const LORENZ_MAX_POINTS = 101;
const TOP_PERCENTS = [1, 10, 50] as const;

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
async function loadBytesPerNode(db: Db, { range, from, now }: Pick<StatsWindow, "range" | "from" | "now">) {
  const hourEnd = floorToStep(now, HOUR_MS);
  const isShortRange = range === "24h" || range === "7d";
  if (isShortRange && from) {
    const groups = await db.nodeHourlyRollup.groupBy({
      by: ["nodeId"],
      where: { hourStart: { gte: floorToStep(from, HOUR_MS), lt: hourEnd } },
      _sum: { bytesUp: true },
    });
    return sumBytesPerNode(groups);
  }
  const today = floorToStep(now, DAY_MS);
  const [days, todayHours] = await Promise.all([
    db.nodeDailyRollup.groupBy({
      by: ["nodeId"],
      where: { day: { ...(from ? { gte: floorToStep(from, DAY_MS) } : {}), lt: today } },
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

/** How evenly the nodes that reported in the range shared the serving: Gini, Lorenz curve and top shares. */
export async function getContribution(
  db: Db,
  window: Pick<StatsWindow, "range" | "from" | "now">,
): Promise<NetworkDashboard["contribution"]> {
  const amounts = await loadBytesPerNode(db, window);
  const hasData = amounts.reduce((sum, amount) => sum + amount, 0) > 0;
  const gini = hasData ? giniCoefficient(amounts) : null;
  const shares = hasData ? topShares(amounts, TOP_PERCENTS) : [];
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

/** The share of free-riders in each computed epoch overlapping the range (a blocked day classified nobody). */
export async function getFreeRiders(
  db: Db,
  { from }: Pick<StatsWindow, "from">,
): Promise<NetworkDashboard["freeRiders"]> {
  const rows = await db.epoch.findMany({
    where: { status: "Computed", ...(from ? { day: { gt: epochOverlapBound(from) } } : {}) },
    orderBy: { day: "asc" },
    select: { day: true, nodes: true, freeRiders: true, freeRidersInGrace: true },
  });
  const epochs = rows.map((row) => ({
    day: row.day.getTime(),
    share: freeRiderShare(row),
    freeRiders: row.freeRiders,
    inGrace: row.freeRidersInGrace,
    nodes: row.nodes,
  }));
  return {
    summary: summariseFreeRiders({ epochs: epochs.map((epoch) => ({ ...epoch, day: new Date(epoch.day) })) }),
    epochs: downsampleLttb(
      epochs,
      STATS_CHART_MAX_POINTS,
      (epoch) => epoch.day,
      (epoch) => epoch.share,
    ),
  };
}

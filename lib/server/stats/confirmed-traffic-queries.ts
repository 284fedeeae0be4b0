import { DomainError } from "@/lib/domain/errors";
import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import {
  confirmedShareSeries,
  gigabytesOf,
  summariseConfirmedShare,
} from "@/lib/domain/metrics/confirmed-traffic";
import { DAY_MS, floorToStep } from "@/lib/domain/metrics/network-series";
import { epochOverlapBound } from "@/lib/domain/rewards/epoch-schedule";
import {
  TRAFFIC_DAYS_SHOWN,
  type NodeTraffic,
  type OperatorTraffic,
  type TrafficDay,
  type TrafficFigures,
} from "@/lib/schemas/confirmed-traffic";
import { STATS_CHART_MAX_POINTS, type NetworkDashboard } from "@/lib/schemas/network-stats";
import type { Db } from "../platform/db";
import { getActiveConfigVersion } from "../governance/config-version-queries";
import type { StatsWindow } from "./stats-range";

const LEDGER_FIGURES = { bytesUp: true, corroboratedBytesUp: true, paidBytesUp: true } as const;

type LedgerFigures = { bytesUp: bigint; corroboratedBytesUp: bigint; paidBytesUp: bigint };
type LedgerSums = { [K in keyof LedgerFigures]: bigint | null };

function figuresOf({
  bytesUp,
  corroboratedBytesUp,
  paidBytesUp,
}: LedgerFigures | LedgerSums): TrafficFigures {
  return {
    claimedBytes: bytesUp ?? 0n,
    confirmedBytes: corroboratedBytesUp ?? 0n,
    paidBytes: paidBytesUp ?? 0n,
  };
}

function totalOf(days: readonly TrafficDay[]): TrafficFigures {
  const totals: TrafficFigures = { claimedBytes: 0n, confirmedBytes: 0n, paidBytes: 0n };
  for (const day of days) {
    if (day.status !== "Computed") continue;
    totals.claimedBytes += day.claimedBytes;
    totals.confirmedBytes += day.confirmedBytes;
    totals.paidBytes += day.paidBytes;
  }
  return totals;
}

/**
 * Blocked epochs since `since` (the first report of a node, or of any of an operator's nodes; null when
 * none reported, so no day could have been paid): they have no ledger lines, so without them a day
 * nothing was paid for would silently be missing from the list.
 */
async function blockedDaysSince(db: Db, since: Date | null): Promise<TrafficDay[]> {
  if (since === null) return [];
  const epochs = await db.epoch.findMany({
    where: { status: "Blocked", day: { gte: floorToStep(since, DAY_MS) } },
    orderBy: { day: "desc" },
    take: TRAFFIC_DAYS_SHOWN,
    select: { day: true, blockedReason: true },
  });
  return epochs.map((epoch) => ({
    status: "Blocked",
    day: epoch.day,
    reason: epoch.blockedReason ?? "The day's totals could not be worked out.",
  }));
}

/** The newest TRAFFIC_DAYS_SHOWN of both lists, newest first. */
function newestDays(computed: readonly TrafficDay[], blocked: readonly TrafficDay[]): TrafficDay[] {
  return [...computed, ...blocked]
    .sort((a, b) => b.day.getTime() - a.day.getTime())
    .slice(0, TRAFFIC_DAYS_SHOWN);
}

async function uncorroboratedWeight(db: Db): Promise<number> {
  return (await getActiveConfigVersion(db)).params["reward.uncorroboratedWeight"];
}

/**
 * One of the operator's nodes over its newest TRAFFIC_DAYS_SHOWN days: data served as claimed, as
 * confirmed by peers in other networks and as paid, from the reward ledger (the days it ran the node),
 * with blocked days in between. Someone else's node is reported as missing.
 */
export async function getNodeTraffic(
  db: Db,
  { operatorId, nodeId }: { operatorId: string; nodeId: string },
): Promise<NodeTraffic> {
  const node = await db.node.findFirst({
    where: { id: nodeId, operatorId },
    select: { firstReportedAt: true },
  });
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "You have no node with this id. Check the link, or open My nodes to see the nodes you run.",
    );
  }
  const [entries, blocked, weight] = await Promise.all([
    db.rewardLedgerEntry.findMany({
      where: { nodeId, operatorId },
      orderBy: { day: "desc" },
      take: TRAFFIC_DAYS_SHOWN,
      select: { day: true, ...LEDGER_FIGURES },
    }),
    blockedDaysSince(db, node.firstReportedAt),
    uncorroboratedWeight(db),
  ]);
  const days = newestDays(
    entries.map((entry) => ({ status: "Computed", day: entry.day, ...figuresOf(entry) })),
    blocked,
  );
  return { nodeId, days, totals: totalOf(days), uncorroboratedWeight: weight };
}

/**
 * All the operator's nodes over their newest TRAFFIC_DAYS_SHOWN ledger days, day by day, with blocked days
 * in between, and each node over the same days. Only days the operator ran the nodes count.
 */
export async function getOperatorTraffic(
  db: Db,
  { operatorId }: { operatorId: string },
): Promise<OperatorTraffic> {
  const [perDay, nodes, weight] = await Promise.all([
    db.rewardLedgerEntry.groupBy({
      by: ["day"],
      where: { operatorId },
      orderBy: { day: "desc" },
      take: TRAFFIC_DAYS_SHOWN,
      _sum: LEDGER_FIGURES,
    }),
    db.node.findMany({
      where: { operatorId },
      // "Active" sorts before "Gone", as on the operator's other lists.
      orderBy: [{ status: "asc" }, { nameSearch: "asc" }, { id: "asc" }],
      select: { id: true, name: true, firstReportedAt: true },
    }),
    uncorroboratedWeight(db),
  ]);
  const firstReportedAt = nodes.reduce<Date | null>(
    (first, { firstReportedAt: at }) => (at !== null && (first === null || at < first) ? at : first),
    null,
  );
  const blocked = await blockedDaysSince(db, firstReportedAt);
  const days = newestDays(
    perDay.map((row) => ({ status: "Computed", day: row.day, ...figuresOf(row._sum) })),
    blocked,
  );
  const oldestComputed = days.findLast((day) => day.status === "Computed")?.day;
  const perNode = oldestComputed
    ? await db.rewardLedgerEntry.groupBy({
        by: ["nodeId"],
        where: { operatorId, day: { gte: oldestComputed } },
        _sum: LEDGER_FIGURES,
      })
    : [];
  const byNode = new Map(perNode.map((row) => [row.nodeId, figuresOf(row._sum)]));
  return {
    days,
    totals: totalOf(days),
    uncorroboratedWeight: weight,
    nodes: nodes.flatMap((node) => {
      const figures = byNode.get(node.id);
      return figures ? [{ nodeId: node.id, name: node.name, ...figures }] : [];
    }),
  };
}

/**
 * The network's confirmed share per day overlapping the range (Σ confirmed ÷ Σ claimed of each computed
 * epoch; the summary names the blocked days left out), LTTB-downsampled on the share.
 */
export async function getConfirmedShare(
  db: Db,
  { from }: Pick<StatsWindow, "from">,
): Promise<NetworkDashboard["confirmedShare"]> {
  const epochs = await db.epoch.findMany({
    where: from ? { day: { gt: epochOverlapBound(from) } } : {},
    orderBy: { day: "asc" },
    select: { day: true, status: true, ...LEDGER_FIGURES },
  });
  const series = confirmedShareSeries(epochs);
  const points = series.points.map((point) => ({
    day: point.day.getTime(),
    share: point.share,
    claimedGb: gigabytesOf(point.claimedBytes),
    confirmedGb: gigabytesOf(point.confirmedBytes),
    paidGb: gigabytesOf(point.paidBytes),
  }));
  return {
    summary: summariseConfirmedShare(series),
    points: downsampleLttb(
      points,
      STATS_CHART_MAX_POINTS,
      (point) => point.day,
      (point) => point.share,
    ),
  };
}

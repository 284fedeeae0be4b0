import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { averageRating } from "@/lib/domain/metrics/rating-distribution";
import { ratingTrend, spreadEvenly } from "@/lib/domain/metrics/rating-trend";
import { nodeUptimeShare, possibleUptimeSeconds, totalUptimeShare } from "@/lib/domain/metrics/uptime-share";
import { creditsFromMicro, epochRewardParams } from "@/lib/domain/rewards/compute-epoch";
import { UPTIME_BONUS_MIN_RELIABILITY } from "@/lib/domain/rewards/epoch-reward";
import type { SyncStatus } from "@/lib/domain/sync/sync-status";
import {
  RATING_TREND_MAX_POINTS,
  type OperatorNodeStats,
  type OperatorStats,
  type OperatorStatsRange,
} from "@/lib/schemas/operator-stats";
import type { Db } from "../platform/db";
import { getActiveConfigVersion } from "../governance/config-version-queries";
import { latestLedgerEntries, ledgerPointsAt, type LedgerPoint } from "../rewards/reward-ledger-queries";
import { operatorStatsRangeStart } from "./stats-range";

const BYTES_PER_GB = 1e9;

/**
 * Per node in the range: its credits, and the ledger points its rating trend needs: its first and last
 * epoch plus up to RATING_TREND_MAX_POINTS − 2 epoch days spread over the range, so a long history is
 * never read whole.
 */
async function rangeLedger(
  db: Db,
  { operatorId, from }: { operatorId: string; from: Date | null },
): Promise<{ creditsByNode: Map<string, bigint>; pointsByNode: Map<string, LedgerPoint[]> }> {
  const dayFilter = from ? { gte: from } : undefined;
  const [perNode, epochDays] = await Promise.all([
    db.rewardLedgerEntry.groupBy({
      by: ["nodeId"],
      where: { operatorId, day: dayFilter },
      _sum: { rewardMicro: true },
      _min: { day: true },
      _max: { day: true },
    }),
    db.epoch.findMany({
      where: { day: dayFilter, status: "Computed" },
      orderBy: { day: "asc" },
      select: { day: true },
    }),
  ]);
  const sampledDays = spreadEvenly(
    epochDays.map((epoch) => epoch.day),
    RATING_TREND_MAX_POINTS - 2,
  );
  const edges = perNode.flatMap(({ nodeId, _min, _max }) =>
    _min.day && _max.day
      ? [
          { nodeId, day: _min.day },
          { nodeId, day: _max.day },
        ]
      : [],
  );
  const [sampled, edgePoints] = await Promise.all([
    sampledDays.length === 0
      ? []
      : db.rewardLedgerEntry.findMany({
          where: { operatorId, day: { in: sampledDays } },
          select: { nodeId: true, day: true, ratingBefore: true, rating: true, classification: true },
        }),
    ledgerPointsAt(db, edges),
  ]);
  const pointsByNode = new Map<string, Map<number, LedgerPoint>>();
  for (const point of [...sampled, ...edgePoints]) {
    const points = pointsByNode.get(point.nodeId) ?? new Map<number, LedgerPoint>();
    points.set(point.day.getTime(), point);
    pointsByNode.set(point.nodeId, points);
  }
  return {
    creditsByNode: new Map(perNode.map((row) => [row.nodeId, row._sum.rewardMicro ?? 0n])),
    pointsByNode: new Map(
      [...pointsByNode].map(([nodeId, points]) => [
        nodeId,
        [...points.values()].sort((a, b) => a.day.getTime() - b.day.getTime()),
      ]),
    ),
  };
}

/** freeRider.throttleFactor of the config version each of these epoch days was computed with. */
async function throttleFactorByDay(db: Db, days: readonly Date[]): Promise<Map<number, number>> {
  if (days.length === 0) return new Map();
  const epochs = await db.epoch.findMany({
    where: { day: { in: [...new Set(days.map((day) => day.getTime()))].map((ms) => new Date(ms)) } },
    select: { day: true, configVersion: true },
  });
  const versions = await db.configVersion.findMany({
    where: { version: { in: [...new Set(epochs.map((epoch) => epoch.configVersion))] } },
    select: { version: true, envelope: true },
  });
  const throttleByVersion = new Map(
    versions.map((row) => [
      row.version,
      parseConfigEnvelope(row.envelope).params["freeRider.throttleFactor"],
    ]),
  );
  return new Map(
    epochs.flatMap((epoch) => {
      const throttle = throttleByVersion.get(epoch.configVersion);
      return throttle === undefined ? [] : [[epoch.day.getTime(), throttle] as const];
    }),
  );
}

/**
 * The operator's view of their own nodes over a range: per node uptime, data served, rating and its
 * trend, credits, last classification and config status; their totals; and the active reward rules.
 */
export async function getOperatorStats(
  db: Db,
  { operatorId, range, now }: { operatorId: string; range: OperatorStatsRange; now: Date },
): Promise<OperatorStats> {
  const from = operatorStatsRangeStart(range, now);
  const dayFilter = from ? { gte: from } : undefined;
  const [active, nodes, ledger, usage, lastEpoch] = await Promise.all([
    getActiveConfigVersion(db),
    db.node.findMany({
      where: { operatorId },
      // "Active" sorts before "Gone".
      orderBy: [{ status: "asc" }, { nameSearch: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        status: true,
        firstReportedAt: true,
        reportedConfigVersion: true,
        sync: { select: { status: true } },
      },
    }),
    rangeLedger(db, { operatorId, from }),
    db.nodeDailyRollup.groupBy({
      by: ["nodeId"],
      where: { node: { operatorId }, day: dayFilter },
      _sum: { uptimeSeconds: true, bytesUp: true },
    }),
    db.epoch.findFirst({
      where: { status: "Computed" },
      orderBy: { day: "desc" },
      select: { day: true, configVersion: true, scale: true },
    }),
  ]);
  const [newestEntries, lastEpochCredits] = await Promise.all([
    latestLedgerEntries(db, { nodeIds: nodes.map((node) => node.id) }),
    lastEpoch
      ? db.rewardLedgerEntry.aggregate({
          where: { operatorId, day: lastEpoch.day },
          _sum: { rewardMicro: true },
        })
      : null,
  ]);
  const throttles = await throttleFactorByDay(
    db,
    newestEntries.map((entry) => entry.day),
  );

  const usageByNode = new Map(usage.map((row) => [row.nodeId, row._sum]));
  const newestByNode = new Map(newestEntries.map((entry) => [entry.nodeId, entry]));

  const rows = nodes.map((node): OperatorNodeStats => {
    const sums = usageByNode.get(node.id);
    const points = ledger.pointsByNode.get(node.id) ?? [];
    const newest = newestByNode.get(node.id);
    const possible = possibleUptimeSeconds({ firstReportedAt: node.firstReportedAt, from, now });
    const firstPoint = points[0];
    const lastPoint = points.at(-1);
    return {
      nodeId: node.id,
      name: node.name,
      status: node.status,
      uptimeShare: nodeUptimeShare(sums?.uptimeSeconds ?? 0, possible),
      gbServed: Number(sums?.bytesUp ?? 0n) / BYTES_PER_GB,
      rating: newest?.rating ?? null,
      ratingChange: firstPoint && lastPoint ? lastPoint.rating - firstPoint.ratingBefore : null,
      ratingTrend: ratingTrend(points, RATING_TREND_MAX_POINTS),
      creditsInRange: creditsFromMicro(ledger.creditsByNode.get(node.id) ?? 0n),
      lastClassification: (newest?.classification as OperatorNodeStats["lastClassification"]) ?? null,
      lastEpochDay: newest?.day ?? null,
      lastThrottleFactor: newest ? (throttles.get(newest.day.getTime()) ?? null) : null,
      syncStatus: (node.sync?.status as SyncStatus | undefined) ?? null,
      configVersion: node.reportedConfigVersion,
    };
  });

  const live = nodes.filter((node) => node.status !== "Gone");
  const liveIds = new Set(live.map((node) => node.id));
  const possibleTotal = live.reduce(
    (total, node) =>
      total + (possibleUptimeSeconds({ firstReportedAt: node.firstReportedAt, from, now }) ?? 0),
    0,
  );
  const uptimeTotal = live.reduce((total, node) => total + (usageByNode.get(node.id)?.uptimeSeconds ?? 0), 0);
  const rewards = epochRewardParams(active.params);
  return {
    range,
    from,
    to: now,
    totals: {
      nodes: live.length,
      uptimeShare: totalUptimeShare(uptimeTotal, possibleTotal),
      gbServed: rows.reduce((total, row) => total + row.gbServed, 0),
      creditsInRange: creditsFromMicro(
        [...ledger.creditsByNode.values()].reduce((total, micro) => total + micro, 0n),
      ),
      creditsLastEpoch: creditsFromMicro(lastEpochCredits?._sum.rewardMicro ?? 0n),
      averageRating: averageRating(
        rows.flatMap((row) => (liveIds.has(row.nodeId) && row.rating !== null ? [row.rating] : [])),
      ),
    },
    nodes: rows,
    lastEpoch,
    rules: {
      configVersion: active.version,
      perGbUploaded: rewards.perGbUploaded,
      uncorroboratedWeight: active.params["reward.uncorroboratedWeight"],
      uptimeBonusPerDay: rewards.uptimeBonusPerDay,
      uptimeBonusMinShare: UPTIME_BONUS_MIN_RELIABILITY,
      epochEmissionCap: rewards.epochEmissionCap,
      minShareRatio: rewards.minShareRatio,
      throttleFactor: rewards.throttleFactor,
      graceDays: rewards.graceDays,
    },
  };
}

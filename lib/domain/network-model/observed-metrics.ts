import { giniCoefficient, topShares } from "@/lib/domain/metrics/inequality";
import { MICRO_CREDITS_PER_CREDIT } from "@/lib/domain/rewards/compute-epoch";
import type { NodeClassification } from "@/lib/domain/rewards/epoch-reward";
import type { DayMetrics, ModelNodeKind } from "@/lib/domain/network-model/model-types";

/**
 * One node's line of the reward ledger on one day, as the network model reads it (numbers, not bigints:
 * a day's bytes stay far below 2^53). `windowSeconds` is the ledger's telemetry window; when a caller
 * leaves it out the latency is averaged over uptime instead.
 */
export interface LedgerDayEntry {
  /** The epoch's day (UTC midnight). */
  day: Date;
  nodeId: string;
  operatorId: string;
  /** The node's network cluster that day; null before clusters were recorded. */
  clusterPrefix: string | null;
  uptimeSeconds: number;
  /** Seconds of telemetry window credited that day (RewardLedgerEntry.windowSeconds). */
  windowSeconds?: number;
  /** Bytes served as the node claimed them. */
  bytesUp: number;
  /** Bytes served that were paid for (corroborated + uncorroboratedWeight × the rest). */
  paidBytesUp: number;
  /** Of bytesUp, the bytes peers in other clusters confirmed. */
  corroboratedBytesUp: number;
  bytesDown: number;
  /** Σ round(median latency ms × window seconds) over the day's reports. */
  latencyMsSeconds: number;
  classification: NodeClassification;
  unscaledMicro: number;
  rewardMicro: number;
  /** The node's rating after the day. */
  rating: number;
}

/** The share of the nodes' served bytes the top TOP_PERCENT % of nodes served (as on /stats). */
export const TOP_PERCENT = 10;

/**
 * One day as the metrics read it: one index per node, parallel columns (plain or typed arrays, so the
 * simulation can hand over its own buffers). Only the indices with `up` truthy count.
 */
export interface DayOutcomes {
  /** Nonzero/true when the node was up that day. */
  up: ArrayLike<number | boolean>;
  /** Paid bytes the node served that day. */
  servedBytes: ArrayLike<number>;
  /** The node's cluster key (any string or number that is equal for nodes of one cluster). */
  cluster: ArrayLike<string | number>;
  /** Nonzero/true for a data-centre node, else a home node. */
  dataCentre: ArrayLike<number | boolean>;
  /** Nonzero/true for a free-rider past its grace period that day. */
  freeRider: ArrayLike<number | boolean>;
  /** Credits the node was paid that day (after the cap). */
  credits: ArrayLike<number>;
  /** The node's rating after the day. */
  rating: ArrayLike<number>;
}

/** The median of `values` (the mean of the two middle ones for an even count); 0 when empty. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * One day's DayMetrics (definitions on DayMetrics in model-types.ts) from every node's outcome: the one
 * function both the simulation and the observed ledger use, so a forecast and the real day are measured
 * alike. Gini and the top-10 % share come from inequality.ts, as /stats computes them.
 */
export function dayMetrics({
  outcomes,
  emissionCredits,
  payoutScale,
  guardMinRating,
}: {
  outcomes: DayOutcomes;
  emissionCredits: number;
  payoutScale: number;
  guardMinRating: number;
}): DayMetrics {
  const served: number[] = [];
  const servedByCluster = new Map<string | number, number>();
  const homeCredits: number[] = [];
  const dataCentreCredits: number[] = [];
  let freeRiders = 0;
  let ratingSum = 0;
  let guardEligible = 0;
  const count = outcomes.up.length;
  for (let index = 0; index < count; index += 1) {
    if (!outcomes.up[index]) continue;
    const bytes = outcomes.servedBytes[index]!;
    served.push(bytes);
    const cluster = outcomes.cluster[index]!;
    servedByCluster.set(cluster, (servedByCluster.get(cluster) ?? 0) + bytes);
    (outcomes.dataCentre[index] ? dataCentreCredits : homeCredits).push(outcomes.credits[index]!);
    if (outcomes.freeRider[index]) freeRiders += 1;
    const rating = outcomes.rating[index]!;
    ratingSum += rating;
    if (rating >= guardMinRating) guardEligible += 1;
  }
  const nodesOnline = served.length;
  const totalServed = served.reduce((sum, bytes) => sum + bytes, 0);
  let largestCluster = 0;
  for (const bytes of servedByCluster.values()) largestCluster = Math.max(largestCluster, bytes);
  return {
    top10Share: totalServed > 0 ? topShares(served, [TOP_PERCENT])[0]!.share : 0,
    largestClusterShare: totalServed > 0 ? largestCluster / totalServed : 0,
    giniServed: giniCoefficient(served),
    freeRiderShare: nodesOnline === 0 ? 0 : freeRiders / nodesOnline,
    emissionCredits,
    payoutScale,
    meanRating: nodesOnline === 0 ? 0 : ratingSum / nodesOnline,
    guardEligible,
    homeNodeEarnings: medianOf(homeCredits),
    dataCentreNodeEarnings: medianOf(dataCentreCredits),
    nodesOnline,
  };
}

/**
 * The payout scale of a day from its ledger: paid ÷ unscaled when the cap bound, else 1 (also 1 when
 * nothing was owed). Below the Epoch row's own `scale` by at most the floor rounding of each payout.
 */
export function payoutScaleOf({
  paidMicro,
  unscaledMicro,
}: {
  paidMicro: number;
  unscaledMicro: number;
}): number {
  return unscaledMicro <= 0 || paidMicro >= unscaledMicro ? 1 : paidMicro / unscaledMicro;
}

/**
 * DayMetrics of one real day from its reward ledger lines (all of one day): served bytes = paidBytesUp,
 * up = uptimeSeconds > 0, free-rider = classification "FreeRider" (past grace), credits = rewardMicro ÷ 1e6,
 * kind from `kinds` (home when a node is missing). `scale` is the Epoch row's payout scale when the
 * caller has it; otherwise it is read from the lines (payoutScaleOf).
 */
export function observedDayMetrics({
  entries,
  guardMinRating,
  kinds,
  scale,
}: {
  entries: readonly LedgerDayEntry[];
  guardMinRating: number;
  kinds: ReadonlyMap<string, ModelNodeKind>;
  scale?: number;
}): DayMetrics {
  let paidMicro = 0;
  let unscaledMicro = 0;
  for (const entry of entries) {
    paidMicro += entry.rewardMicro;
    unscaledMicro += entry.unscaledMicro;
  }
  return dayMetrics({
    outcomes: {
      up: entries.map((entry) => entry.uptimeSeconds > 0),
      servedBytes: entries.map((entry) => entry.paidBytesUp),
      cluster: entries.map((entry) => entry.clusterPrefix ?? entry.nodeId),
      dataCentre: entries.map((entry) => kinds.get(entry.nodeId) === "dataCentre"),
      freeRider: entries.map((entry) => entry.classification === "FreeRider"),
      credits: entries.map((entry) => entry.rewardMicro / MICRO_CREDITS_PER_CREDIT),
      rating: entries.map((entry) => entry.rating),
    },
    emissionCredits: paidMicro / MICRO_CREDITS_PER_CREDIT,
    payoutScale: scale ?? payoutScaleOf({ paidMicro, unscaledMicro }),
    guardMinRating,
  });
}

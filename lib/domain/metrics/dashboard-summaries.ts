import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import { topGroupSize } from "@/lib/domain/metrics/inequality";
import { freeRiderShare } from "@/lib/domain/rewards/epoch-reward";

/** Whether a series' points are hours or days. */
export type SummaryBucket = "hour" | "day";

function counted(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;
}

/** Whole numbers from 100 up, fewer decimals the larger the amount, so small amounts never read as 0. */
function formatAmount(value: number): string {
  const digits = value >= 100 ? 0 : value >= 1 ? 1 : 3;
  return formatNumber(value, { maxFractionDigits: digits });
}

function formatRatio(value: number): string {
  return formatNumber(value, { minFractionDigits: 2, maxFractionDigits: 2 });
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function lowest(values: readonly number[]): number {
  return values.reduce((least, value) => Math.min(least, value), Number.POSITIVE_INFINITY);
}

function highest(values: readonly number[]): number {
  return values.reduce((most, value) => Math.max(most, value), Number.NEGATIVE_INFINITY);
}

/** Nodes online: the average online out of the average reporting over `period`, and the lowest bucket. */
export function summariseNodesOnline({
  points,
  bucket,
  period,
}: {
  points: readonly { online: number; reporting: number }[];
  bucket: SummaryBucket;
  period: string;
}): string {
  if (points.length === 0) {
    return "No telemetry in this range yet: the chart shows how many nodes were online each hour once nodes send their reports.";
  }
  const online = Math.round(average(points.map((point) => point.online)));
  const reporting = Math.round(average(points.map((point) => point.reporting)));
  const least = formatNumber(lowest(points.map((point) => point.online)), { maxFractionDigits: 0 });
  return (
    `On average ${formatNumber(online)} of ${counted(reporting, "reporting node")} ` +
    `${online === 1 ? "was" : "were"} online ${period} (lowest ${bucket}: ${least}).`
  );
}

/** Data served: the total over `period`, the average per bucket and the busiest bucket. */
export function summariseDataServed({
  points,
  bucket,
  period,
}: {
  points: readonly { gb: number }[];
  bucket: SummaryBucket;
  period: string;
}): string {
  if (points.length === 0) {
    return "No telemetry in this range yet: the chart shows the gigabytes nodes upload to peers each hour once they report.";
  }
  const amounts = points.map((point) => point.gb);
  const total = amounts.reduce((sum, gb) => sum + gb, 0);
  return (
    `Nodes served ${formatDataSize(total)} to peers ${period}, ${formatDataSize(average(amounts))} ` +
    `per ${bucket} on average (busiest ${bucket}: ${formatDataSize(highest(amounts))}).`
  );
}

/** Past this relative gap between "top p %" and the share of nodes it really is, the count is named. */
const TOP_GROUP_TOLERANCE = 0.1;

/**
 * "top 10 % of nodes", or "top 1 node (33 % of nodes)" when rounding up to whole nodes makes the group
 * noticeably larger than the percent says (small networks).
 */
export function describeTopGroup({ nodes, topPercent }: { nodes: number; topPercent: number }): string {
  const size = topGroupSize({ nodes, topPercent });
  const share = size / nodes;
  if (Math.abs(share * 100 - topPercent) <= TOP_GROUP_TOLERANCE * topPercent) {
    return `top ${formatNumber(topPercent)} % of nodes`;
  }
  return `top ${counted(size, "node")} (${formatPercent(share)} of nodes)`;
}

/** Contribution spread: the top 10 %'s share of the data and the Gini coefficient, explained. */
export function summariseContribution({
  nodes,
  gini,
  topTenPercentShare,
}: {
  nodes: number;
  gini: number | null;
  topTenPercentShare: number;
}): string {
  if (nodes === 0) {
    return "No node reported in this range yet: the curve shows how evenly nodes share the serving once they report.";
  }
  if (gini === null) {
    return `${counted(nodes, "node")} reported in this range but none served data to peers yet, so there is no spread to show.`;
  }
  if (nodes === 1) return "Only 1 node reported in this range, so it served all of the data.";
  return (
    `The ${describeTopGroup({ nodes, topPercent: 10 })} served ${formatPercent(topTenPercentShare)} of the data ` +
    `(Gini ${formatRatio(gini)}: 0 is perfectly even, 1 is one node serving everything).`
  );
}

/** Ratings: how many nodes of the newest epoch reach the guard rating. */
export function summariseRatings({
  epochDay,
  nodes,
  nodesAtGuardRating,
  guardMinRating,
}: {
  epochDay: Date | null;
  nodes: number;
  nodesAtGuardRating: number;
  guardMinRating: number;
}): string {
  if (epochDay === null) {
    return "No epoch has been computed yet: ratings appear after the first full day of telemetry.";
  }
  if (nodes === 0) return `The epoch of ${formatDate(epochDay)} rated no nodes.`;
  return (
    `In the epoch of ${formatDate(epochDay)}, ${formatNumber(nodesAtGuardRating)} of ${counted(nodes, "node")} ` +
    `(${formatPercent(nodesAtGuardRating / nodes)}) had a rating of at least ${formatRatio(guardMinRating)}, ` +
    "enough to serve as a guard node."
  );
}

/** Rewards: credits paid over `period` and how the latest epoch compares with its emission cap. */
export function summariseRewards({
  epochs,
  period,
}: {
  epochs: readonly { day: Date; paid: number; cap: number; scale: number }[];
  period: string;
}): string {
  const latest = epochs.at(-1);
  if (!latest) {
    return "No epoch was computed in this range: rewards appear after each full day of telemetry.";
  }
  const total = epochs.reduce((sum, epoch) => sum + epoch.paid, 0);
  const capped = latest.scale < 1 ? `, scaled down to ${formatPercent(latest.scale)} to fit it` : "";
  return (
    `${formatAmount(total)} credits were paid in ${counted(epochs.length, "epoch")} ${period}; ` +
    `the latest (${formatDate(latest.day)}) paid ${formatAmount(latest.paid)} of its ` +
    `${formatAmount(latest.cap)}-credit cap${capped}.`
  );
}

/** Free-riders: the latest epoch's share past grace, those still in grace, and the range's overall share. */
export function summariseFreeRiders({
  epochs,
}: {
  epochs: readonly { day: Date; freeRiders: number; inGrace: number; nodes: number }[];
}): string {
  const latest = epochs.at(-1);
  if (!latest) {
    return "No epoch was computed in this range: the share of free-riders appears after each full day of telemetry.";
  }
  const share = freeRiderShare(latest);
  const grace =
    latest.inGrace > 0 ? `, and ${formatNumber(latest.inGrace)} more were still in their grace period` : "";
  const allNodes = epochs.reduce((sum, epoch) => sum + epoch.nodes, 0);
  const allFreeRiders = epochs.reduce((sum, epoch) => sum + epoch.freeRiders, 0);
  const overall =
    epochs.length > 1 && allNodes > 0
      ? `; ${formatPercent(allFreeRiders / allNodes)} across the ${counted(epochs.length, "epoch")} shown`
      : "";
  return (
    `In the latest epoch (${formatDate(latest.day)}), ${formatNumber(latest.freeRiders)} of ` +
    `${counted(latest.nodes, "node")} (${formatPercent(share)}) were free-riders past their grace period, ` +
    `downloading far more than they served${grace}${overall}.`
  );
}

/** Without rounds in the range: where to look when earlier rounds exist, else what will appear. */
export interface EmptyRangeOptions {
  /** Whether rounds opened before the range. */
  hasOlderRounds: boolean;
  /** "last 24 hours". */
  rangeLabel: string;
}

export function noRoundInRange(
  { hasOlderRounds, rangeLabel }: EmptyRangeOptions,
  whatAppears: string,
): string {
  return hasOlderRounds
    ? `No round opened in the ${rangeLabel}; pick a longer range.`
    : `No voting round has opened yet: ${whatAppears} appears here for each round once one opens.`;
}

/** Participation: operators and node turnout of the newest round, and the average node turnout over the range. */
export function summariseParticipation({
  rounds,
  ...emptyRange
}: EmptyRangeOptions & {
  rounds: readonly {
    number: number;
    isOpen: boolean;
    eligibleOperators: number;
    voters: number;
    nodeTurnout: number;
  }[];
}): string {
  const latest = rounds.at(-1);
  if (!latest) {
    return noRoundInRange(emptyRange, "turnout");
  }
  const voted = latest.isOpen ? `${latest.voters === 1 ? "has" : "have"} voted so far` : "voted";
  const state = latest.isOpen ? " (still open)" : "";
  const trend =
    rounds.length > 1
      ? `; across the ${formatNumber(rounds.length)} rounds shown the average was ${formatPercent(average(rounds.map((round) => round.nodeTurnout)))}`
      : "";
  return (
    `In round ${latest.number}${state}, ${formatNumber(latest.voters)} of ` +
    `${counted(latest.eligibleOperators, "eligible operator")} ${voted}, speaking for ` +
    `${formatPercent(latest.nodeTurnout)} of eligible nodes${trend}.`
  );
}

/** Voting power: the newest round's Nakamoto coefficient (with its change from the round before) and Gini. */
export function summariseVotingPower({
  rounds,
  ...emptyRange
}: EmptyRangeOptions & {
  rounds: readonly { number: number; operators: number; nakamoto: number; gini: number }[];
}): string {
  const latest = rounds.at(-1);
  if (!latest) {
    return noRoundInRange(emptyRange, "the spread of voting power");
  }
  if (latest.operators === 0)
    return `Round ${latest.number} had no eligible operators, so no one held voting power.`;
  const previous = rounds.at(-2);
  const change = !previous
    ? ""
    : previous.nakamoto === latest.nakamoto
      ? `, the same as in round ${previous.number}`
      : `, ${previous.nakamoto < latest.nakamoto ? "up" : "down"} from ${previous.nakamoto} in round ${previous.number}`;
  return (
    `In round ${latest.number}, ${formatNumber(latest.nakamoto)} of ${counted(latest.operators, "operator")} ` +
    `together held more than half of the voting power (Nakamoto coefficient ${latest.nakamoto}${change}: ` +
    `higher is more decentralised; Gini ${formatRatio(latest.gini)}).`
  );
}

/** Sync coverage: the newest sample's share on the latest config version and the range's lowest (0–100). */
export function summariseSyncCoverage({
  currentPercent,
  lowestPercent,
  latestVersion,
}: {
  currentPercent: number | null;
  lowestPercent: number;
  latestVersion: number | null;
}): string {
  if (currentPercent === null) {
    return "No sync coverage was sampled in this range: the worker records every minute how many nodes run the latest config once nodes have a config endpoint.";
  }
  const version = latestVersion === null ? "" : ` (version ${latestVersion})`;
  return (
    `${formatPercent(currentPercent / 100)} of nodes with a config endpoint run the latest config${version} ` +
    `now (lowest in this range: ${formatPercent(lowestPercent / 100)}).`
  );
}

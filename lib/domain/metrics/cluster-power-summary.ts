import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { noRoundInRange, type EmptyRangeOptions } from "./dashboard-summaries";

const counted = (count: number, one: string, many: string) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

/**
 * Voting power by network: in the newest round of the range, how many networks the votes sat in, the
 * largest one's share, the fewest networks (and operators) holding more than half, and who shares.
 */
export function summariseClusterPower({
  rounds,
  ...emptyRange
}: EmptyRangeOptions & {
  rounds: readonly {
    number: number;
    nakamoto: number;
    clusters: number;
    largestClusterShare: number;
    nakamotoOverClusters: number;
    operatorsSharing: number;
  }[];
}): string {
  const latest = rounds.at(-1);
  if (!latest) return noRoundInRange(emptyRange, "voting power by network");
  if (latest.clusters === 0) {
    return `Round ${latest.number} had no eligible nodes, so no network held votes.`;
  }
  const sharing =
    latest.operatorsSharing === 0
      ? "No operator shared a network with another."
      : `${counted(latest.operatorsSharing, "operator", "operators")} shared a network with other operators.`;
  const networks =
    latest.nakamotoOverClusters === 1
      ? "1 network alone"
      : `${counted(latest.nakamotoOverClusters, "network", "networks")} together`;
  const operators = counted(latest.nakamoto, "operator", "operators");
  return (
    `In round ${latest.number}, the eligible nodes sat in ${counted(latest.clusters, "network", "networks")}. ` +
    `The largest held ${formatPercent(latest.largestClusterShare)} of the votes; ${networks} held more than ` +
    `half (by operator account, ${operators} did). ${sharing}`
  );
}

import { potentialVotingPower } from "@/lib/domain/voting/voting-power";
import { clusterRadiusMicros, type ClusterShare } from "./cluster-budgets";
import { clusterPower, type ClusterMembership, type ClusterPowerSummary } from "./cluster-power";

const MICROS_PER_VOTE = 1_000_000;

/** An operator's share of one network cluster, with how many other operators have nodes there. */
export interface SharedClusterShare extends ClusterShare {
  /** Operators other than this one with eligible nodes in the cluster (0 for a network only they use). */
  otherOperators: number;
}

/**
 * What an operator's n nodes of a cluster of N nodes bring on one proposal: n·√(C/N) votes, the budget
 * rule's t_k (rounded up to the millionth of a vote), so the shares add up to the radius behind the budget.
 */
export function clusterShareVotes(share: ClusterShare, creditsPerNode: number): number {
  return Number(clusterRadiusMicros(share, creditsPerNode)) / MICROS_PER_VOTE;
}

/** What a whole cluster of N eligible nodes holds on one proposal, whoever runs them: √(N·C). */
export function clusterVotes(clusterNodes: number, creditsPerNode: number): number {
  return Math.sqrt(clusterNodes * creditsPerNode);
}

/**
 * The most votes a round's eligible nodes could put on one proposal together, Σ_k √(N_k·C) over its
 * clusters: the network's radius, the figure an attacker has to match to outvote everyone.
 */
export function networkVotes(clusterSizes: readonly number[], creditsPerNode: number): number {
  return clusterSizes.reduce((sum, size) => sum + clusterVotes(size, creditsPerNode), 0);
}

/** What an attacker needs for `votes` votes on one proposal (product.md "What it costs an attacker"). */
export interface CaptureCost {
  /** Nodes proving service in one network cluster: ⌈votes² / C⌉ (k² for k·√C votes). */
  nodesInOneNetwork: number;
  /** Or nodes each alone in a different network prefix: ⌈votes / √C⌉ (k for k·√C votes). */
  separateNetworks: number;
}

/**
 * The cheapest ways to hold `votes` votes on one proposal: k·√C votes need k² nodes in one cluster, or
 * k nodes in k different network prefixes (each of which must keep proving service to stay eligible).
 */
export function captureCost(votes: number, creditsPerNode: number): CaptureCost {
  if (!(votes >= 0) || !Number.isFinite(votes)) throw new RangeError(`votes must be ≥ 0, got ${votes}`);
  // Relative slack, so a value that is a whole number in exact arithmetic (k² from (k·√C)² / C) is not
  // rounded up past it by the float's last bit.
  const ceil = (value: number) => {
    const up = Math.ceil(value);
    return up >= 1 && up - 1 >= value * (1 - 1e-12) ? up - 1 : up;
  };
  return {
    nodesInOneNetwork: ceil((votes * votes) / creditsPerNode),
    separateNetworks: ceil(votes / Math.sqrt(creditsPerNode)),
  };
}

/**
 * An operator's clusters in the order its ballot lists them: those that bring the most votes first,
 * then the larger share of nodes; `key` (the operator's own tie-breaker, such as the first node's
 * name) keeps the order the same on every visit.
 */
export function orderClusterShares<T extends SharedClusterShare & { votes: number; key: string }>(
  shares: readonly T[],
): T[] {
  return [...shares].sort(
    (a, b) => b.votes - a.votes || b.nodes - a.nodes || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** A round's voting power by cluster beside the one over operators (what the round page and /stats show). */
export interface RoundClusterPowerSummary extends ClusterPowerSummary {
  eligibleNodes: number;
  operators: number;
  nakamotoOverOperators: number;
  networkVotes: number;
}

/**
 * A round's voting power by network cluster from its eligibility snapshot (memberships: one operator's
 * eligible nodes in one cluster), and over operators from their budgets (⌊√budget⌋ each).
 */
export function roundClusterPower(
  memberships: readonly ClusterMembership[],
  budgets: readonly number[],
  creditsPerNode: number,
): RoundClusterPowerSummary {
  const sizes = new Map<string, number>();
  for (const { clusterId, nodes } of memberships) sizes.set(clusterId, (sizes.get(clusterId) ?? 0) + nodes);
  const overOperators = potentialVotingPower(budgets);
  return {
    ...clusterPower(memberships),
    eligibleNodes: [...sizes.values()].reduce((sum, nodes) => sum + nodes, 0),
    operators: overOperators.operators,
    nakamotoOverOperators: overOperators.nakamoto,
    networkVotes: networkVotes([...sizes.values()], creditsPerNode),
  };
}

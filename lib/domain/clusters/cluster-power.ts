import { nakamotoCoefficient } from "@/lib/domain/metrics/inequality";

/** One operator's eligible nodes in one cluster of a round (RoundEligibleNode grouped). */
export interface ClusterMembership {
  clusterId: string;
  operatorId: string;
  nodes: number;
}

/** Voting power by network cluster in one round (product.md "Who counts"). */
export interface ClusterPowerSummary {
  clusters: number;
  /** Clusters holding nodes of more than one operator. */
  sharedClusters: number;
  /** Operators with nodes in at least one shared cluster. */
  operatorsSharing: number;
  /** The largest cluster's √N over Σ √N of every cluster: its share of the network's radius. */
  largestClusterShare: number;
  /** Nodes in the largest cluster. */
  largestClusterNodes: number;
  /** The fewest clusters whose radii (√(N·C)) together exceed half the network's. */
  nakamotoOverClusters: number;
}

/**
 * What the clusters of a round hold: a cluster of N eligible nodes holds √(N·C) votes on one proposal
 * whoever runs its nodes, so its radius is what capture of that network is worth. C cancels out of
 * every share, so it is not an input.
 */
export function clusterPower(memberships: readonly ClusterMembership[]): ClusterPowerSummary {
  const nodesByCluster = new Map<string, number>();
  const operatorsByCluster = new Map<string, Set<string>>();
  for (const { clusterId, operatorId, nodes } of memberships) {
    nodesByCluster.set(clusterId, (nodesByCluster.get(clusterId) ?? 0) + nodes);
    const operators = operatorsByCluster.get(clusterId) ?? new Set<string>();
    operators.add(operatorId);
    operatorsByCluster.set(clusterId, operators);
  }
  const radii = [...nodesByCluster.values()].map(Math.sqrt);
  const networkRadius = radii.reduce((sum, radius) => sum + radius, 0);
  const largestClusterNodes = [...nodesByCluster.values()].reduce((most, nodes) => Math.max(most, nodes), 0);
  const shared = [...operatorsByCluster.values()].filter((operators) => operators.size > 1);
  return {
    clusters: nodesByCluster.size,
    sharedClusters: shared.length,
    operatorsSharing: new Set(shared.flatMap((operators) => [...operators])).size,
    largestClusterShare: networkRadius === 0 ? 0 : Math.sqrt(largestClusterNodes) / networkRadius,
    largestClusterNodes,
    nakamotoOverClusters: nakamotoCoefficient(radii),
  };
}

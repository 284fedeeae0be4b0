/** Fixed-point scale of a radius: radii are kept in millionths so the integer square roots stay exact. */
const SCALE = 10n ** 12n;

/** ⌈√value⌉ for a non-negative BigInt, exactly: Newton's method on integers from above, then rounded up. */
export function ceilIntegerSqrt(value: bigint): bigint {
  if (value < 0n) throw new RangeError("square root of a negative number");
  if (value < 2n) return value;
  // 2^⌈bits/2⌉ ≥ √value, and from above Newton's integer steps fall monotonically to ⌊√value⌋.
  let root = 1n << BigInt(Math.ceil(value.toString(2).length / 2));
  for (;;) {
    const next = (root + value / root) >> 1n;
    if (next >= root) break;
    root = next;
  }
  return root * root === value ? root : root + 1n;
}

/** An operator's share of one network cluster. */
export interface ClusterShare {
  /** The operator's eligible nodes in the cluster (n_k). */
  nodes: number;
  /** All eligible nodes in the cluster, every operator's (N_k). */
  clusterNodes: number;
}

/**
 * What an operator's n_k nodes hold of a cluster of N_k nodes, in millionths of a vote:
 * t_k = ⌈√(⌊n_k² · C · 10¹² / N_k⌋)⌉ (product.md "Who counts").
 */
export function clusterRadiusMicros({ nodes, clusterNodes }: ClusterShare, creditsPerNode: number): bigint {
  if (!Number.isInteger(nodes) || !Number.isInteger(clusterNodes) || nodes < 1 || nodes > clusterNodes) {
    throw new RangeError(`a cluster share needs 1 ≤ nodes ≤ clusterNodes, got ${nodes} of ${clusterNodes}`);
  }
  const n = BigInt(nodes);
  return ceilIntegerSqrt((n * n * BigInt(creditsPerNode) * SCALE) / BigInt(clusterNodes));
}

/** An operator's radius r = Σ t_k in millionths of a vote: the most votes its nodes put on one proposal. */
export function operatorRadiusMicros(shares: readonly ClusterShare[], creditsPerNode: number): bigint {
  return shares.reduce((radius, share) => radius + clusterRadiusMicros(share, creditsPerNode), 0n);
}

/**
 * An operator's voice credits for a round from its shares of network clusters: B = ⌊r² / 10¹²⌋ with
 * r = Σ t_k. An operator whose nodes are the whole of one cluster gets exactly C × n.
 */
export function clusterBudget(shares: readonly ClusterShare[], creditsPerNode: number): number {
  const radius = operatorRadiusMicros(shares, creditsPerNode);
  return Number((radius * radius) / SCALE);
}

/** One eligible node and the cluster it counts in for the round. */
export interface ClusteredNode {
  nodeId: string;
  operatorId: string;
  clusterId: string;
}

export interface OperatorClusters {
  operatorId: string;
  nodeIds: string[];
  eligibleNodes: number;
  /** The operator's clusters sorted by id. */
  clusters: (ClusterShare & { clusterId: string })[];
  budget: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each operator's clusters and budget from where its eligible nodes are (operators sorted by id, node
 * ids and clusters sorted): the voter snapshot of a round. The order of `nodes` does not matter.
 */
export function budgetsByCluster(
  nodes: readonly ClusteredNode[],
  creditsPerNode: number,
): OperatorClusters[] {
  const clusterSizes = new Map<string, number>();
  const byOperator = new Map<string, { nodeIds: string[]; perCluster: Map<string, number> }>();
  for (const node of nodes) {
    clusterSizes.set(node.clusterId, (clusterSizes.get(node.clusterId) ?? 0) + 1);
    const operator = byOperator.get(node.operatorId) ?? {
      nodeIds: [],
      perCluster: new Map<string, number>(),
    };
    operator.nodeIds.push(node.nodeId);
    operator.perCluster.set(node.clusterId, (operator.perCluster.get(node.clusterId) ?? 0) + 1);
    byOperator.set(node.operatorId, operator);
  }
  return [...byOperator.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([operatorId, { nodeIds, perCluster }]) => {
      const clusters = [...perCluster.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([clusterId, count]) => ({
          clusterId,
          nodes: count,
          clusterNodes: clusterSizes.get(clusterId)!,
        }));
      return {
        operatorId,
        nodeIds: nodeIds.sort(byText),
        eligibleNodes: nodeIds.length,
        clusters,
        budget: clusterBudget(clusters, creditsPerNode),
      };
    });
}

import { budgetFromClusters } from "./budget-rule";
import type { RoundBallotsExport } from "./export-shapes";
import { count, type CheckGroup, type Difference } from "./report";

/** What every operator listing one cluster id says about it. */
interface ClusterListing {
  sizes: Set<number>;
  nodes: number;
  operators: number;
}

/**
 * Every budget recomputed from its clusters; each operator's nodes in its clusters add up to its
 * eligible nodes; every operator listing a cluster gives it the same size, and that size is the sum of
 * all of their nodes in it.
 */
export function checkBudgets(round: RoundBallotsExport): CheckGroup {
  const differences: Difference[] = [];
  const seen = new Set<string>();
  const clusters = new Map<string, ClusterListing>();
  for (const voter of round.eligible) {
    const where = `operator ${voter.operatorId}`;
    if (seen.has(voter.operatorId)) differences.push({ where, what: "is listed twice among the eligible" });
    seen.add(voter.operatorId);
    const inClusters = voter.clusters.reduce((sum, cluster) => sum + cluster.nodes, 0);
    if (inClusters !== voter.eligibleNodes) {
      differences.push({
        where,
        what: "its nodes in clusters do not add up to its eligible nodes",
        expected: voter.eligibleNodes,
        found: inClusters,
      });
    }
    const clusterIds = voter.clusters.map((cluster) => cluster.clusterId);
    if (new Set(clusterIds).size !== clusterIds.length) {
      differences.push({ where, what: "lists a cluster more than once", found: clusterIds });
    }
    for (const cluster of voter.clusters) {
      if (cluster.nodes > cluster.clusterNodes) {
        differences.push({
          where: `${where}, cluster ${cluster.clusterId}`,
          what: "has more nodes in the cluster than the cluster holds",
          expected: `≤ ${cluster.clusterNodes}`,
          found: cluster.nodes,
        });
      }
      const listing = clusters.get(cluster.clusterId) ?? { sizes: new Set<number>(), nodes: 0, operators: 0 };
      listing.sizes.add(cluster.clusterNodes);
      listing.nodes += cluster.nodes;
      listing.operators += 1;
      clusters.set(cluster.clusterId, listing);
    }
    const budget = budgetFromClusters(
      voter.clusters.filter((cluster) => cluster.nodes <= cluster.clusterNodes),
      round.creditsPerNode,
    );
    if (voter.budget !== budget) {
      differences.push({
        where,
        what: `budget does not follow from its clusters at ${round.creditsPerNode} credits per node (product.md "Who counts")`,
        expected: budget,
        found: voter.budget,
      });
    }
  }
  for (const [clusterId, listing] of clusters) {
    const where = `cluster ${clusterId}`;
    if (listing.sizes.size > 1) {
      differences.push({
        where,
        what: "operators give the cluster different sizes",
        found: [...listing.sizes].sort((a, b) => a - b),
      });
    } else if (!listing.sizes.has(listing.nodes)) {
      differences.push({
        where,
        what: "its size is not the sum of the nodes its operators have in it",
        expected: listing.nodes,
        found: [...listing.sizes][0],
      });
    }
  }
  const nodes = round.eligible.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
  const shared = [...clusters.values()].filter((listing) => listing.operators > 1).length;
  return {
    check: "budgets",
    roundId: round.roundId,
    summary: `${count(round.eligible.length, "operator")}, ${count(nodes, "eligible node")} in ${count(clusters.size, "network cluster")} (${count(shared, "shared cluster")}), ${count(round.creditsPerNode, "credit")} per node`,
    differences,
  };
}

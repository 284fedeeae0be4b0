import {
  clusterShareVotes,
  orderClusterShares,
  roundClusterPower,
} from "@/lib/domain/clusters/cluster-votes";
import type { ClusterMembership } from "@/lib/domain/clusters/cluster-power";
import type { RoundClusterPower } from "@/lib/schemas/cluster-power";
import type { OperatorCluster } from "@/lib/schemas/rounds";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { loadRoundClusterShares } from "@/lib/server/voting/round-clusters";

/** Each round's eligibility snapshot by cluster: round id → one entry per (cluster, operator) with its nodes. */
export async function loadClusterMemberships(
  db: DbOrTransaction,
  roundIds: readonly string[],
): Promise<Map<string, ClusterMembership[]>> {
  const rows = await db.roundEligibleNode.groupBy({
    by: ["roundId", "clusterId", "operatorId"],
    where: { roundId: { in: [...roundIds] } },
    _count: { _all: true },
  });
  const byRound = new Map<string, ClusterMembership[]>(roundIds.map((roundId) => [roundId, []]));
  for (const { roundId, clusterId, operatorId, _count } of rows) {
    byRound.get(roundId)?.push({ clusterId, operatorId, nodes: _count._all });
  }
  return byRound;
}

/** Voting power by network cluster in one round, beside the Nakamoto coefficient over operators. */
export async function getRoundClusterPower(
  db: DbOrTransaction,
  { roundId, creditsPerNode }: { roundId: string; creditsPerNode: number },
): Promise<RoundClusterPower> {
  const [memberships, voters] = await Promise.all([
    loadClusterMemberships(db, [roundId]),
    db.roundVoter.findMany({ where: { roundId }, select: { budget: true } }),
  ]);
  return roundClusterPower(
    memberships.get(roundId) ?? [],
    voters.map((voter) => Number(voter.budget)),
    creditsPerNode,
  );
}

/**
 * The operator's network clusters in a round as its ballot explains them: its nodes in each (with their
 * names), the cluster's size, how many other operators share it and the votes its share brings. Counts
 * only: which operators those are, the cluster's id and its prefix stay out.
 */
export async function loadOperatorClusters(
  db: DbOrTransaction,
  { roundId, operatorId, creditsPerNode }: { roundId: string; operatorId: string; creditsPerNode: number },
): Promise<OperatorCluster[]> {
  const shares = (await loadRoundClusterShares(db, roundId, { operatorId })).get(operatorId) ?? [];
  const clusterIds = shares.map((share) => share.clusterId);
  const [operatorsHere, nodes] = await Promise.all([
    db.roundEligibleNode.groupBy({
      by: ["clusterId", "operatorId"],
      where: { roundId, clusterId: { in: clusterIds } },
    }),
    db.roundEligibleNode.findMany({
      where: { roundId, operatorId },
      select: { clusterId: true, node: { select: { name: true } } },
    }),
  ]);
  const operatorsByCluster = new Map<string, number>();
  for (const { clusterId } of operatorsHere) {
    operatorsByCluster.set(clusterId, (operatorsByCluster.get(clusterId) ?? 0) + 1);
  }
  const clusters = shares.map(({ clusterId, nodes: count, clusterNodes }) => {
    const nodeNames = nodes
      .filter((node) => node.clusterId === clusterId)
      .map((node) => node.node.name)
      .sort();
    return {
      key: nodeNames[0] ?? clusterId,
      nodes: count,
      nodeNames,
      clusterNodes,
      otherOperators: (operatorsByCluster.get(clusterId) ?? 1) - 1,
      votes: clusterShareVotes({ nodes: count, clusterNodes }, creditsPerNode),
    };
  });
  return orderClusterShares(clusters).map(({ key: _key, ...cluster }) => cluster);
}

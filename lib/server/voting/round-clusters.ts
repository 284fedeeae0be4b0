import type { ClusterShare } from "@/lib/domain/clusters/cluster-budgets";
import type { DbOrTransaction } from "@/lib/server/platform/db";

export type RoundClusterShare = ClusterShare & { clusterId: string };

/**
 * Each operator's shares of the round's network clusters, as the eligibility snapshot stored them:
 * operator id → its clusters sorted by id, each with the operator's nodes in it and the cluster's size.
 */
export async function loadRoundClusterShares(
  db: DbOrTransaction,
  roundId: string,
  { operatorId }: { operatorId?: string } = {},
): Promise<Map<string, RoundClusterShare[]>> {
  // One operator's view needs only the clusters it is in, not the whole round's.
  const clusterIds =
    operatorId === undefined
      ? undefined
      : (
          await db.roundEligibleNode.findMany({
            where: { roundId, operatorId },
            distinct: ["clusterId"],
            select: { clusterId: true },
          })
        ).map((row) => row.clusterId);
  const counts = await db.roundEligibleNode.groupBy({
    by: ["operatorId", "clusterId"],
    where: clusterIds === undefined ? { roundId } : { roundId, clusterId: { in: clusterIds } },
    _count: { _all: true },
  });
  const clusterNodes = new Map<string, number>();
  for (const row of counts) {
    clusterNodes.set(row.clusterId, (clusterNodes.get(row.clusterId) ?? 0) + row._count._all);
  }
  const shares = new Map<string, RoundClusterShare[]>();
  for (const row of counts) {
    if (operatorId !== undefined && row.operatorId !== operatorId) continue;
    const list = shares.get(row.operatorId) ?? [];
    list.push({
      clusterId: row.clusterId,
      nodes: row._count._all,
      clusterNodes: clusterNodes.get(row.clusterId)!,
    });
    shares.set(row.operatorId, list);
  }
  // In JS, not ORDER BY: PostgreSQL's collation would order the ids differently from the domain.
  for (const list of shares.values())
    list.sort((a, b) => (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0));
  return shares;
}

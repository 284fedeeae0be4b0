import type { ModelNodeKind } from "@/lib/domain/network-model/model-types";

/** A network cluster with at least this many nodes is a data centre; its nodes are "dataCentre", the rest "home". */
export const DATA_CENTRE_CLUSTER_NODES = 5;

/**
 * Each node's kind from its cluster: "dataCentre" when its cluster holds DATA_CENTRE_CLUSTER_NODES or more
 * of the nodes in `clusterOf` (nodeId → cluster), else "home".
 */
export function nodeKinds(clusterOf: ReadonlyMap<string, string>): Map<string, ModelNodeKind> {
  const sizes = new Map<string, number>();
  for (const cluster of clusterOf.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  const kinds = new Map<string, ModelNodeKind>();
  for (const [nodeId, cluster] of clusterOf) {
    kinds.set(nodeId, (sizes.get(cluster) ?? 0) >= DATA_CENTRE_CLUSTER_NODES ? "dataCentre" : "home");
  }
  return kinds;
}

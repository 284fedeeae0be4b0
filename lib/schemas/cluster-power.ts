import { z } from "zod";

const count = z.number().int();

/**
 * Voting power by network cluster (product.md "Who counts"): a cluster of N eligible nodes holds √(N·C)
 * votes on one proposal whoever runs its nodes. Clusters are counted, never named: no id, no prefix.
 */
export const clusterPowerSchema = z.object({
  clusters: count,
  /** Clusters holding nodes of more than one operator. */
  sharedClusters: count,
  /** Operators with nodes in at least one shared cluster. */
  operatorsSharing: count,
  /** The largest cluster's √N over Σ √N: its share of the votes all eligible nodes could put on one proposal (0–1). */
  largestClusterShare: z.number(),
  largestClusterNodes: count,
  /** The fewest clusters that together hold more than half of those votes. */
  nakamotoOverClusters: count,
});
export type ClusterPower = z.infer<typeof clusterPowerSchema>;

/** One round's voting power by cluster, beside the Nakamoto coefficient over operators. */
export const roundClusterPowerSchema = clusterPowerSchema.extend({
  eligibleNodes: count,
  /** Operators with at least one eligible node. */
  operators: count,
  /** The fewest operators who together hold more than half of the effective votes (⌊√budget⌋ each). */
  nakamotoOverOperators: count,
  /** The most votes all eligible nodes together could put on one proposal: Σ √(N·C) over the clusters. */
  networkVotes: z.number(),
});
export type RoundClusterPower = z.infer<typeof roundClusterPowerSchema>;

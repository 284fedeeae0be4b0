/**
 * product.md "Who counts", written out again rather than imported from lib/ (the verifier shares no
 * code with the server; scripts/verify/server-agreement.test.ts holds the two equal).
 */
const MICRO_SQUARED = 1_000_000_000_000n;

/** The least r with r² ≥ value, by bisection (the server uses Newton's method: two ways, one answer). */
function ceilSqrt(value: bigint): bigint {
  let low = 0n;
  let high = 1n;
  while (high * high < value) high *= 2n;
  while (low < high) {
    const middle = (low + high) / 2n;
    if (middle * middle >= value) high = middle;
    else low = middle + 1n;
  }
  return low;
}

/**
 * An operator's budget from its clusters: t = ⌈√(⌊nodes² · C · 10¹² / clusterNodes⌋)⌉ per cluster,
 * r = Σ t, budget = ⌊r² / 10¹²⌋.
 */
export function budgetFromClusters(
  clusters: readonly { nodes: number; clusterNodes: number }[],
  creditsPerNode: number,
): number {
  let radius = 0n;
  for (const { nodes, clusterNodes } of clusters) {
    const n = BigInt(nodes);
    radius += ceilSqrt((n * n * BigInt(creditsPerNode) * MICRO_SQUARED) / BigInt(clusterNodes));
  }
  return Number((radius * radius) / MICRO_SQUARED);
}

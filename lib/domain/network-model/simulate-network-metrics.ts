import { topGroupSize } from "@/lib/domain/metrics/inequality";
import { medianInPlace } from "@/lib/domain/network-model/bands";
import type { DayMetrics } from "@/lib/domain/network-model/model-types";
import { TOP_PERCENT } from "@/lib/domain/network-model/observed-metrics";

/** Buffers the day's metrics reuse (one per run). */
export class MetricsScratch {
  served = new Float64Array(0);
  home = new Float64Array(0);
  dataCentre = new Float64Array(0);
  byCluster = new Float64Array(0);

  ensure(count: number, clusters: number): void {
    if (this.served.length < count) {
      const size = Math.max(count, this.served.length * 2);
      this.served = new Float64Array(size);
      this.home = new Float64Array(size);
      this.dataCentre = new Float64Array(size);
    }
    if (this.byCluster.length < clusters)
      this.byCluster = new Float64Array(Math.max(clusters, this.byCluster.length * 2));
  }
}

/**
 * observed-metrics.ts dayMetrics on the simulation's typed columns (cluster numbers below `clusters`),
 * with one typed sort per series instead of copies and comparator sorts: the same definitions, the same
 * summation order (simulate-network-metrics.test.ts holds the two equal).
 */
export function simulatedDayMetrics(
  columns: {
    count: number;
    clusters: number;
    up: Uint8Array;
    servedBytes: Float64Array;
    cluster: Int32Array;
    dataCentre: Uint8Array;
    freeRider: Uint8Array;
    credits: Float64Array;
    rating: Float64Array;
  },
  {
    emissionCredits,
    payoutScale,
    guardMinRating,
  }: { emissionCredits: number; payoutScale: number; guardMinRating: number },
  scratch: MetricsScratch,
): DayMetrics {
  const { count, clusters, up, servedBytes, cluster, dataCentre, freeRider, credits, rating } = columns;
  scratch.ensure(count, clusters);
  const { served, home, dataCentre: centre, byCluster } = scratch;
  byCluster.fill(0, 0, clusters);
  let online = 0;
  let homeCount = 0;
  let centreCount = 0;
  let freeRiders = 0;
  let ratingSum = 0;
  let guardEligible = 0;
  for (let slot = 0; slot < count; slot += 1) {
    if (!up[slot]) continue;
    const bytes = servedBytes[slot]!;
    served[online++] = bytes;
    byCluster[cluster[slot]!] = byCluster[cluster[slot]!]! + bytes;
    if (dataCentre[slot]) centre[centreCount++] = credits[slot]!;
    else home[homeCount++] = credits[slot]!;
    if (freeRider[slot]) freeRiders += 1;
    ratingSum += rating[slot]!;
    if (rating[slot]! >= guardMinRating) guardEligible += 1;
  }
  const sorted = served.subarray(0, online).sort();
  let total = 0;
  let weighted = 0;
  for (let index = 0; index < online; index += 1) {
    total += sorted[index]!;
    weighted += (2 * (index + 1) - online - 1) * sorted[index]!;
  }
  let top = 0;
  if (online > 0) {
    const size = topGroupSize({ nodes: online, topPercent: TOP_PERCENT });
    for (let index = online - 1; index >= online - size; index -= 1) top += sorted[index]!;
  }
  let largestCluster = 0;
  for (let index = 0; index < clusters; index += 1)
    largestCluster = Math.max(largestCluster, byCluster[index]!);
  return {
    top10Share: total > 0 ? top / total : 0,
    largestClusterShare: total > 0 ? largestCluster / total : 0,
    giniServed: online === 0 || total === 0 ? 0 : weighted / (online * total),
    freeRiderShare: online === 0 ? 0 : freeRiders / online,
    emissionCredits,
    payoutScale,
    meanRating: online === 0 ? 0 : ratingSum / online,
    guardEligible,
    homeNodeEarnings: medianInPlace(home, homeCount),
    dataCentreNodeEarnings: medianInPlace(centre, centreCount),
    nodesOnline: online,
  };
}

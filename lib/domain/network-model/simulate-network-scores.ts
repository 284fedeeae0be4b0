import { serviceScore, updateRating, type RatingWeights } from "@/lib/domain/metrics/service-rating";
import { selectKth } from "@/lib/domain/network-model/bands";
import type { NodeColumns } from "@/lib/domain/network-model/simulate-network-columns";

/**
 * service-rating.ts's contributionP90 on numbers: the nearest-rank 90th percentile of the positive values
 * among `values[0..count)`; 0 when none is positive. `scratch` must hold `count` numbers.
 * (simulate-network-scores.test.ts holds it equal to the bigint original on whole numbers.)
 */
export function contributionP90Of(values: ArrayLike<number>, count: number, scratch: Float64Array): number {
  let positive = 0;
  for (let index = 0; index < count; index += 1) {
    const value = values[index]!;
    if (value > 0) scratch[positive++] = value;
  }
  if (positive === 0) return 0;
  return selectKth(scratch, positive, Math.ceil((9 * positive) / 10) - 1);
}

/** service-rating.ts's contributionScore on numbers: min(1, bytes ÷ p90), 0 when either is 0. */
export function contributionScoreOf(bytes: number, p90: number): number {
  if (p90 <= 0 || bytes <= 0) return 0;
  return bytes >= p90 ? 1 : bytes / p90;
}

/**
 * The day's scores and rating updates of every slot, as computeEpoch does them: a node up that day scores
 * wS·speed + wR·reliability + wC·contribution (contribution of its paid bytes against the day's p90), a
 * silent one scores 0; a node that served (up, paid bytes > 0) learns toward its score, the rest fade.
 */
export function updateRatings(
  nodes: NodeColumns,
  weights: RatingWeights,
  { learningRate, decay }: { learningRate: number; decay: number },
  scratch: Float64Array,
): void {
  const { count, up, paid, speed, reliability, rating, alive } = nodes;
  const p90 = contributionP90Of(paid, count, scratch);
  for (let slot = 0; slot < count; slot += 1) {
    if (!alive[slot]) continue;
    const isUp = up[slot] === 1;
    const score = isUp
      ? serviceScore(
          {
            speed: speed[slot]!,
            reliability: reliability[slot]!,
            contribution: contributionScoreOf(paid[slot]!, p90),
          },
          weights,
        )
      : 0;
    rating[slot] = updateRating({
      rating: rating[slot]!,
      score,
      served: isUp && paid[slot]! > 0,
      learningRate,
      decay,
    });
  }
}

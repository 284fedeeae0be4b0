const DAY_SECONDS = 86_400;
/** The latency (ms) at which a node's speed scores one half. */
const HALF_SPEED_LATENCY_MS = 100;

export interface RatingComponents {
  speed: number;
  reliability: number;
  contribution: number;
}

export interface RatingWeights {
  weightSpeed: number;
  weightReliability: number;
  weightContribution: number;
}

/** Speed in [0, 1]: 100 / (100 + latency ms), so 100 ms scores 0.5; 0 without a latency. */
export function speedScore(latencyMs: number | null): number {
  return latencyMs === null ? 0 : HALF_SPEED_LATENCY_MS / (HALF_SPEED_LATENCY_MS + Math.max(0, latencyMs));
}

/** Reliability in [0, 1]: the share of the day the node was up, min(1, uptime / 86 400 s). */
export function reliabilityScore(uptimeSeconds: number): number {
  return Math.min(1, Math.max(0, uptimeSeconds) / DAY_SECONDS);
}

/** Nearest-rank 90th percentile of the positive amounts uploaded in an epoch; 0 when nobody uploaded. */
export function contributionP90(bytesUp: readonly bigint[]): bigint {
  const positive = bytesUp.filter((bytes) => bytes > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (positive.length === 0) return 0n;
  const rank = Math.ceil((9 * positive.length) / 10);
  return positive[rank - 1]!;
}

/** Contribution in [0, 1]: min(1, bytesUp / p90), so a few huge uploaders do not flatten everyone else. */
export function contributionScore(bytesUp: bigint, p90: bigint): number {
  if (p90 <= 0n || bytesUp <= 0n) return 0;
  return bytesUp >= p90 ? 1 : Number(bytesUp) / Number(p90);
}

/** Service score: wS·speed + wR·reliability + wC·contribution. */
export function serviceScore(components: RatingComponents, weights: RatingWeights): number {
  return (
    weights.weightSpeed * components.speed +
    weights.weightReliability * components.reliability +
    weights.weightContribution * components.contribution
  );
}

/**
 * The rating rule (product.md "Rewards and ratings", the seed's Kohonen rule where only the winner learns):
 * a node that served in the epoch moves toward its score, rating + learningRate × (score − rating); one that
 * did not fades, (1 − decay) × rating. Clamped to [0, 1]. An active node's rating settles at its score.
 */
export function updateRating({
  rating,
  score,
  served,
  learningRate,
  decay,
}: {
  rating: number;
  score: number;
  /** Whether the node served in the epoch (see servedInEpoch in lib/domain/rewards/compute-epoch.ts). */
  served: boolean;
  learningRate: number;
  decay: number;
}): number {
  const next = served ? rating + learningRate * (score - rating) : (1 - decay) * rating;
  return Math.min(1, Math.max(0, next));
}

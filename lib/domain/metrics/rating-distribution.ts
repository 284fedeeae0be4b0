/**
 * How many ratings fall in each of `binCount` equal bins from 0 to 1, lowest first; the last bin includes 1
 * and a rating outside 0–1 counts in the nearest bin.
 */
export function ratingHistogram(
  ratings: readonly number[],
  binCount: number,
): { from: number; to: number; nodes: number }[] {
  const counts = Array.from({ length: binCount }, () => 0);
  for (const rating of ratings) {
    const bin = Math.min(binCount - 1, Math.max(0, Math.floor(rating * binCount)));
    counts[bin]! += 1;
  }
  return counts.map((count, index) => ({ from: index / binCount, to: (index + 1) / binCount, nodes: count }));
}

/** A node may serve as a guard when its rating reaches roles.guardMinRating. */
export function nodesAtGuardRating(ratings: readonly number[], guardMinRating: number): number {
  return ratings.filter((rating) => rating >= guardMinRating).length;
}

/** The mean rating; null without any. */
export function averageRating(ratings: readonly number[]): number | null {
  return ratings.length === 0 ? null : ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length;
}

import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";

const DAY_MS = 86_400_000;

/** A node's rating around one epoch: before it, and after it from the next midnight. */
export interface EpochRating {
  day: Date;
  ratingBefore: number;
  rating: number;
}

/**
 * The rating before the first epoch, then after each epoch (from the next midnight), oldest first,
 * downsampled to at most `maxPoints`.
 */
export function ratingTrend(
  epochs: readonly EpochRating[],
  maxPoints: number,
): { day: Date; rating: number }[] {
  const first = epochs[0];
  if (!first) return [];
  const points = [
    { day: first.day, rating: first.ratingBefore },
    ...epochs.map((epoch) => ({ day: new Date(epoch.day.getTime() + DAY_MS), rating: epoch.rating })),
  ];
  return downsampleLttb(
    points,
    maxPoints,
    (point) => point.day.getTime(),
    (point) => point.rating,
  );
}

/** At most `count` items spread evenly over `items`, the first and the last always among them. */
export function spreadEvenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const indexes = new Set(
    Array.from({ length: count }, (_, index) => Math.round((index * (items.length - 1)) / (count - 1))),
  );
  return [...indexes].map((index) => items[index]!);
}

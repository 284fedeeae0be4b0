import type { Band } from "@/lib/domain/network-model/model-types";

/**
 * The `share` quantile (0–1) of values sorted ascending, interpolated linearly between the two nearest
 * ranks (position (n − 1) × share), so the 0.5 quantile is the usual median; NaN when empty.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, share: number): number {
  const count = sorted.length;
  if (count === 0) return Number.NaN;
  const position = (count - 1) * Math.min(1, Math.max(0, share));
  const below = Math.floor(position);
  const above = Math.min(count - 1, below + 1);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/**
 * One metric's bands per simulated day from `samples[run][day]`: the 10th percentile, the median and the
 * 90th percentile across runs (linear interpolation, so p10 ≤ median ≤ p90). Days count from 1; a run
 * shorter than the longest simply does not count for the days it lacks.
 */
export function bandsOf(samples: readonly (readonly number[])[]): Band[] {
  const days = samples.reduce((longest, run) => Math.max(longest, run.length), 0);
  const bands: Band[] = [];
  const column = new Float64Array(samples.length);
  for (let day = 0; day < days; day += 1) {
    let count = 0;
    for (const run of samples) if (day < run.length) column[count++] = run[day]!;
    const sorted = column.subarray(0, count).sort();
    bands.push({
      day: day + 1,
      p10: quantileOfSorted(sorted, 0.1),
      median: quantileOfSorted(sorted, 0.5),
      p90: quantileOfSorted(sorted, 0.9),
    });
  }
  return bands;
}

/**
 * The k-th smallest (0-based) of `values[0..count)`, found in place in expected O(n) (quickselect with a
 * median-of-three pivot); the array's order is changed. Same result as sorting and indexing.
 */
export function selectKth(values: Float64Array, count: number, k: number): number {
  if (!(k >= 0 && k < count)) throw new RangeError(`k must be within 0–${count - 1}, got ${k}`);
  let low = 0;
  let high = count - 1;
  while (high > low) {
    const middle = (low + high) >> 1;
    // Order values[low], values[middle], values[high], so the pivot is their median.
    if (values[middle]! < values[low]!) swap(values, middle, low);
    if (values[high]! < values[low]!) swap(values, high, low);
    if (values[high]! < values[middle]!) swap(values, high, middle);
    const pivot = values[middle]!;
    let left = low;
    let right = high;
    while (left <= right) {
      while (values[left]! < pivot) left += 1;
      while (values[right]! > pivot) right -= 1;
      if (left <= right) {
        swap(values, left, right);
        left += 1;
        right -= 1;
      }
    }
    if (k <= right) high = right;
    else if (k >= left) low = left;
    else return values[k]!;
  }
  return values[k]!;
}

function swap(values: Float64Array, a: number, b: number): void {
  const held = values[a]!;
  values[a] = values[b]!;
  values[b] = held;
}

/** The median of values[0..count) (the mean of the two middle ones for an even count), 0 when empty; reorders values. */
export function medianInPlace(values: Float64Array, count: number): number {
  if (count === 0) return 0;
  const middle = count >> 1;
  const upper = selectKth(values, count, middle);
  if (count % 2 === 1) return upper;
  // After the selection everything before `middle` is ≤ upper: the lower middle one is their largest.
  let lower = values[0]!;
  for (let index = 1; index < middle; index += 1) if (values[index]! > lower) lower = values[index]!;
  return (lower + upper) / 2;
}

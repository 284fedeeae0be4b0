/**
 * Largest-Triangle-Three-Buckets: keeps at most `threshold` points (first and last always), picking in
 * each bucket the point that spans the largest triangle with its neighbours, so peaks and dips survive.
 */
export function downsampleLttb<T>(
  points: readonly T[],
  threshold: number,
  x: (point: T) => number,
  y: (point: T) => number,
): T[] {
  if (threshold >= points.length || points.length <= 2) return [...points];
  if (threshold < 3) return [points[0]!, points[points.length - 1]!];
  const sampled: T[] = [points[0]!];
  const bucketSize = (points.length - 2) / (threshold - 2);
  let anchor = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket += 1) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    let averageX = 0;
    let averageY = 0;
    for (let index = end; index < nextEnd; index += 1) {
      averageX += x(points[index]!);
      averageY += y(points[index]!);
    }
    const nextCount = Math.max(1, nextEnd - end);
    averageX /= nextCount;
    averageY /= nextCount;
    const anchorX = x(points[anchor]!);
    const anchorY = y(points[anchor]!);
    let best = start;
    let bestArea = -1;
    for (let index = start; index < end; index += 1) {
      const point = points[index]!;
      const area = Math.abs(
        (anchorX - averageX) * (y(point) - anchorY) - (anchorX - x(point)) * (averageY - anchorY),
      );
      if (area > bestArea) {
        bestArea = area;
        best = index;
      }
    }
    sampled.push(points[best]!);
    anchor = best;
  }
  sampled.push(points[points.length - 1]!);
  return sampled;
}

import { MIN_IMPROVEMENT } from "@/lib/domain/network-model/explore-goals";

/**
 * The Pareto front of Explore's two objectives (pure): improvement toward the goal (higher is better) and
 * the size of the change (smaller is better). Only candidates that keep the goal's constraints and improve
 * on the current rules by at least MIN_IMPROVEMENT are on it: the current rules themselves (improvement 0,
 * size 0) dominate every other one.
 */

export interface FrontPoint {
  improvement: number;
  size: number;
  /** How far the candidate breaks the goal's constraints; 0 when it keeps them. */
  violation: number;
}

/** Slack for comparing figures computed in floating point. */
const EPSILON = 1e-12;

/** Whether a point may be offered at all: it keeps the constraints and improves enough. */
export function isEligible(point: FrontPoint): boolean {
  return point.violation <= EPSILON && point.improvement >= MIN_IMPROVEMENT - EPSILON;
}

/** a dominates b: at least as much improvement with a change no bigger, and strictly better in one of them. */
export function dominates(a: FrontPoint, b: FrontPoint): boolean {
  const noWorse = a.improvement >= b.improvement - EPSILON && a.size <= b.size + EPSILON;
  const better = a.improvement > b.improvement + EPSILON || a.size < b.size - EPSILON;
  return noWorse && better;
}

/**
 * The eligible points no other eligible point dominates, smallest change first (ties: more improvement
 * first, then the earlier point); of points with equal figures only the first is kept.
 */
export function paretoFront<T extends FrontPoint>(points: readonly T[]): T[] {
  const eligible = points.filter(isEligible);
  const front = eligible.filter((point) => !eligible.some((other) => dominates(other, point)));
  const order = front
    .map((point, index) => ({ point, index }))
    .sort(
      (a, b) => a.point.size - b.point.size || b.point.improvement - a.point.improvement || a.index - b.index,
    );
  const kept: T[] = [];
  for (const { point } of order) {
    const twin = kept.some(
      (other) =>
        Math.abs(other.size - point.size) <= EPSILON &&
        Math.abs(other.improvement - point.improvement) <= EPSILON,
    );
    if (!twin) kept.push(point);
  }
  return kept;
}

/**
 * At most `count` points of a front (sorted smallest change first), spread along it: the smallest change
 * and the largest improvement always, the rest evenly between them.
 */
export function spreadAlongFront<T>(front: readonly T[], count: number): T[] {
  if (count <= 0) return [];
  if (front.length <= count) return [...front];
  if (count === 1) return [front[front.length - 1]!];
  const picked = new Set<number>();
  for (let i = 0; i < count; i += 1) picked.add(Math.round((i * (front.length - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b).map((index) => front[index]!);
}

/** How many near misses (improving, but breaking a condition) refinement also starts from. */
export const NEAR_MISS_PARENTS = 3;

/**
 * Where local refinement starts: the front, plus the near misses that improve but break the goal's
 * conditions, those that break them least for what they gain first, since one more or one smaller move
 * often mends them (a higher bonus paid for by a lower rate per GB).
 */
export function refinementParents<T extends FrontPoint>(points: readonly T[]): T[] {
  const cost = (point: FrontPoint) => point.violation / point.improvement;
  const nearMisses = points
    .filter((point) => point.violation > EPSILON && point.improvement >= MIN_IMPROVEMENT - EPSILON)
    .sort((a, b) => cost(a) - cost(b) || b.improvement - a.improvement)
    .slice(0, NEAR_MISS_PARENTS);
  return [...paretoFront(points), ...nearMisses];
}

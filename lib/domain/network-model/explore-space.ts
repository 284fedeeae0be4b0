import {
  PARAMETER_KEYS,
  PARAMETERS,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { PROPOSAL_CHANGE_COUNT } from "@/lib/domain/governance/proposal-limits";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import type { Random } from "@/lib/domain/random";

/**
 * The parameter space Explore searches (pure): the rules the network model acts on — rewards, free-riders,
 * peer selection and roles — each within its catalogue bounds and on its catalogue step, with the
 * selection weights moved together so they keep adding up to 100 %.
 */

/** The catalogue categories Explore may change: the ones the network model acts on. */
export const EXPLORE_CATEGORIES = ["reward", "freeRider", "selection", "roles"] as const;

export const SELECTION_WEIGHT_KEYS = [
  "selection.weightSpeed",
  "selection.weightReliability",
  "selection.weightContribution",
] as const satisfies readonly ParameterKey[];

/**
 * A wide-ranged parameter (anything but a share) is searched between its value now divided and multiplied
 * by this factor, clipped to its bounds: 1 credit/GB is searched from 0.25 to 4, not from 0 to 100.
 */
export const WIDE_RANGE_FACTOR = 4;
/** A wide-ranged parameter whose value now is 0 is searched from its minimum up this many steps. */
export const STEPS_ABOVE_ZERO = 20;
/** A nudge during refinement moves a value by at most this share of its search interval (at least one step). */
export const NUDGE_SHARE = 0.15;

/** Keys whose values the search moves one at a time; the selection weights are one move ("weights"). */
export type ExploreMove = ParameterKey | "weights";

const isWeight = (key: ParameterKey): boolean => (SELECTION_WEIGHT_KEYS as readonly string[]).includes(key);

/** The parameters Explore may change for a goal, in catalogue order, less the goal's fixed keys. */
export function searchKeys(fixed: readonly ParameterKey[] = []): ParameterKey[] {
  return PARAMETER_KEYS.filter(
    (key) =>
      (EXPLORE_CATEGORIES as readonly string[]).includes(PARAMETERS[key].category) && !fixed.includes(key),
  );
}

/** The moves over those keys: every non-weight key alone, and the weights as one move when they are searched. */
export function searchMoves(keys: readonly ParameterKey[]): ExploreMove[] {
  const single: ExploreMove[] = keys.filter((key) => !isWeight(key));
  return SELECTION_WEIGHT_KEYS.every((key) => keys.includes(key)) ? [...single, "weights"] : single;
}

/** Rounds away binary noise (0.1 + 0.2) so values land exactly on the decimal grid people type. */
const tidy = (value: number): number => Number(value.toFixed(10));

/** The nearest value on the parameter's step grid (counted from its minimum), within its bounds. */
export function quantise(key: ParameterKey, value: number): number {
  const { min, max, step } = PARAMETERS[key];
  const steps = Math.round((value - min) / step);
  return tidy(Math.min(max, Math.max(min, min + steps * step)));
}

/** Where the search looks for a key, given its value now: a share's whole range, else current ÷ 4 … × 4. */
export function searchInterval(key: ParameterKey, current: number): { low: number; high: number } {
  const { min, max, step, kind } = PARAMETERS[key];
  if (kind === "share") return { low: min, high: max };
  if (current <= 0) return { low: min, high: Math.min(max, min + STEPS_ABOVE_ZERO * step) };
  return {
    low: quantise(key, Math.max(min, current / WIDE_RANGE_FACTOR)),
    high: quantise(key, Math.min(max, current * WIDE_RANGE_FACTOR)),
  };
}

/** A random value of the key's search interval on its grid: log-uniform for wide ranges, uniform for shares. */
function randomValue(key: ParameterKey, current: number, random: Random): number {
  const { low, high } = searchInterval(key, current);
  const isLog = PARAMETERS[key].kind !== "share" && low > 0;
  const draw = random.nextFloat();
  const raw = isLog ? low * (high / low) ** draw : low + (high - low) * draw;
  return quantise(key, raw);
}

/** Moves `amount` steps of 5 % from one selection weight to another, within both weights' bounds. */
function shiftWeights(values: ParameterValues, random: Random, maxSteps: number): void {
  const [from, to] = random.shuffle(SELECTION_WEIGHT_KEYS);
  const step = PARAMETERS[from!].step;
  const available = Math.floor(tidy(values[from!] / step));
  const room = Math.floor(tidy((PARAMETERS[to!].max - values[to!]) / step));
  const steps = Math.min(available, room, random.int(1, Math.max(1, maxSteps)));
  if (steps <= 0) return;
  values[from!] = tidy(values[from!] - steps * step);
  values[to!] = tidy(values[to!] + steps * step);
}

/** Gives `move` a new random value (the weights: a random shift between two of them). */
function randomise(
  values: ParameterValues,
  current: ParameterValues,
  move: ExploreMove,
  random: Random,
): void {
  if (move === "weights") shiftWeights(values, random, 8);
  else values[move] = randomValue(move, current[move], random);
}

/** Nudges `move` a little from where it is: at most NUDGE_SHARE of its interval, at least one step. */
function nudge(values: ParameterValues, current: ParameterValues, move: ExploreMove, random: Random): void {
  if (move === "weights") {
    shiftWeights(values, random, 2);
    return;
  }
  const { step } = PARAMETERS[move];
  const { low, high } = searchInterval(move, current[move]);
  const most = Math.max(1, Math.round((NUDGE_SHARE * (high - low)) / step));
  const sign = random.nextFloat() < 0.5 ? -1 : 1;
  values[move] = quantise(move, values[move] + sign * random.int(1, most) * step);
}

/** The moves in which `values` differ from `current`. */
export function changedMoves(current: ParameterValues, values: ParameterValues): ExploreMove[] {
  const moves: ExploreMove[] = PARAMETER_KEYS.filter((key) => !isWeight(key) && values[key] !== current[key]);
  if (SELECTION_WEIGHT_KEYS.some((key) => values[key] !== current[key])) moves.push("weights");
  return moves;
}

/** Puts a move back to the value in force now. */
function revert(values: ParameterValues, current: ParameterValues, move: ExploreMove): void {
  for (const key of move === "weights" ? SELECTION_WEIGHT_KEYS : [move]) values[key] = current[key];
}

/**
 * Keeps the free-rider rule meaningful: while the minimum share ratio is above 0, free-riders must be slowed
 * down (download speed below 100 %), as the catalogue's cross-parameter rule requires.
 */
function repair(values: ParameterValues): void {
  if (values["freeRider.minShareRatio"] > 0 && values["freeRider.throttleFactor"] >= 1) {
    values["freeRider.throttleFactor"] = quantise(
      "freeRider.throttleFactor",
      1 - PARAMETERS["freeRider.throttleFactor"].step,
    );
  }
}

/**
 * The values when they form a valid parameter set (the catalogue's validator) that differs from now in no
 * more rules than one proposal may change, else null.
 */
function accept(current: ParameterValues, values: ParameterValues): ParameterValues | null {
  repair(values);
  if (changedMoves(current, values).length === 0) return null;
  const changedKeys = PARAMETER_KEYS.filter((key) => values[key] !== current[key]).length;
  if (changedKeys > PROPOSAL_CHANGE_COUNT.max) return null;
  const result = validateParameterValues(values);
  return result.ok ? result.values : null;
}

/** How many moves a random candidate makes: 1 to 4, fewer more often (weights 4 : 3 : 2 : 1). */
const MOVE_COUNT_WEIGHTS = [4, 3, 2, 1] as const;

/** A random candidate: a few moves from the rules in force, each to a random value of its interval. */
export function randomCandidate(
  current: ParameterValues,
  moves: readonly ExploreMove[],
  random: Random,
): ParameterValues | null {
  const count = random.weightedPick(
    MOVE_COUNT_WEIGHTS.map((weight, index) => ({ value: index + 1, weight })),
  );
  const values = { ...current };
  for (const move of random.shuffle(moves).slice(0, count)) randomise(values, current, move, random);
  return accept(current, values);
}

/**
 * A neighbour of a candidate for local refinement: drop one of its moves (a smaller change), nudge one of
 * them, or add one more move; null when the result is not a valid change.
 */
export function neighbourCandidate(
  current: ParameterValues,
  parent: ParameterValues,
  moves: readonly ExploreMove[],
  random: Random,
): ParameterValues | null {
  const values = { ...parent };
  const made = changedMoves(current, parent);
  const unmade = moves.filter((move) => !made.includes(move));
  const kind = random.nextFloat();
  if (made.length > 1 && kind < 1 / 3) revert(values, current, random.pick(made));
  else if (made.length > 0 && (kind < 5 / 6 || unmade.length === 0))
    nudge(values, current, random.pick(made), random);
  else if (unmade.length > 0) randomise(values, current, random.pick(unmade), random);
  return accept(current, values);
}

/**
 * The size of a change, the second objective (smaller is better): one per rule changed (the selection
 * weights count as one), plus how far each moved as a share of its search interval (0–1 each).
 */
export function changeSize(current: ParameterValues, values: ParameterValues): number {
  let size = 0;
  for (const move of changedMoves(current, values)) {
    if (move === "weights") {
      const moved = SELECTION_WEIGHT_KEYS.reduce((sum, key) => sum + Math.abs(values[key] - current[key]), 0);
      size += 1 + Math.min(1, moved / 2);
      continue;
    }
    const { low, high } = searchInterval(move, current[move]);
    const width = Math.max(high - low, PARAMETERS[move].step);
    size += 1 + Math.min(1, Math.abs(values[move] - current[move]) / width);
  }
  return size;
}

/** A stable text for a candidate's changed values, so the search never evaluates the same set twice. */
export function candidateKey(current: ParameterValues, values: ParameterValues): string {
  return PARAMETER_KEYS.filter((key) => values[key] !== current[key])
    .map((key) => `${key}=${values[key]}`)
    .join(",");
}

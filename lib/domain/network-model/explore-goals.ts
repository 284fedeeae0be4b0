import type { DayMetrics, ModelMetricId, SimulationRun } from "@/lib/domain/network-model/model-types";
import { MODEL_METRIC_IDS } from "@/lib/domain/network-model/model-types";
import { quantileOfSorted } from "@/lib/domain/network-model/bands";
import type { ParameterKey } from "@/lib/domain/parameters/catalogue";

/**
 * Explore's goals in plain words (pure). Each goal is a score on the forecast's last-day medians (its
 * "improvement" over the current rules, higher is better) plus constraints it must keep; the search's
 * second objective is the size of the change (explore-space.ts), so the candidates trade improvement
 * against disruption.
 */

export const EXPLORE_GOAL_IDS = [
  "less-concentration",
  "fewer-free-riders",
  "more-guard-nodes",
  "home-nodes-earn-more",
] as const;
export type ExploreGoalId = (typeof EXPLORE_GOAL_IDS)[number];

/** One figure the goal wants moved: lower or higher, with its weight in the goal's improvement. */
export interface GoalObjective {
  metric: ModelMetricId;
  direction: "lower" | "higher";
  weight: number;
}

/** A run's figures the goal reads: its last simulated day and the share of its days the payout limit bound. */
export interface RunOutcome {
  lastDay: DayMetrics;
  /** Share of simulated days on which the daily payout limit bound (payout scale below 1), 0–1. */
  bindingDaysShare: number;
}

/** Medians across runs of the figures a goal reads. */
export interface OutcomeMedians {
  metrics: DayMetrics;
  bindingDaysShare: number;
}

export interface GoalConstraint {
  /** What must hold, in plain words, e.g. "The daily payout limit does not bind more often than today". */
  sentence: string;
  /**
   * How far the proposed figures break the rule (0 when they keep it), as a share of the current figure
   * (or in share points for a figure that is a share), so conditions compare across goals.
   */
  violation(current: OutcomeMedians, proposed: OutcomeMedians): number;
}

export interface ExploreGoal {
  id: ExploreGoalId;
  /** The goal as a radio card's title: "Less concentration". */
  title: string;
  /** The goal in one plain sentence, the constraint included. */
  description: string;
  objectives: readonly GoalObjective[];
  constraints: readonly GoalConstraint[];
  /** Rules the search leaves alone for this goal, so it cannot reach the goal by redefining it. */
  fixedKeys: readonly ParameterKey[];
  /** The figures a candidate's card shows, the goal's own first. */
  headlineMetrics: readonly ModelMetricId[];
}

/** Below this much improvement (1 %: a weighted relative change) a candidate is not offered: noise, not gain. */
export const MIN_IMPROVEMENT = 0.01;
/** "Without losing nodes": nodes online may fall by at most this share (1 %) against the current rules. */
export const NODES_ONLINE_TOLERANCE = 0.01;
/** "Without paying out more": credits paid per day may rise by at most this share (1 %). */
export const EMISSION_TOLERANCE = 0.01;
/** A day on which the payout scale is below 1 by more than this counts as a day the limit bound. */
export const BINDING_SCALE_EPSILON = 1e-9;

/**
 * The smallest figure a relative change is measured against, per metric: a share of 1 percentage point,
 * one node, one credit; so a figure near 0 under the current rules does not turn noise into huge gains.
 */
const RELATIVE_FLOOR: Record<ModelMetricId, number> = {
  top10Share: 0.01,
  largestClusterShare: 0.01,
  giniServed: 0.01,
  freeRiderShare: 0.01,
  emissionCredits: 1,
  payoutScale: 0.01,
  meanRating: 0.01,
  guardEligible: 1,
  homeNodeEarnings: 0.01,
  dataCentreNodeEarnings: 0.01,
  nodesOnline: 1,
};

const payoutLimitKept: GoalConstraint = {
  sentence: "The daily payout limit does not bind more often than under the current rules.",
  violation: (current, proposed) => Math.max(0, proposed.bindingDaysShare - current.bindingDaysShare),
};

const nodesKept: GoalConstraint = {
  sentence: `No fewer nodes online than under the current rules (within ${NODES_ONLINE_TOLERANCE * 100} %).`,
  violation: (current, proposed) => {
    const before = current.metrics.nodesOnline;
    return (
      Math.max(0, before * (1 - NODES_ONLINE_TOLERANCE) - proposed.metrics.nodesOnline) / Math.max(before, 1)
    );
  },
};

const emissionKept: GoalConstraint = {
  sentence: `No more credits paid out per day than under the current rules (within ${EMISSION_TOLERANCE * 100} %).`,
  violation: (current, proposed) => {
    const before = current.metrics.emissionCredits;
    return (
      Math.max(0, proposed.metrics.emissionCredits - before * (1 + EMISSION_TOLERANCE)) / Math.max(before, 1)
    );
  },
};

export const EXPLORE_GOALS: Record<ExploreGoalId, ExploreGoal> = {
  "less-concentration": {
    id: "less-concentration",
    title: "Less concentration",
    description:
      "Less traffic on the largest cluster and the busiest 10 % of nodes, without the daily payout limit cutting payouts more often than today and without losing nodes.",
    objectives: [
      { metric: "largestClusterShare", direction: "lower", weight: 1 },
      { metric: "top10Share", direction: "lower", weight: 1 },
    ],
    constraints: [payoutLimitKept, nodesKept],
    fixedKeys: [],
    headlineMetrics: ["largestClusterShare", "top10Share", "payoutScale", "nodesOnline"],
  },
  "fewer-free-riders": {
    id: "fewer-free-riders",
    title: "Fewer free-riders",
    description:
      "A smaller share of nodes that take much more than they give, without losing nodes and without changing who counts as a free-rider.",
    objectives: [{ metric: "freeRiderShare", direction: "lower", weight: 1 }],
    constraints: [nodesKept],
    fixedKeys: ["freeRider.minShareRatio"],
    headlineMetrics: ["freeRiderShare", "nodesOnline", "homeNodeEarnings"],
  },
  "more-guard-nodes": {
    id: "more-guard-nodes",
    title: "More guard nodes",
    description:
      "More nodes rated high enough to act as guard nodes, without lowering the rating a guard needs and without losing nodes.",
    objectives: [{ metric: "guardEligible", direction: "higher", weight: 1 }],
    constraints: [nodesKept],
    fixedKeys: ["roles.guardMinRating"],
    headlineMetrics: ["guardEligible", "meanRating", "top10Share"],
  },
  "home-nodes-earn-more": {
    id: "home-nodes-earn-more",
    title: "Home nodes earn more",
    description:
      "A typical home node earns more per day, without the network paying out more in total and without losing nodes: a fairer share, not a bigger one.",
    objectives: [{ metric: "homeNodeEarnings", direction: "higher", weight: 1 }],
    constraints: [emissionKept, nodesKept],
    fixedKeys: [],
    headlineMetrics: ["homeNodeEarnings", "dataCentreNodeEarnings", "emissionCredits"],
  },
};

export function isExploreGoalId(value: string): value is ExploreGoalId {
  return (EXPLORE_GOAL_IDS as readonly string[]).includes(value);
}

/** A run's figures for the goals: its last day, and the share of its days the payout limit bound. */
export function runOutcome(run: SimulationRun): RunOutcome {
  const last = run.days[run.days.length - 1];
  if (!last) throw new RangeError("runOutcome needs a run of at least one day");
  const bound = run.days.filter((day) => day.payoutScale < 1 - BINDING_SCALE_EPSILON).length;
  return { lastDay: last, bindingDaysShare: bound / run.days.length };
}

const sortedOf = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();

/** A figure across runs: its 10th percentile, median and 90th percentile. */
export interface Spread {
  p10: number;
  median: number;
  p90: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = sortedOf(values);
  return {
    p10: quantileOfSorted(sorted, 0.1),
    median: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
  };
}

/** The medians across runs of every last-day figure and of the share of days the limit bound. */
export function outcomeMedians(runs: readonly RunOutcome[]): OutcomeMedians {
  if (runs.length === 0) throw new RangeError("outcomeMedians needs at least one run");
  const median = (values: number[]) => quantileOfSorted(sortedOf(values), 0.5);
  const metrics = Object.fromEntries(
    MODEL_METRIC_IDS.map((id) => [id, median(runs.map((run) => run.lastDay[id]))]),
  ) as DayMetrics;
  return { metrics, bindingDaysShare: median(runs.map((run) => run.bindingDaysShare)) };
}

/**
 * The goal's improvement of `proposed` over `current`: the weighted mean of each objective's relative
 * change in the right direction (0.1 = 10 % better), each measured against at least its RELATIVE_FLOOR.
 */
export function goalImprovement(
  goal: ExploreGoal,
  current: OutcomeMedians,
  proposed: OutcomeMedians,
): number {
  let total = 0;
  let weights = 0;
  for (const { metric, direction, weight } of goal.objectives) {
    const before = current.metrics[metric];
    const after = proposed.metrics[metric];
    const scale = Math.max(Math.abs(before), RELATIVE_FLOOR[metric]);
    total += (weight * (direction === "lower" ? before - after : after - before)) / scale;
    weights += weight;
  }
  return weights > 0 ? total / weights : 0;
}

/** How far the proposed figures break the goal's constraints, summed (0 when they keep them all). */
export function goalViolation(goal: ExploreGoal, current: OutcomeMedians, proposed: OutcomeMedians): number {
  return goal.constraints.reduce((sum, constraint) => sum + constraint.violation(current, proposed), 0);
}

import {
  spreadOf,
  type ExploreGoalId,
  type RunOutcome,
  type Spread,
} from "@/lib/domain/network-model/explore-goals";
import { changedMoves } from "@/lib/domain/network-model/explore-space";
import { MODEL_METRIC_IDS, type ModelMetricId } from "@/lib/domain/network-model/model-types";
import { diffParameterValues, type ParameterChange } from "@/lib/domain/parameters/diff";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";

/** What Explore hands back (pure): the current rules' figures and up to 5 candidates with theirs. */

/** A rule set's last-day figures across its runs, and the share of days the payout limit bound (median). */
export interface OutcomeFigures {
  runs: number;
  metrics: Record<ModelMetricId, Spread>;
  bindingDaysShare: number;
}

export interface ExploreCandidate {
  /** The rules it changes, in catalogue order, from the value in force to the candidate's. */
  changes: ParameterChange[];
  /** Rules changed, the selection weights counting as one. */
  rulesChanged: number;
  /** The goal's improvement over the current rules (0.1 = 10 % better), on the candidate's runs. */
  improvement: number;
  /** The size of the change (explore-space.ts changeSize): smaller disrupts less. */
  changeSize: number;
  /** The current rules on the same seeded runs as the candidate, and the candidate's own figures. */
  current: OutcomeFigures;
  proposed: OutcomeFigures;
}

export interface ExploreResult {
  goal: ExploreGoalId;
  /** Parameter sets the search evaluated, of those it planned (fewer when the time bound stopped it). */
  evaluated: number;
  planned: number;
  days: number;
  /** True once the finalists were forecast again with the full number of runs. */
  isFinal: boolean;
  /** Smallest change first; along the front, the improvement grows with the change. */
  candidates: ExploreCandidate[];
}

export function outcomeFigures(outcomes: readonly RunOutcome[]): OutcomeFigures {
  const metrics = Object.fromEntries(
    MODEL_METRIC_IDS.map((id) => [id, spreadOf(outcomes.map((outcome) => outcome.lastDay[id]))]),
  ) as Record<ModelMetricId, Spread>;
  return {
    runs: outcomes.length,
    metrics,
    bindingDaysShare: spreadOf(outcomes.map((outcome) => outcome.bindingDaysShare)).median,
  };
}

export function exploreResultOf({
  goal,
  currentParams,
  baseline,
  candidates,
  evaluated,
  planned,
  days,
  isFinal,
}: {
  goal: ExploreGoalId;
  currentParams: ParameterValues;
  baseline: readonly RunOutcome[];
  candidates: readonly {
    values: ParameterValues;
    outcomes: readonly RunOutcome[];
    improvement: number;
    size: number;
  }[];
  evaluated: number;
  planned: number;
  days: number;
  isFinal: boolean;
}): ExploreResult {
  return {
    goal,
    evaluated,
    planned,
    days,
    isFinal,
    candidates: candidates.map((candidate) => ({
      changes: diffParameterValues(currentParams, candidate.values),
      rulesChanged: changedMoves(currentParams, candidate.values).length,
      improvement: candidate.improvement,
      changeSize: candidate.size,
      current: outcomeFigures(baseline.slice(0, candidate.outcomes.length)),
      proposed: outcomeFigures(candidate.outcomes),
    })),
  };
}

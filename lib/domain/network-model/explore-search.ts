import {
  EXPLORE_GOALS,
  goalImprovement,
  goalViolation,
  outcomeMedians,
  runOutcome,
  type ExploreGoal,
  type ExploreGoalId,
  type RunOutcome,
} from "@/lib/domain/network-model/explore-goals";
import { paretoFront, refinementParents, spreadAlongFront } from "@/lib/domain/network-model/explore-front";
import { exploreResultOf, type ExploreResult } from "@/lib/domain/network-model/explore-result";
import {
  candidateKey,
  changeSize,
  neighbourCandidate,
  randomCandidate,
  searchKeys,
  searchMoves,
  type ExploreMove,
} from "@/lib/domain/network-model/explore-space";
import type { ModelState, SimulationInput, SimulationRun } from "@/lib/domain/network-model/model-types";
import { simulateNetwork, type DailyCost } from "@/lib/domain/network-model/simulate-network";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { createRandom, type Random } from "@/lib/domain/random";

/**
 * Explore's search (pure, deterministic for a seed, no clock): random search within the catalogue's
 * bounds and steps, then local refinement around the Pareto front (improvement toward the goal against
 * the size of the change), each parameter set forecast with a few runs; at the end the ≤ 5 candidates
 * spread along the front are forecast again with the full number of runs and kept when they still hold.
 * A stepper: the caller runs it a few simulated runs at a time and decides when to stop (a time bound).
 */

export const EXPLORE_DEFAULTS = {
  /** Parameter sets the search evaluates (the progress bar's "planned"). */
  evaluations: 150,
  /** Seeded runs per parameter set during the search. */
  searchRuns: 8,
  /** Seeded runs per finalist (and for the current rules) in the final check, as a proposal's forecast. */
  finalRuns: 50,
  maxCandidates: 5,
  days: 30,
  /** Share of the evaluations spent on random search before refinement around the front starts. */
  randomShare: 0.5,
} as const;

/** Tries at drawing a parameter set not evaluated yet before the search counts the space as exhausted. */
const MAX_DRAWS = 50;

export interface ExplorerOptions {
  goal: ExploreGoalId;
  state: ModelState;
  currentParams: ParameterValues;
  seed: number;
  /**
   * The network model (simulateNetwork by default). Run i of every parameter set uses seed + i and the
   * daily costs of the current rules' run i, as forecastChange does (common random numbers).
   */
  simulate?: ExploreSimulate;
  evaluations?: number;
  searchRuns?: number;
  finalRuns?: number;
  maxCandidates?: number;
  days?: number;
}

export type ExploreSimulate = (
  input: SimulationInput & { costPerDay?: DailyCost },
) => SimulationRun & { costPerDay?: DailyCost };

export interface ExploreProgress {
  phase: "search" | "final" | "done";
  /** Parameter sets fully evaluated by the search, of `planned`. */
  evaluated: number;
  planned: number;
  /** Runs of the final check done, of `finalRunsPlanned` (0 before the final phase). */
  finalRunsDone: number;
  finalRunsPlanned: number;
}

/** A parameter set with the runs forecast for it so far. */
export interface Evaluated {
  values: ParameterValues;
  outcomes: RunOutcome[];
  improvement: number;
  size: number;
  violation: number;
}

interface Task {
  outcomes: RunOutcome[];
  values: ParameterValues;
  target: number;
}

export interface Explorer {
  /** Does at most `maxRuns` simulated runs (at least one while work remains) and says where the search is. */
  step(maxRuns: number): ExploreProgress;
  /** Ends the search early (a time bound): the final check starts from what was found so far. */
  stopSearch(): void;
  progress(): ExploreProgress;
  /** The candidates as they stand: the final ones once done, before that the best so far. */
  result(): ExploreResult;
}

export function createExplorer(options: ExplorerOptions): Explorer {
  const { state, currentParams, seed, simulate = simulateNetwork } = options;
  const settings = { ...EXPLORE_DEFAULTS, ...definedOnly(options) };
  const { days } = settings;
  const goal: ExploreGoal = EXPLORE_GOALS[options.goal];
  const moves: ExploreMove[] = searchMoves(searchKeys(goal.fixedKeys));
  const random: Random = createRandom((seed ^ 0x5eed1234) | 0);
  const planned = Math.max(0, Math.floor(settings.evaluations));
  const searchRuns = Math.max(1, Math.min(settings.searchRuns, settings.finalRuns));

  const baseline: Task = { values: currentParams, outcomes: [], target: searchRuns };
  /** The current rules' daily costs per run, which every other parameter set's run i uses too. */
  const costs: (DailyCost | undefined)[] = [];
  const evaluated: Evaluated[] = [];
  const seen = new Set<string>();
  let phase: ExploreProgress["phase"] = "search";
  let pending: Task | null = null;
  let finalTasks: Task[] = [];
  let finalists: Evaluated[] = [];

  const runOnce = (task: Task) => {
    const index = task.outcomes.length;
    const isBaseline = task === baseline;
    const costPerDay = isBaseline ? undefined : costs[index];
    const run = simulate({
      state,
      params: task.values,
      days,
      seed: seed + index,
      ...(costPerDay ? { costPerDay } : {}),
    });
    if (isBaseline) costs[index] = run.costPerDay;
    task.outcomes.push(runOutcome(run));
  };

  const score = (values: ParameterValues, outcomes: RunOutcome[]): Evaluated => {
    const current = outcomeMedians(baseline.outcomes.slice(0, outcomes.length));
    const proposed = outcomeMedians(outcomes);
    return {
      values,
      outcomes,
      improvement: goalImprovement(goal, current, proposed),
      size: changeSize(currentParams, values),
      violation: goalViolation(goal, current, proposed),
    };
  };

  const front = () => paretoFront(evaluated);

  /** The next parameter set to evaluate: random at first, then mostly a neighbour of the front or a near miss. */
  const draw = (): ParameterValues | null => {
    const parents = evaluated.length >= planned * settings.randomShare ? refinementParents(evaluated) : [];
    for (let attempt = 0; attempt < MAX_DRAWS; attempt += 1) {
      const refine = parents.length > 0 && random.nextFloat() < 0.8;
      const values = refine
        ? neighbourCandidate(currentParams, random.pick(parents).values, moves, random)
        : randomCandidate(currentParams, moves, random);
      if (!values) continue;
      const key = candidateKey(currentParams, values);
      if (seen.has(key)) continue;
      seen.add(key);
      return values;
    }
    return null;
  };

  const startFinal = () => {
    pending = null;
    finalists = spreadAlongFront(front(), settings.maxCandidates);
    baseline.target = settings.finalRuns;
    // A finalist's task shares its outcomes array, so the final runs extend the finalist itself.
    const extend = (entry: Evaluated): Task => ({ ...entry, target: settings.finalRuns });
    finalTasks = finalists.length > 0 ? [baseline, ...finalists.map(extend)] : [];
    phase = "final";
  };

  const finalRunsDone = () =>
    finalTasks.reduce((sum, task) => sum + Math.max(0, task.outcomes.length - searchRuns), 0);

  const progress = (): ExploreProgress => ({
    phase,
    evaluated: evaluated.length,
    planned,
    finalRunsDone: phase === "search" ? 0 : finalRunsDone(),
    finalRunsPlanned: phase === "search" ? 0 : (settings.finalRuns - searchRuns) * finalTasks.length,
  });

  /** One simulated run of whatever comes next; false when there is nothing left to do. */
  const advance = (): boolean => {
    if (baseline.outcomes.length < searchRuns) {
      runOnce(baseline);
      return true;
    }
    if (phase === "search") {
      if (!pending) {
        const values = evaluated.length < planned ? draw() : null;
        if (!values) {
          startFinal();
          return advance();
        }
        pending = { values, outcomes: [], target: searchRuns };
      }
      runOnce(pending);
      if (pending.outcomes.length >= pending.target) {
        evaluated.push(score(pending.values, pending.outcomes));
        pending = null;
      }
      return true;
    }
    if (phase === "final") {
      const task = finalTasks.find((candidate) => candidate.outcomes.length < candidate.target);
      if (!task) {
        phase = "done";
        return false;
      }
      runOnce(task);
      return true;
    }
    return false;
  };

  return {
    step(maxRuns) {
      const budget = Math.max(1, Math.floor(maxRuns));
      for (let done = 0; done < budget; done += 1) if (!advance()) break;
      if (phase === "final" && finalTasks.every((task) => task.outcomes.length >= task.target))
        phase = "done";
      return progress();
    },
    stopSearch() {
      if (phase === "search") startFinal();
    },
    progress,
    result() {
      const candidates =
        phase === "search"
          ? spreadAlongFront(front(), settings.maxCandidates)
          : paretoFront(finalists.map((entry) => score(entry.values, entry.outcomes)));
      return exploreResultOf({
        goal: goal.id,
        currentParams,
        baseline: baseline.outcomes,
        candidates,
        evaluated: evaluated.length,
        planned,
        days,
        isFinal: phase === "done",
      });
    },
  };
}

/** The tuning options that were given (undefined ones fall back to the defaults). */
function definedOnly(options: ExplorerOptions): Partial<Record<keyof typeof EXPLORE_DEFAULTS, number>> {
  const keys = ["evaluations", "searchRuns", "finalRuns", "maxCandidates", "days"] as const;
  return Object.fromEntries(
    keys.flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])),
  ) as Partial<Record<keyof typeof EXPLORE_DEFAULTS, number>>;
}

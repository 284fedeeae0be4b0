import { isExploreGoalId } from "@/lib/domain/network-model/explore-goals";
import {
  createExplorer,
  EXPLORE_DEFAULTS,
  type ExploreProgress,
} from "@/lib/domain/network-model/explore-search";
import { MODEL_VERSION } from "@/lib/domain/network-model/model-types";
import type { ExploreRunOutcome } from "@/lib/schemas/explore";
import {
  failExploreRun,
  finishExploreRun,
  recordExploreProgress,
  releaseExploreRun,
  type ClaimedExploreRun,
} from "@/lib/server/network-model/explore-runs";
import { loadModelInputs } from "@/lib/server/network-model/model-state-queries";
import type { Db } from "@/lib/server/platform/db";

/** Of a search's time bound, the share spent searching; the rest checks the finalists with the full runs. */
export const EXPLORE_SEARCH_SHARE = 0.7;
/** Progress is written at most this often (and at each change of phase). */
export const EXPLORE_PROGRESS_EVERY_MS = 1_000;
/** The event loop is given back to the worker's other jobs at least this often. */
const YIELD_EVERY_MS = 50;

export type ExploreSearchResult =
  | { status: "done"; evaluated: number; planned: number; candidates: number; stoppedEarly: boolean }
  | { status: "failed"; error: string }
  | { status: "released" }
  | { status: "lost" };

/** A seed from the search's inputs, so the same goal on the same rules and days finds the same candidates. */
export function exploreSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x7fffffff;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs a claimed search on the newest network state for at most `timeBudgetMs` of wall time (searching
 * for EXPLORE_SEARCH_SHARE of it, then checking the finalists), writing its progress as it goes, and stores
 * its candidates; a stopping worker puts it back in the queue.
 */
export async function runExploreSearch(
  db: Db,
  {
    run,
    workerId,
    now,
    timeBudgetMs,
    elapsedMs,
    signal,
  }: {
    run: ClaimedExploreRun;
    workerId: string;
    now: () => Date;
    timeBudgetMs: number;
    /** Wall time since the search started, in ms (performance.now() based in the worker). */
    elapsedMs: () => number;
    signal: AbortSignal;
  },
): Promise<ExploreSearchResult> {
  const fail = async (error: string): Promise<ExploreSearchResult> => {
    await failExploreRun(db, { id: run.id, workerId, error, now: now() });
    return { status: "failed", error };
  };
  if (!isExploreGoalId(run.goal))
    return fail(`"${run.goal}" is not a goal Explore knows. Pick a goal from the list.`);
  const inputs = await loadModelInputs(db);
  if (inputs.status === "no-history") {
    return fail(
      `Explore needs at least ${inputs.daysNeeded} days of the network turned into rewards, and ${inputs.daysAvailable} are there so far. Try again once more days have been computed.`,
    );
  }
  const newestEpochDay = inputs.newestEpochDay;
  const explorer = createExplorer({
    goal: run.goal,
    state: inputs.state,
    currentParams: inputs.params,
    seed: exploreSeed(`${run.goal}|${inputs.configVersion}|${newestEpochDay.toISOString()}|${MODEL_VERSION}`),
    evaluations: run.planned > 0 ? run.planned : EXPLORE_DEFAULTS.evaluations,
  });

  let progress: ExploreProgress = explorer.progress();
  let stoppedEarly = false;
  let lastWrite = elapsedMs();
  let lastYield = lastWrite;
  let lastPhase = progress.phase;
  while (progress.phase !== "done") {
    if (signal.aborted) {
      await releaseExploreRun(db, { id: run.id, workerId });
      return { status: "released" };
    }
    const elapsed = elapsedMs();
    if (elapsed >= timeBudgetMs) break;
    if (progress.phase === "search" && elapsed >= timeBudgetMs * EXPLORE_SEARCH_SHARE) {
      explorer.stopSearch();
      stoppedEarly = progress.evaluated < progress.planned;
    }
    progress = explorer.step(1);
    if (elapsedMs() - lastYield >= YIELD_EVERY_MS) {
      await yieldToOthers();
      lastYield = elapsedMs();
    }
    if (elapsedMs() - lastWrite >= EXPLORE_PROGRESS_EVERY_MS || progress.phase !== lastPhase) {
      // Once the search is over the bar is full: what is left is checking the finalists.
      const planned = progress.phase === "search" ? progress.planned : progress.evaluated;
      const held = await recordExploreProgress(db, {
        id: run.id,
        workerId,
        evaluated: progress.evaluated,
        planned,
        now: now(),
      });
      if (!held) return { status: "lost" };
      lastWrite = elapsedMs();
      lastPhase = progress.phase;
    }
  }

  const result = explorer.result();
  const outcome: ExploreRunOutcome = {
    newestEpochDay,
    modelVersion: MODEL_VERSION,
    stoppedEarly: stoppedEarly || progress.phase !== "done",
    result,
  };
  const stored = await finishExploreRun(db, {
    id: run.id,
    workerId,
    baseVersion: inputs.configVersion,
    outcome,
    now: now(),
  });
  if (!stored) return { status: "lost" };
  return {
    status: "done",
    evaluated: result.evaluated,
    planned: result.planned,
    candidates: result.candidates.length,
    stoppedEarly: outcome.stoppedEarly,
  };
}

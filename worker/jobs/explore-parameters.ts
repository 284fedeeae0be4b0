import { randomBytes } from "node:crypto";
import os from "node:os";
import { claimExploreRun, failExploreRun } from "@/lib/server/network-model/explore-runs";
import { runExploreSearch } from "@/lib/server/network-model/run-explore-search";
import { defineJob } from "@/worker/jobs/define-job";

/** Names this worker process in Explore runs' leases. */
export const EXPLORE_WORKER_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * Runs the oldest queued Explore search (explore.start) on the network model, one at a time, for at most
 * PLENUM_EXPLORE_SECONDS of wall time, writing its progress as it goes (lib/server/network-model/
 * run-explore-search.ts); a search failing unexpectedly is marked failed with its reason.
 */
export const exploreParametersJob = defineJob({
  name: "explore-parameters",
  intervalMs: 2_000,
  async run({ db, now, env, logger, signal }) {
    const run = await claimExploreRun(db, { workerId: EXPLORE_WORKER_ID, now: now() });
    if (!run) return { claimed: false };
    const started = performance.now();
    const timeBudgetMs = env.PLENUM_EXPLORE_SECONDS * 1_000;
    logger.info("explore search started", { id: run.id, goal: run.goal, timeBudgetMs });
    try {
      const result = await runExploreSearch(db, {
        run,
        workerId: EXPLORE_WORKER_ID,
        now,
        timeBudgetMs,
        elapsedMs: () => performance.now() - started,
        signal,
      });
      const durationMs = Math.round(performance.now() - started);
      logger.info("explore search ended", { id: run.id, goal: run.goal, durationMs, ...result });
      return { claimed: true, id: run.id, durationMs, ...result };
    } catch (error) {
      await failExploreRun(db, {
        id: run.id,
        workerId: EXPLORE_WORKER_ID,
        error:
          "The search stopped on an unexpected error. Start it again; if it keeps failing, the worker's log says why.",
        now: now(),
      }).catch(() => undefined);
      throw error;
    }
  },
});

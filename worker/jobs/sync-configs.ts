import { randomBytes } from "node:crypto";
import os from "node:os";
import { runSyncPass } from "@/lib/server/config-sync/sync-engine";
import { defineJob } from "@/worker/jobs/define-job";

/** Names this worker process in leases and SyncAttempt rows. */
export const SYNC_WORKER_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** One run keeps claiming while whole batches come back, for at most this long, then yields to the other jobs. */
const RUN_BUDGET_MS = 10_000;

/** Pushes due config versions to nodes and reads their state back (lib/server/config-sync/sync-engine.ts). */
export const syncConfigsJob = defineJob({
  name: "sync-configs",
  intervalMs: 1_000,
  async run({ db, now, env, logger, signal }) {
    const batchSize = 2 * env.PLENUM_SYNC_MAX_IN_FLIGHT;
    const started = Date.now();
    const total = { passes: 0, claimed: 0, pushed: 0, acknowledged: 0, failed: 0, readBacks: 0 };
    for (;;) {
      const result = await runSyncPass({
        db,
        workerId: SYNC_WORKER_ID,
        now,
        random: Math.random,
        logger,
        signal,
        allowPrivateEndpoints: env.PLENUM_ALLOW_PRIVATE_ENDPOINTS,
        maxInFlight: env.PLENUM_SYNC_MAX_IN_FLIGHT,
        batchSize,
      });
      total.passes += 1;
      for (const key of ["claimed", "pushed", "acknowledged", "failed", "readBacks"] as const)
        total[key] += result[key];
      if (result.claimed < batchSize || signal.aborted || Date.now() - started > RUN_BUDGET_MS) break;
    }
    if (total.claimed > 0) logger.info("sync pass", total);
    return total;
  },
});

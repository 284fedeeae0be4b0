import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { defineJob } from "@/worker/jobs/define-job";

/**
 * Computes each finished day's rewards and ratings into the reward ledger, catching up on missed days; a
 * day that cannot be computed is stored blocked (warned, with its reason) and the next days go on.
 */
export const computeEpochsJob = defineJob({
  name: "compute-epochs",
  intervalMs: 5 * 60_000,
  async run({ db, now, logger, signal }) {
    const result = await runDueEpochs(db, { now: now(), signal });
    if (result.computed > 0) logger.info("epochs computed", result);
    for (const { day, reason } of result.blocked) {
      logger.warn(
        `epoch ${day} blocked: it pays nothing until \`npm run admin -- rerun-epoch ${day}\` computes it`,
        {
          day,
          reason,
        },
      );
    }
    if (result.isBusy)
      logger.info("epochs stopped: another worker holds the lock, the next run goes on", result);
    return result;
  },
});

import { freezeDueForecasts } from "@/lib/server/network-model/freeze-forecasts";
import { defineJob } from "@/worker/jobs/define-job";

/**
 * Freezes the forecast of each newly passed proposal (its hash into the governance chain), outside the
 * round's close: a forecast takes seconds of computing. A proposal the model failed on is logged and the
 * run fails, so it is retried with back-off.
 */
export const freezeForecastsJob = defineJob({
  name: "freeze-forecasts",
  intervalMs: 60_000,
  async run({ db, now, logger }) {
    const { frozen, waiting, failed } = await freezeDueForecasts(db, { now: now() });
    for (const forecast of frozen) logger.info("forecast frozen", { ...forecast });
    for (const { proposalId, error } of failed)
      logger.error("forecast could not be frozen", { proposalId, error });
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} passed proposal(s) could not have their forecast frozen (${failed.map((f) => f.proposalId).join(", ")}); the next run tries again.`,
      );
    }
    return { frozen: frozen.map((forecast) => forecast.proposalId), waiting };
  },
});

import { warmProposalForecasts } from "@/lib/server/network-model/forecast-changes";
import { defineJob } from "@/worker/jobs/define-job";

/**
 * Keeps the forecasts of proposals in discussion, queued or voting ready, so their pages answer from the
 * cache: when a new day's rewards land (a new epoch) or a config version is issued, each open proposal's
 * forecast is computed again — one per run, so the worker is never held up for more than one forecast.
 */
export const warmForecastsJob = defineJob({
  name: "warm-forecasts",
  intervalMs: 60_000,
  async run({ db, now, logger }) {
    const result = await warmProposalForecasts(db, { now: now() });
    if (result.warmed) logger.info("forecast computed ahead of readers", result);
    return result;
  },
});

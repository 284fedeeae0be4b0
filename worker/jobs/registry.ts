import { activateConfigVersionsJob } from "@/worker/jobs/activate-config-versions";
import { computeEpochsJob } from "@/worker/jobs/compute-epochs";
import type { Job } from "@/worker/jobs/define-job";
import { exploreParametersJob } from "@/worker/jobs/explore-parameters";
import { freezeForecastsJob } from "@/worker/jobs/freeze-forecasts";
import { pruneNodeRequestReplaysJob } from "@/worker/jobs/prune-node-request-replays";
import { pruneRateLimitBucketsJob } from "@/worker/jobs/prune-rate-limit-buckets";
import { queueProposalsJob } from "@/worker/jobs/queue-proposals";
import { recordSyncCoverageJob } from "@/worker/jobs/record-sync-coverage";
import { runVotingRoundsJob } from "@/worker/jobs/run-voting-rounds";
import { syncConfigsJob } from "@/worker/jobs/sync-configs";
import { warmForecastsJob } from "@/worker/jobs/warm-forecasts";

/** Every job the worker runs; a new job is appended here. */
export const JOBS = [
  activateConfigVersionsJob,
  pruneNodeRequestReplaysJob,
  pruneRateLimitBucketsJob,
  syncConfigsJob,
  recordSyncCoverageJob,
  queueProposalsJob,
  runVotingRoundsJob,
  computeEpochsJob,
  freezeForecastsJob,
  exploreParametersJob,
  warmForecastsJob,
] as const satisfies readonly Job[];

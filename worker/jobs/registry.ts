import { activateConfigVersionsJob } from "@/worker/jobs/activate-config-versions";
import { computeEpochsJob } from "@/worker/jobs/compute-epochs";
import type { Job } from "@/worker/jobs/define-job";
import { pruneNodeRequestReplaysJob } from "@/worker/jobs/prune-node-request-replays";
import { queueProposalsJob } from "@/worker/jobs/queue-proposals";
import { recordSyncCoverageJob } from "@/worker/jobs/record-sync-coverage";
import { runVotingRoundsJob } from "@/worker/jobs/run-voting-rounds";
import { syncConfigsJob } from "@/worker/jobs/sync-configs";

/** Every job the worker runs. New jobs (config sync, round closing, epochs) are appended here. */
export const JOBS = [
  activateConfigVersionsJob,
  pruneNodeRequestReplaysJob,
  syncConfigsJob,
  recordSyncCoverageJob,
  queueProposalsJob,
  runVotingRoundsJob,
  computeEpochsJob,
] as const satisfies readonly Job[];

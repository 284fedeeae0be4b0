import { activateConfigVersionsJob } from "@/worker/jobs/activate-config-versions";
import type { Job } from "@/worker/jobs/define-job";
import { pruneNodeRequestReplaysJob } from "@/worker/jobs/prune-node-request-replays";

/** Every job the worker runs. New jobs (config sync, round closing, epochs) are appended here. */
export const JOBS = [activateConfigVersionsJob, pruneNodeRequestReplaysJob] as const satisfies readonly Job[];

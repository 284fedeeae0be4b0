import type { Db } from "@/lib/server/platform/db";
import type { Env } from "@/lib/server/platform/env";
import type { Logger } from "@/lib/server/platform/logger";

export interface JobContext {
  db: Db;
  now: () => Date;
  /** The settings the worker started with: jobs read them here, never from process.env. */
  env: Env;
  /** Already carries the job's name. */
  logger: Logger;
  /** Aborted when the worker is stopping: long runs should check it and return early. */
  signal: AbortSignal;
}

/** What a run reports; the runtime logs it with the run's duration. */
export type JobResult = Readonly<Record<string, unknown>>;

export interface Job {
  readonly name: string;
  readonly intervalMs: number;
  run(context: JobContext): Promise<JobResult>;
}

/** Checks a job's shape when it is defined, so a bad name or interval fails at start-up, not at 3 a.m. */
export function defineJob<const J extends Job>(job: J): J {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(job.name)) {
    throw new Error(`Job name "${job.name}" must be kebab-case, e.g. "push-configs".`);
  }
  if (!Number.isInteger(job.intervalMs) || job.intervalMs < 1) {
    throw new Error(
      `Job "${job.name}" needs a whole number of milliseconds ≥ 1 as intervalMs, got ${job.intervalMs}.`,
    );
  }
  return job;
}

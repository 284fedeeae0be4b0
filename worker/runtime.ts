import type { Db } from "@/lib/server/platform/db";
import type { Env } from "@/lib/server/platform/env";
import type { Logger } from "@/lib/server/platform/logger";
import type { Job } from "@/worker/jobs/define-job";

export interface WorkerRuntimeOptions {
  db: Db;
  jobs: readonly Job[];
  now: () => Date;
  env: Env;
  logger: Logger;
  /** How often (real time) the scheduler looks for due jobs; `now()` decides which are due. */
  tickMs?: number;
  /** How long `stop()` waits for runs in flight before giving up on them. */
  stopTimeoutMs?: number;
  /** The longest wait before retrying a job that keeps failing. */
  maxBackoffMs?: number;
}

export interface WorkerRuntime {
  stop(): Promise<void>;
}

interface JobState {
  job: Job;
  nextRunAt: number;
  failures: number;
  running: Promise<void> | null;
}

export const DEFAULT_TICK_MS = 1_000;
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;

/** A failing job waits twice as long after each consecutive failure, never less than its interval nor more than the cap. */
export function retryDelayMs(intervalMs: number, failures: number, maxBackoffMs: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 2 ** failures, maxBackoffMs));
}

/**
 * Runs every job on its interval, the first run at once. Two runs of one job never overlap; a
 * failing job is logged and retried with back-off while the others go on.
 */
export function startWorkerRuntime({
  db,
  jobs,
  now,
  env,
  logger,
  tickMs = DEFAULT_TICK_MS,
  stopTimeoutMs = DEFAULT_STOP_TIMEOUT_MS,
  maxBackoffMs = DEFAULT_MAX_BACKOFF_MS,
}: WorkerRuntimeOptions): WorkerRuntime {
  const names = jobs.map((job) => job.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`Two jobs are named "${duplicate}": every job needs its own name.`);

  const controller = new AbortController();
  const startedAt = now().getTime();
  const states: JobState[] = jobs.map((job) => ({ job, nextRunAt: startedAt, failures: 0, running: null }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopping: Promise<void> | undefined;

  const runOnce = async (state: JobState, scheduledAt: number): Promise<void> => {
    const { job } = state;
    const began = performance.now();
    const durationMs = () => Math.round(performance.now() - began);
    try {
      const result = await job.run({
        db,
        now,
        env,
        logger: logger.child({ job: job.name }),
        signal: controller.signal,
      });
      state.failures = 0;
      state.nextRunAt = scheduledAt + job.intervalMs;
      logger.debug("job finished", { job: job.name, durationMs: durationMs(), result });
    } catch (error) {
      if (controller.signal.aborted) {
        logger.warn("job interrupted by shutdown", { job: job.name, durationMs: durationMs(), error });
        return;
      }
      state.failures += 1;
      const retryInMs = retryDelayMs(job.intervalMs, state.failures, maxBackoffMs);
      state.nextRunAt = now().getTime() + retryInMs;
      logger.error("job failed", {
        job: job.name,
        durationMs: durationMs(),
        error,
        consecutiveFailures: state.failures,
        retryInMs,
      });
    }
  };

  const tick = () => {
    if (stopping) return;
    const current = now().getTime();
    for (const state of states) {
      if (state.running || current < state.nextRunAt) continue;
      state.running = runOnce(state, current).finally(() => {
        state.running = null;
      });
    }
    timer = setTimeout(tick, tickMs);
  };
  tick();

  const stop = async () => {
    clearTimeout(timer);
    controller.abort(new Error("The worker is stopping."));
    const inFlight = states.filter((state) => state.running);
    if (inFlight.length === 0) return;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const finished = await Promise.race([
      Promise.all(inFlight.map((state) => state.running)).then(() => true),
      new Promise<false>((resolve) => {
        deadline = setTimeout(() => resolve(false), stopTimeoutMs);
      }),
    ]);
    clearTimeout(deadline);
    if (!finished) {
      logger.warn("jobs still running at shutdown were abandoned", {
        jobs: states.filter((state) => state.running).map((state) => state.job.name),
        stopTimeoutMs,
      });
    }
  };

  return {
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}

/**
 * Keeps one child process of `npm start` running: when it exits on its own it is started again after
 * the back-off of `nextRestart`; `stop()` ends it for good. Spawning and time come in as arguments, so
 * the loop is tested with a fake child and a fake clock.
 */
import type { Logger } from "../lib/server/platform/logger";
import { nextRestart, RESTART_POLICY, type RestartDecision, type RestartPolicy } from "./restart-backoff";

/** The part of node:child_process's ChildProcess the supervisor uses. */
export interface ChildLike {
  readonly pid?: number | undefined;
  kill(signal: NodeJS.Signals): boolean;
  on(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** A monotonic clock and a one-shot timer whose result cancels it. */
export interface Timers {
  now(): number;
  schedule(callback: () => void, delayMs: number): () => void;
}

export const REAL_TIMERS: Timers = {
  now: () => performance.now(),
  schedule: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};

/** How long a child has after SIGTERM before it gets SIGKILL. */
export const STOP_GRACE_MS = 15_000;

export interface SuperviseOptions {
  /** Names the child in every log line: "web", "worker", "fleet". */
  name: string;
  spawn: () => ChildLike;
  log: Pick<Logger, "info" | "error">;
  timers?: Timers;
  policy?: RestartPolicy;
  stopGraceMs?: number;
}

export interface SupervisedChild {
  readonly name: string;
  /** Cancels a pending restart and stops the child (SIGTERM, SIGKILL after the grace); resolves once it is gone. */
  stop(): Promise<void>;
}

type Outcome = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

function seconds(ms: number): string {
  return `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
}

function howItEnded(outcome: Outcome): string {
  if ("error" in outcome) return `could not be started (${outcome.error.message})`;
  return outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
}

/** "web exited with code 1 after 0.4 s; restarting it in 2 s — …" */
export function restartMessage(
  name: string,
  outcome: Outcome,
  uptimeMs: number,
  decision: RestartDecision,
  policy: RestartPolicy = RESTART_POLICY,
): string {
  const line = `${name} ${howItEnded(outcome)} after ${seconds(uptimeMs)}; restarting it in ${seconds(decision.delayMs)}`;
  if (!decision.isCrashLoop) return line;
  return (
    `${line} — it keeps failing right after it starts (${decision.consecutiveFailures} times in a row, ` +
    `each within ${seconds(policy.healthyAfterMs)}); still restarting, waiting up to ${seconds(policy.maxDelayMs)} ` +
    `between tries: read its log above`
  );
}

/** Starts the child now and restarts it whenever it exits until `stop()` is called. */
export function superviseChild({
  name,
  spawn,
  log,
  timers = REAL_TIMERS,
  policy = RESTART_POLICY,
  stopGraceMs = STOP_GRACE_MS,
}: SuperviseOptions): SupervisedChild {
  let current: ChildLike | null = null;
  let failures = 0;
  let cancelRestart: (() => void) | null = null;
  let stopped: Promise<void> | null = null;
  let onGone: (() => void) | null = null;

  const ended = (startedAt: number, outcome: Outcome) => {
    current = null;
    if (stopped) {
      onGone?.();
      return;
    }
    const uptimeMs = timers.now() - startedAt;
    const decision = nextRestart(failures, uptimeMs, policy);
    failures = decision.consecutiveFailures;
    log.error(restartMessage(name, outcome, uptimeMs, decision, policy), {
      child: name,
      ...("error" in outcome ? { error: outcome.error } : outcome),
      uptimeMs: Math.round(uptimeMs),
      restartInMs: decision.delayMs,
      consecutiveFailures: decision.consecutiveFailures,
    });
    cancelRestart = timers.schedule(() => {
      cancelRestart = null;
      log.info(`restarting ${name}`, { child: name });
      start();
    }, decision.delayMs);
  };

  const start = () => {
    const startedAt = timers.now();
    let isEnded = false;
    const end = (outcome: Outcome) => {
      if (isEnded) return;
      isEnded = true;
      ended(startedAt, outcome);
    };
    let child: ChildLike;
    try {
      child = spawn();
    } catch (error) {
      end({ error: error as Error });
      return;
    }
    current = child;
    child.on("exit", (code, signal) => end({ code, signal }));
    // A child that could not be spawned reports an error and may never report an exit.
    child.on("error", (error) => {
      if (child.pid === undefined) end({ error });
    });
  };

  start();

  return {
    name,
    stop() {
      if (stopped) return stopped;
      cancelRestart?.();
      cancelRestart = null;
      const child = current;
      if (!child) {
        stopped = Promise.resolve();
        return stopped;
      }
      stopped = new Promise<void>((resolve) => {
        const cancelKill = timers.schedule(() => child.kill("SIGKILL"), stopGraceMs);
        onGone = () => {
          cancelKill();
          resolve();
        };
      });
      child.kill("SIGTERM");
      return stopped;
    },
  };
}

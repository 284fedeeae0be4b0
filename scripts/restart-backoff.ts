/** When `npm start` restarts a child process (web, worker, demo fleet) that exited on its own. */
export interface RestartPolicy {
  /** Wait before restarting a child whose previous run stayed up (the first crash in a while). */
  firstDelayMs: number;
  /** The wait doubles with each consecutive run that dies young, up to this. */
  maxDelayMs: number;
  /** A run that stayed up at least this long was healthy: its crash starts the back-off again. */
  healthyAfterMs: number;
}

export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  healthyAfterMs: 60_000,
};

export interface RestartDecision {
  /** Runs in a row that ended before `healthyAfterMs`, this one included (1 after a healthy run). */
  consecutiveFailures: number;
  /** How long to wait before starting the child again. */
  delayMs: number;
  /** The previous run died young too: the child keeps failing right after it starts. */
  isCrashLoop: boolean;
}

/**
 * Rule: restart after 1 s, then 2 s, 4 s … up to 60 s while runs keep dying young; a run that stayed
 * up 60 s resets the wait to 1 s. Never gives up: a crash-looping child is still restarted.
 * `previousFailures` is the last decision's `consecutiveFailures` (0 before any exit).
 */
export function nextRestart(
  previousFailures: number,
  uptimeMs: number,
  policy: RestartPolicy = RESTART_POLICY,
): RestartDecision {
  const consecutiveFailures = uptimeMs >= policy.healthyAfterMs ? 1 : previousFailures + 1;
  // Capping the exponent keeps 2 ** n finite however long the loop runs.
  const doublings = Math.min(consecutiveFailures - 1, 30);
  return {
    consecutiveFailures,
    delayMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings),
    isCrashLoop: consecutiveFailures > 1,
  };
}

/** Delivery retry schedule from node-protocol.md "Delivery rules": steps, jitter, Retry-After and Unreachable. */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Wait after the 1st, 2nd, … consecutive failure; the last step repeats. */
export const RETRY_STEPS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 12 * HOUR];
export const JITTER_FRACTION = 0.2;
/** The shortest wait after a timeout or a 429/503, whatever the step or Retry-After says. */
export const MIN_WAIT_AFTER_OVERLOAD_MS = 60 * SECOND;
export const UNREACHABLE_AFTER_MS = 120 * HOUR;
export const UNREACHABLE_PROBE_MS = 24 * HOUR;

/** The unjittered wait of the schedule after `failureCount` (≥ 1) consecutive failures. */
export function retryStepMs(failureCount: number): number {
  const index = Math.min(Math.max(failureCount, 1), RETRY_STEPS_MS.length) - 1;
  return RETRY_STEPS_MS[index]!;
}

/** `ms` spread by ±20 %: `random` in [0, 1) maps to [0.8 × ms, 1.2 × ms). */
export function withJitter(ms: number, random: number): number {
  return Math.round(ms * (1 - JITTER_FRACTION + 2 * JITTER_FRACTION * random));
}

export type FailureKind = "transient" | "timeout" | "overloaded";

export interface RetryInput {
  /** Consecutive failures including this one (≥ 1). */
  failureCount: number;
  /** How long the node has been failing, this failure included. */
  failingForMs: number;
  kind: FailureKind;
  /** Retry-After of a 429/503, when the node sent one. */
  retryAfterSeconds?: number | null;
  random: number;
}

/**
 * How long to wait before the next attempt and whether the node now counts as Unreachable: the
 * jittered step; a Retry-After clamped to [step, 2 × step]; at least 60 s after a timeout or
 * overload; every 24 h once it has failed for 120 h.
 */
export function nextRetry(input: RetryInput): { delayMs: number; isUnreachable: boolean } {
  if (input.failingForMs >= UNREACHABLE_AFTER_MS) {
    return { delayMs: withJitter(UNREACHABLE_PROBE_MS, input.random), isUnreachable: true };
  }
  const base = retryStepMs(input.failureCount);
  const retryAfterMs =
    input.kind === "overloaded" && input.retryAfterSeconds != null && input.retryAfterSeconds >= 0
      ? Math.min(Math.max(input.retryAfterSeconds * SECOND, base), 2 * base)
      : null;
  const delay = retryAfterMs ?? withJitter(base, input.random);
  const floor = input.kind === "transient" ? 0 : MIN_WAIT_AFTER_OVERLOAD_MS;
  return { delayMs: Math.max(delay, floor), isUnreachable: false };
}

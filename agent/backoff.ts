import { PlatformError, PlatformUnreachableError } from "./protocol/platform-client";

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 300_000;
const DEFAULT_RETRY_AFTER_S = 60;

/**
 * Exponential back-off with jitter: attempt n waits between half and all of min(2 s × 2ⁿ, 5 min),
 * so many nodes that failed together do not retry together.
 */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** How long to wait before retrying after `error`, or null when retrying cannot help (a 4xx other than 429). */
export function retryDelayMs(error: unknown, attempt: number, random: () => number): number | null {
  if (error instanceof PlatformUnreachableError) return backoffDelayMs(attempt, random);
  if (!(error instanceof PlatformError)) return null;
  if (error.status === 429) return Math.max(1, error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S) * 1000;
  if (error.status >= 500) {
    return error.retryAfterSeconds === null
      ? backoffDelayMs(attempt, random)
      : Math.max(1, error.retryAfterSeconds) * 1000;
  }
  return null;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

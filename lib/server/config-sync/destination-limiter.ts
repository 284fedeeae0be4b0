/** Runs at most `limit` tasks at once per key (a destination IP, or one key for a whole worker); the rest wait in order. */
export interface ConcurrencyLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  inFlight(key: string): number;
}

export const DEFAULT_PER_DESTINATION_LIMIT = 2;

export function createDestinationLimiter(limit = DEFAULT_PER_DESTINATION_LIMIT): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  const release = (key: string) => {
    const next = waiting.get(key)?.shift();
    if (next) return next();
    const count = (running.get(key) ?? 1) - 1;
    if (count === 0) running.delete(key);
    else running.set(key, count);
    if (waiting.get(key)?.length === 0) waiting.delete(key);
  };

  const acquire = (key: string): Promise<void> => {
    const count = running.get(key) ?? 0;
    if (count < limit) {
      running.set(key, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(key) ?? [];
      queue.push(resolve);
      waiting.set(key, queue);
    });
  };

  return {
    async run(key, task) {
      await acquire(key);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
    inFlight: (key) => running.get(key) ?? 0,
  };
}

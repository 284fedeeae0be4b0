/** One key's computation: when it started (by the caller's clock) and its result, maybe still pending. */
interface Entry {
  startedAtMs: number;
  result: Promise<unknown>;
}

export interface ComputationCache {
  /**
   * The result of `compute` for `key` started less than the cache's lifetime before `now`, or a new
   * computation. Callers that ask while one is under way share it; a failed computation is forgotten so
   * the next call retries. A clock that went back (now before the entry started) counts as expired.
   */
  get<T>(key: string, now: Date, compute: () => Promise<T>): Promise<T>;
}

/**
 * An in-process cache of expensive reads for a short time (per web process, never shared between
 * replicas). The clock comes in with every call. Keys must come from a small fixed set (e.g. a
 * range's name): nothing is ever evicted except by being replaced.
 */
export function createComputationCache({ ttlMs }: { ttlMs: number }): ComputationCache {
  const entries = new Map<string, Entry>();
  return {
    get<T>(key: string, now: Date, compute: () => Promise<T>): Promise<T> {
      const nowMs = now.getTime();
      const cached = entries.get(key);
      if (cached && nowMs >= cached.startedAtMs && nowMs - cached.startedAtMs < ttlMs) {
        return cached.result as Promise<T>;
      }
      const entry: Entry = { startedAtMs: nowMs, result: new Promise<T>((resolve) => resolve(compute())) };
      entries.set(key, entry);
      entry.result.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.result as Promise<T>;
    },
  };
}

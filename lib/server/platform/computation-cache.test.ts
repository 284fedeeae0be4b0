import { describe, expect, it } from "vitest";
import { createComputationCache } from "./computation-cache";

const at = (ms: number) => new Date(Date.UTC(2026, 10, 25) + ms);

/** A computation that counts its runs and answers with the run number. */
function counter() {
  let runs = 0;
  return {
    compute: async () => {
      runs += 1;
      return runs;
    },
    runs: () => runs,
  };
}

describe("createComputationCache", () => {
  it("serves one result until the lifetime has passed, then computes again", async () => {
    const cache = createComputationCache({ ttlMs: 30_000 });
    const work = counter();
    expect(await cache.get("k", at(0), work.compute)).toBe(1);
    expect(await cache.get("k", at(29_999), work.compute)).toBe(1);
    expect(await cache.get("k", at(30_000), work.compute)).toBe(2);
    expect(work.runs()).toBe(2);
  });

  it("keeps keys apart", async () => {
    const cache = createComputationCache({ ttlMs: 30_000 });
    const work = counter();
    await cache.get("24h", at(0), work.compute);
    await cache.get("7d", at(0), work.compute);
    expect(work.runs()).toBe(2);
  });

  it("shares a computation still under way", async () => {
    const cache = createComputationCache({ ttlMs: 30_000 });
    const work = counter();
    const [a, b] = await Promise.all([
      cache.get("k", at(0), work.compute),
      cache.get("k", at(5), work.compute),
    ]);
    expect([a, b, work.runs()]).toEqual([1, 1, 1]);
  });

  it("treats a clock that went back as expired", async () => {
    const cache = createComputationCache({ ttlMs: 30_000 });
    const work = counter();
    await cache.get("k", at(10_000), work.compute);
    expect(await cache.get("k", at(0), work.compute)).toBe(2);
  });

  it("forgets a failed computation, so the next call retries", async () => {
    const cache = createComputationCache({ ttlMs: 30_000 });
    const failing = () => Promise.reject(new Error("database away"));
    await expect(cache.get("k", at(0), failing)).rejects.toThrow("database away");
    const thrower = (): Promise<number> => {
      throw new Error("synchronous");
    };
    await expect(cache.get("k", at(1), thrower)).rejects.toThrow("synchronous");
    expect(await cache.get("k", at(2), async () => 7)).toBe(7);
  });
});

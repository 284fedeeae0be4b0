import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDestinationLimiter } from "./destination-limiter";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createDestinationLimiter", () => {
  it("runs at most two tasks per destination at once, in order, and others freely", async () => {
    const limiter = createDestinationLimiter(2);
    const releases: (() => void)[] = [];
    const started: string[] = [];
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        releases.push(resolve);
      });
    const all = ["a1", "a2", "a3", "a4"].map((name) => limiter.run("10.0.0.1", task(name)));
    const other = limiter.run("10.0.0.2", task("b1"));
    await tick();
    expect(started).toEqual(["a1", "a2", "b1"]);
    expect(limiter.inFlight("10.0.0.1")).toBe(2);
    releases[0]!();
    await tick();
    expect(started).toEqual(["a1", "a2", "b1", "a3"]);
    for (const release of releases) release();
    await tick();
    for (const release of releases) release();
    await Promise.all([...all, other]);
    expect(limiter.inFlight("10.0.0.1")).toBe(0);
  });

  it("never exceeds its limit, whatever the mix of tasks and failures", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("x", "y"), fc.nat({ max: 3 }), fc.boolean()), { maxLength: 30 }),
        async (tasks) => {
          const limiter = createDestinationLimiter(2);
          const running = new Map<string, number>();
          let worst = 0;
          await Promise.allSettled(
            tasks.map(([key, waits, fails]) =>
              limiter.run(key, async () => {
                running.set(key, (running.get(key) ?? 0) + 1);
                worst = Math.max(worst, running.get(key)!);
                for (let i = 0; i < waits; i++) await tick();
                running.set(key, running.get(key)! - 1);
                if (fails) throw new Error("task failed");
              }),
            ),
          );
          expect(worst).toBeLessThanOrEqual(2);
          expect(limiter.inFlight("x") + limiter.inFlight("y")).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });
});

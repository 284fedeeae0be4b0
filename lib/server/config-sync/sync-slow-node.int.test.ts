import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { startSyncBench, type SyncBench, type TestClock } from "../testing/sync-test-kit";

const realClock: TestClock = {
  now: () => new Date(),
  advance: () => {
    throw new Error("this test runs on real time");
  },
  set: () => {
    throw new Error("this test runs on real time");
  },
};

let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe("a slow node", () => {
  it(
    "is cut off at 15 s while the healthy nodes of the same pass are acknowledged at once",
    { timeout: 45_000 },
    async () => {
      bench = await startSyncBench({
        nodeCount: 6,
        clock: realClock,
        faults: ([slow]) => ({ [slow!]: { kind: "slow", delayMs: 20_000 } }),
      });
      const [slow, ...healthy] = bench.nodeIds as [string, ...string[]];
      const passStart = Date.now();
      const started = performance.now();
      const result = await bench.pass();
      const passMs = performance.now() - started;
      expect(result).toMatchObject({ claimed: 6, pushed: 6, acknowledged: 5, failed: 1 });
      expect(passMs).toBeLessThan(17_000);

      const [slowAttempt] = await bench.attempts(slow);
      expect(slowAttempt).toMatchObject({ kind: "push", outcome: "timeout", httpStatus: null });
      expect(slowAttempt!.durationMs).toBeGreaterThanOrEqual(14_500);
      expect(slowAttempt!.durationMs).toBeLessThanOrEqual(16_000);
      expect(slowAttempt!.error).toContain("did not answer within 15 s");
      // A timeout waits at least 60 s before the next attempt.
      const afterTimeout = await bench.sync(slow);
      expect(afterTimeout.nextAttemptAt.getTime() - slowAttempt!.startedAt.getTime()).toBeGreaterThanOrEqual(
        60_000,
      );

      for (const nodeId of healthy) {
        const [attempt] = await bench.attempts(nodeId);
        expect(attempt).toMatchObject({ kind: "push", outcome: "ack" });
        const acknowledgedAt = attempt!.startedAt.getTime() + attempt!.durationMs;
        expect(acknowledgedAt - passStart, `ACK of ${nodeId}`).toBeLessThan(5_000);
        expect((await bench.sync(nodeId)).status).toBe("Synced");
      }
    },
  );

  it("lets a stopping worker give its in-flight push back within 10 s", { timeout: 30_000 }, async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      clock: realClock,
      faults: ([slow]) => ({ [slow!]: { kind: "slow", delayMs: 20_000 } }),
    });
    const nodeId = bench.nodeIds[0]!;
    const controller = new AbortController();
    const pass = bench.pass({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopAt = performance.now();
    controller.abort();
    await pass;
    expect(performance.now() - stopAt).toBeLessThan(10_000);
    const state = await bench.sync(nodeId);
    expect(state).toMatchObject({ leaseOwner: null, failureCount: 0 });
    // Still due: the next worker pushes it at once.
    expect(state.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

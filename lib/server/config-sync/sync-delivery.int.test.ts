import { afterEach, describe, expect, it } from "vitest";
import { RETRY_STEPS_MS } from "@/lib/domain/sync/retry-schedule";
import { startSyncBench, type SyncBench } from "../testing/sync-test-kit";

const MINUTE = 60_000;
let bench: SyncBench | undefined;

afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** Moves the clock to the node's next attempt and runs a pass. */
async function passWhenDue(current: SyncBench, nodeId: string) {
  const { nextAttemptAt } = await current.sync(nodeId);
  if (nextAttemptAt.getTime() > current.clock.now().getTime()) current.clock.set(nextAttemptAt);
  return current.pass();
}

describe("sync engine delivery over real HTTP", () => {
  it("catches a node that was down across two new versions up to the latest, applying each in order at its time", async () => {
    bench = await startSyncBench({ nodeCount: 3 });
    const [down, ...healthy] = bench.nodeIds as [string, ...string[]];
    const first = await bench.pass();
    expect(first).toMatchObject({ claimed: 3, pushed: 3, acknowledged: 3, failed: 0 });
    for (const nodeId of bench.nodeIds) {
      expect(await bench.sync(nodeId)).toMatchObject({
        status: "Synced",
        acknowledgedVersion: 1,
        leaseOwner: null,
      });
      expect(bench.nodes.appliedLog(nodeId)).toEqual([1]);
    }

    bench.nodes.setFault(down, { kind: "down", untilMs: Number.MAX_SAFE_INTEGER });
    const start = bench.clock.now().getTime();
    expect(await bench.issueVersion(10 * MINUTE)).toBe(2);
    expect(await bench.issueVersion(20 * MINUTE)).toBe(3);
    const second = await bench.pass();
    expect(second).toMatchObject({ claimed: 3, acknowledged: 2, failed: 1 });
    for (const nodeId of healthy)
      expect(await bench.sync(nodeId)).toMatchObject({ status: "Synced", acknowledgedVersion: 3 });
    expect(await bench.sync(down)).toMatchObject({
      status: "Pending",
      acknowledgedVersion: 1,
      failureCount: 1,
    });

    await passWhenDue(bench, down);
    expect(await bench.sync(down)).toMatchObject({ failureCount: 2, acknowledgedVersion: 1 });
    bench.nodes.setFault(down, null);
    await passWhenDue(bench, down);
    expect(await bench.sync(down)).toMatchObject({
      status: "Synced",
      acknowledgedVersion: 3,
      failureCount: 0,
    });
    const attempts = await bench.attempts(down);
    expect(attempts.map((attempt) => [attempt.kind, attempt.outcome, attempt.version])).toEqual([
      ["push", "ack", 1],
      ["push", "transient", 3],
      ["push", "transient", 3],
      ["push", "ack", 3],
      ["read-back", "ack", null],
    ]);
    expect(attempts[1]!.error).toMatch(/reset the connection|refused the connection/);

    // Every node (its own activation timer) looks at its clock as time passes.
    const heldEverywhere = (at: number) => {
      bench!.clock.set(new Date(at));
      return bench!.nodeIds.map((nodeId) => bench!.nodes.held(nodeId).activeVersion);
    };
    expect(heldEverywhere(start + 10 * MINUTE - 1_000)).toEqual([1, 1, 1]);
    expect(bench.nodes.held(down)).toMatchObject({ activeVersion: 1, stagedVersion: 3 });
    expect(heldEverywhere(start + 10 * MINUTE)).toEqual([2, 2, 2]);
    expect(heldEverywhere(start + 20 * MINUTE - 1_000)).toEqual([2, 2, 2]);
    expect(heldEverywhere(start + 20 * MINUTE)).toEqual([3, 3, 3]);
    for (const nodeId of bench.nodeIds) expect(bench.nodes.appliedLog(nodeId)).toEqual([1, 2, 3]);

    // 5 minutes after an activation the platform reads the state back and finds it in sync.
    bench.clock.set(new Date(start + 25 * MINUTE));
    const readBack = await bench.pass();
    expect(readBack).toMatchObject({ claimed: 3, pushed: 0, readBacks: 3, failed: 0 });
    for (const nodeId of bench.nodeIds) expect((await bench.sync(nodeId)).status).toBe("Synced");
  });

  it("retries a node that answers 500 seven times on the schedule, within the ±20 % jitter", async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "status", status: 500, times: 7 } }),
    });
    const nodeId = bench.nodeIds[0]!;
    await bench.pass();
    for (let failure = 1; failure < 8; failure++) await passWhenDue(bench, nodeId);
    const attempts = await bench.attempts(nodeId);
    const pushes = attempts.filter((attempt) => attempt.kind === "push");
    expect(pushes.map((attempt) => attempt.httpStatus)).toEqual([500, 500, 500, 500, 500, 500, 500, 200]);
    expect(pushes.map((attempt) => attempt.outcome)).toEqual([...Array(7).fill("transient"), "ack"]);
    for (let index = 1; index < pushes.length; index++) {
      const gap = pushes[index]!.startedAt.getTime() - pushes[index - 1]!.startedAt.getTime();
      const step = RETRY_STEPS_MS[index - 1]!;
      expect(gap, `wait before attempt ${index + 1}`).toBeGreaterThanOrEqual(step * 0.8);
      expect(gap, `wait before attempt ${index + 1}`).toBeLessThanOrEqual(step * 1.2);
    }
    expect(await bench.sync(nodeId)).toMatchObject({
      status: "Synced",
      failureCount: 0,
      acknowledgedVersion: 1,
    });
  });

  it("waits Retry-After of a 429, clamped to [step, 2 × step] and at least 60 s", async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({
        [nodeId!]: { kind: "status", status: 429, retryAfterSeconds: 3_600, times: 2 },
      }),
    });
    const nodeId = bench.nodeIds[0]!;
    const firstAt = bench.clock.now().getTime();
    await bench.pass();
    const afterFirst = await bench.sync(nodeId);
    // Step 5 s → clamp to [5 s, 10 s] → raised to the 60 s floor.
    expect(afterFirst.nextAttemptAt.getTime() - firstAt).toBe(60_000);
    bench.clock.advance(59_000);
    expect((await bench.pass()).claimed).toBe(0);
    bench.clock.advance(1_000);
    const secondAt = bench.clock.now().getTime();
    await bench.pass();
    // Step 5 min → Retry-After 3600 s lowered to 2 × 5 min.
    expect((await bench.sync(nodeId)).nextAttemptAt.getTime() - secondAt).toBe(10 * MINUTE);
    await passWhenDue(bench, nodeId);
    expect(await bench.sync(nodeId)).toMatchObject({ status: "Synced", acknowledgedVersion: 1 });
    expect((await bench.attempts(nodeId)).map((attempt) => [attempt.kind, attempt.outcome])).toEqual([
      ["push", "overloaded"],
      ["push", "overloaded"],
      ["push", "ack"],
      ["read-back", "ack"],
    ]);
  });

  it("does not resend a refused (NACK) version until a newer one exists, then sends it", async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "nack", code: "BAD_SIGNATURE" } }),
    });
    const nodeId = bench.nodeIds[0]!;
    await bench.pass();
    const refused = await bench.sync(nodeId);
    expect(refused).toMatchObject({ status: "Degraded", nackedVersion: 1, failureCount: 0 });
    expect(refused.lastError).toContain("NACK BAD_SIGNATURE");
    for (const hours of [1, 5, 7]) {
      bench.clock.advance(hours * 60 * MINUTE);
      await bench.pass();
    }
    const pushes = (await bench.attempts(nodeId)).filter((attempt) => attempt.kind === "push");
    expect(pushes).toHaveLength(1);

    bench.nodes.setFault(nodeId, null);
    await bench.issueVersion(0);
    const retried = await bench.pass();
    expect(retried).toMatchObject({ pushed: 1, acknowledged: 1 });
    expect(await bench.sync(nodeId)).toMatchObject({
      status: "Synced",
      acknowledgedVersion: 2,
      nackedVersion: null,
    });
  });

  it("marks a node that acknowledges with a wrong hash Degraded and one that claims a future version Quarantined", async () => {
    bench = await startSyncBench({
      nodeCount: 2,
      faults: ([liar, dreamer]) => ({
        [liar!]: { kind: "wrong-hash" },
        [dreamer!]: { kind: "claim-version", version: 99 },
      }),
    });
    const [liar, dreamer] = bench.nodeIds as [string, string];
    await bench.pass();
    const lying = await bench.sync(liar);
    expect(lying).toMatchObject({ status: "Degraded", acknowledgedVersion: null, failureCount: 1 });
    expect(lying.lastError).toMatch(/reports sha256 .* for version 1, but the platform's is/);
    expect(bench.logs.some((line) => line.includes('"msg":"sync alert"') && line.includes(liar))).toBe(true);

    const quarantined = await bench.sync(dreamer);
    expect(quarantined.status).toBe("Quarantined");
    expect(quarantined.lastError).toContain("claims version 99");
    // Nothing is pushed to a quarantined node, even for a new version.
    await bench.issueVersion(0);
    bench.clock.advance(60 * MINUTE);
    await bench.pass();
    expect((await bench.attempts(dreamer)).filter((attempt) => attempt.kind === "push")).toHaveLength(1);
  });

  it("stops pushing to a node that answers 410", async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "gone" } as never }),
    });
    const nodeId = bench.nodeIds[0]!;
    await bench.pass();
    expect((await bench.sync(nodeId)).status).toBe("Gone");
    await bench.issueVersion(0);
    bench.clock.advance(24 * 60 * MINUTE);
    expect((await bench.pass()).claimed).toBe(0);
    expect(await bench.attempts(nodeId)).toHaveLength(1);
  });
});

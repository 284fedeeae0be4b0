/** "Retry now" (lib/server/config-sync/retry-node-sync.ts) against the real engine and a node on loopback. */
import { afterEach, describe, expect, it } from "vitest";
import { retryNodeSync } from "@/lib/server/config-sync/retry-node-sync";
import { startSyncBench, type SyncBench } from "../testing/sync-test-kit";

let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe("retry now", () => {
  it("lifts the NACK hold: the next pass pushes the refused version again and the fixed node acknowledges it", async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "nack", code: "BAD_BUNDLE" } }),
    });
    const nodeId = bench.nodeIds[0]!;
    const { db } = bench.database;
    await bench.pass();
    expect(await bench.sync(nodeId)).toMatchObject({ status: "Degraded", nackedVersion: 1 });
    bench.nodes.setFault(nodeId, null);
    bench.clock.advance(60 * 60_000);
    await bench.pass();
    expect((await bench.attempts(nodeId)).filter((attempt) => attempt.kind === "push")).toHaveLength(1);

    const { operatorId } = await db.node.findUniqueOrThrow({
      where: { id: nodeId },
      select: { operatorId: true },
    });
    await retryNodeSync(db, { nodeId, actor: { id: operatorId, role: "operator" }, now: bench.clock.now() });
    const result = await bench.pass();
    expect(result).toMatchObject({ pushed: 1, acknowledged: 1 });
    expect(await bench.sync(nodeId)).toMatchObject({
      status: "Synced",
      acknowledgedVersion: 1,
      nackedVersion: null,
    });
    expect(bench.nodes.held(nodeId).stagedVersion).toBe(1);
  });

  it("restarts the back-off of an unreachable node: it is tried at once instead of hours later", async () => {
    bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "status", status: 500 } }),
    });
    const nodeId = bench.nodeIds[0]!;
    const { db } = bench.database;
    for (let step = 0; step < 4; step += 1) {
      const due = (await bench.sync(nodeId)).nextAttemptAt;
      bench.clock.set(due);
      await bench.pass();
    }
    const failing = await bench.sync(nodeId);
    expect(failing.failureCount).toBe(4);
    expect(failing.nextAttemptAt.getTime() - bench.clock.now().getTime()).toBeGreaterThan(60 * 60_000);

    bench.nodes.setFault(nodeId, null);
    await db.nodeSync.update({ where: { nodeId }, data: { status: "Unreachable" } });
    const steward = await db.operator.create({
      data: { displayName: "Steward", email: `steward-${process.pid}@example.test`, role: "steward" },
      select: { id: true },
    });
    await retryNodeSync(db, { nodeId, actor: { id: steward.id, role: "steward" }, now: bench.clock.now() });
    expect(await bench.pass()).toMatchObject({ pushed: 1, acknowledged: 1 });
    expect(await bench.sync(nodeId)).toMatchObject({
      status: "Synced",
      failureCount: 0,
      acknowledgedVersion: 1,
    });
  });
});

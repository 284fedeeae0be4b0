import { afterEach, describe, expect, it } from "vitest";
import type { NodeSyncState } from "@/lib/domain/sync/push-outcome";
import type { AttemptRecord } from "@/lib/server/config-sync/attempt-batch-statements";
import { createAttemptRecorder } from "@/lib/server/config-sync/attempt-recorder";
import { startSyncBench, type SyncBench } from "../testing/sync-test-kit";

let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

const attempt = (startedAt: Date): AttemptRecord => ({
  kind: "push",
  startedAt,
  durationMs: 12,
  version: 1,
  httpStatus: 200,
  outcome: "ack",
  error: null,
  replyExcerpt: '{"status":"ACK"}',
});

const acknowledged = (now: Date): NodeSyncState => ({
  desiredVersion: 1,
  acknowledgedVersion: 1,
  acknowledgedSha256: "abc",
  observedVersion: null,
  observedSha256: null,
  status: "Synced",
  failureCount: 0,
  failingSince: null,
  nextAttemptAt: new Date(now.getTime() + 3_600_000),
  nextReadBackAt: new Date(now.getTime() + 3_600_000),
  lastAttemptAt: now,
  lastError: null,
  nackedVersion: null,
});

describe("the attempt recorder", () => {
  it("writes every attempt but a node's new state only while this worker holds its lease, and says when it lost one", async () => {
    bench = await startSyncBench({ nodeCount: 3 });
    const { db } = bench.database;
    const [held, lost, parked] = bench.nodeIds as [string, string, string];
    const now = bench.clock.now();
    const leaseExpiresAt = new Date(now.getTime() + 30_000);
    await db.nodeSync.updateMany({
      where: { nodeId: { in: [held, parked] } },
      data: { leaseOwner: "me", leaseExpiresAt },
    });
    await db.nodeSync.update({ where: { nodeId: lost }, data: { leaseOwner: "other", leaseExpiresAt } });
    const before = await bench.sync(lost);

    const recorder = createAttemptRecorder({
      db,
      workerId: "me",
      logger: bench.logger,
      batch: 2,
      delayMs: 5,
    });
    await Promise.all([
      recorder.record(held, attempt(now), acknowledged(now)),
      recorder.record(lost, attempt(now), acknowledged(now)),
      recorder.update(parked, { nextAttemptAt: new Date(now.getTime() + 60_000) }),
    ]);
    await Promise.all([recorder.release(held), recorder.release(lost), recorder.release(parked)]);
    await recorder.close();

    const attempts = await db.syncAttempt.findMany({ select: { nodeId: true, workerId: true } });
    expect(attempts.map((row) => row.nodeId).sort()).toEqual([held, lost].sort());
    expect(attempts.every((row) => row.workerId === "me")).toBe(true);
    expect(await bench.sync(held)).toMatchObject({
      status: "Synced",
      acknowledgedVersion: 1,
      leaseOwner: null,
    });
    expect(await bench.sync(lost)).toEqual(before);
    expect(await bench.sync(parked)).toMatchObject({
      nextAttemptAt: new Date(now.getTime() + 60_000),
      leaseOwner: null,
    });
    const warnings = bench.logs.filter((line) => line.includes("sync lease lost"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(lost);
  });

  it("joins a release to the node's queued write: one conditional update stores the state and gives the lease back", async () => {
    bench = await startSyncBench({ nodeCount: 1 });
    const { db } = bench.database;
    const nodeId = bench.nodeIds[0]!;
    const now = bench.clock.now();
    await db.nodeSync.update({
      where: { nodeId },
      data: { leaseOwner: "me", leaseExpiresAt: new Date(now.getTime() + 30_000) },
    });
    const recorder = createAttemptRecorder({
      db,
      workerId: "me",
      logger: bench.logger,
      batch: 64,
      delayMs: 1_000,
    });
    const recorded = recorder.record(nodeId, attempt(now), acknowledged(now));
    const released = recorder.release(nodeId);
    expect(await db.syncAttempt.count()).toBe(0);
    await recorder.close();
    await Promise.all([recorded, released]);
    expect(await db.syncAttempt.count()).toBe(1);
    expect(await bench.sync(nodeId)).toMatchObject({ status: "Synced", leaseOwner: null });
  });
});

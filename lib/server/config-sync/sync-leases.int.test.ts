import { afterEach, describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/server/platform/db";
import { DEFAULT_LEASE_MS } from "@/lib/server/config-sync/sync-engine";
import { startSyncBench, type SyncBench } from "../testing/sync-test-kit";

let bench: SyncBench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

describe("sync leases", () => {
  it("never lets two workers push to one node; on SQLite a second worker waits while the first holds the lease", async () => {
    bench = await startSyncBench({ nodeCount: 12 });
    const [first, second] = await Promise.all([
      bench.pass({ workerId: "worker-a", maxInFlight: 3 }),
      bench.pass({ workerId: "worker-b", maxInFlight: 3 }),
    ]);
    const attempts = await bench.database.db.syncAttempt.findMany({
      select: { nodeId: true, workerId: true },
    });
    expect(new Set(attempts.map((attempt) => attempt.nodeId)).size).toBe(attempts.length);
    if (databaseKind(bench.database.db) === "sqlite") {
      expect([first.claimed, second.claimed].sort((a, b) => a - b)).toEqual([0, 6]);
      const holder = first.claimed > 0 ? "worker-a" : "worker-b";
      const waiter = holder === "worker-a" ? "worker-b" : "worker-a";
      expect((await bench.pass({ workerId: waiter, maxInFlight: 3 })).claimed).toBe(0);
      bench.clock.advance(DEFAULT_LEASE_MS + 1);
      expect((await bench.pass({ workerId: waiter, maxInFlight: 3 })).claimed).toBe(6);
    } else {
      expect(first.claimed + second.claimed).toBe(12);
      expect(first.claimed).toBeGreaterThan(0);
      expect(second.claimed).toBeGreaterThan(0);
    }
    expect(await bench.database.db.nodeSync.count({ where: { status: "Synced", leaseOwner: null } })).toBe(
      12,
    );
  });
});

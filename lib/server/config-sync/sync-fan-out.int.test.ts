/**
 * Two real worker processes share the fan-out on PostgreSQL (leases taken with FOR UPDATE SKIP LOCKED);
 * one is killed mid-way and the other finishes its nodes once the leases expire.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/server/platform/db";
import { POSTGRES_ADMIN_URL_VARIABLE } from "@/lib/server/testing/test-database";
import { startSyncBench, type SyncBench, type TestClock } from "../testing/sync-test-kit";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const NODE_COUNT = 60;
const isPostgres = Boolean(process.env[POSTGRES_ADMIN_URL_VARIABLE]);

const realClock: TestClock = {
  now: () => new Date(),
  advance: () => {
    throw new Error("real time only");
  },
  set: () => {
    throw new Error("real time only");
  },
};

const children: ChildProcess[] = [];
let bench: SyncBench | undefined;
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await bench?.close();
});

function startWorker(databaseUrl: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PLENUM_ALLOW_PRIVATE_ENDPOINTS: "1",
      PLENUM_WORKER_TICK_MS: "200",
      PLENUM_LOG_LEVEL: "info",
      PLENUM_SYNC_MAX_IN_FLIGHT: "4",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return { child, output: () => output };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

describe("sync fan-out with two worker processes", () => {
  it.skipIf(!isPostgres)(
    "(PostgreSQL only: SQLite runs one sync worker at a time) survives a worker killed mid-fan-out: every node Synced, every version applied once",
    { timeout: 360_000 },
    async () => {
      bench = await startSyncBench({
        nodeCount: NODE_COUNT,
        clock: realClock,
        hosts: ["127.0.0.1", "127.0.0.2", "127.0.0.3"],
        faults: (nodeIds) =>
          Object.fromEntries(nodeIds.map((nodeId) => [nodeId, { kind: "slow", delayMs: 400 }])),
      });
      expect(databaseKind(bench.database.db)).toBe("postgres");
      const activateAt = Date.now() + 60_000;
      await bench.issueVersion(activateAt - Date.now());
      const { db } = bench.database;
      const synced = () => db.nodeSync.count({ where: { status: "Synced", acknowledgedVersion: 2 } });

      const first = startWorker(bench.database.target.url);
      const second = startWorker(bench.database.target.url);
      const workersWithAcks = async () => {
        const groups = await db.syncAttempt.groupBy({
          by: ["workerId"],
          where: { outcome: "ack" },
          _count: { _all: true },
        });
        return groups.filter((group) => group._count._all >= 2).length;
      };
      // Generous: two worker processes compile and start on a machine that may be busy.
      await waitFor(async () => (await workersWithAcks()) === 2, 120_000, "ACKs from both workers");
      first.child.kill("SIGKILL");
      await new Promise((resolve) => first.child.once("exit", resolve));
      const syncedAtKill = await synced();
      expect(syncedAtKill).toBeLessThan(NODE_COUNT);

      await waitFor(async () => (await synced()) === NODE_COUNT, 80_000, "every node Synced");
      const workers = await db.syncAttempt.groupBy({ by: ["workerId"], _count: { _all: true } });
      expect(workers.length).toBe(2);

      await waitFor(async () => Date.now() > activateAt + 1_500, 70_000, "the activation of version 2");
      for (const nodeId of bench.nodeIds) {
        bench.nodes.held(nodeId);
        expect(bench.nodes.appliedLog(nodeId), nodeId).toEqual([1, 2]);
      }
      second.child.kill("SIGTERM");
      await new Promise((resolve) => second.child.once("exit", resolve));
      expect(second.output()).toContain('"msg":"worker stopped"');
    },
  );
});

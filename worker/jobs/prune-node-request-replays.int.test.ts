import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger } from "@/lib/server/platform/logger";
import { createTestNode } from "@/lib/server/testing/create-test-node";
import { insertTelemetry } from "@/lib/server/testing/telemetry-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { pruneNodeRequestReplaysJob } from "./prune-node-request-replays";
import { JOBS } from "./registry";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-11-25T12:05:00Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const runJob = (env = loadEnv({})) =>
  pruneNodeRequestReplaysJob.run({
    db: database.db,
    now: () => NOW,
    env,
    logger: createLogger({ write: () => {} }),
    signal: new AbortController().signal,
  });

describe("prune-node-request-replays job", () => {
  it("is registered, runs every 5 minutes and deletes only expired replay records", async () => {
    expect(JOBS).toContain(pruneNodeRequestReplaysJob);
    expect(pruneNodeRequestReplaysJob.intervalMs).toBe(5 * 60_000);

    const { nodeId } = await createTestNode(database.db, { name: "relay-job" });
    await database.db.nodeRequestReplay.createMany({
      data: [
        { signatureHash: "expired", nodeId, expiresAt: new Date("2026-11-25T12:04:59Z") },
        { signatureHash: "live", nodeId, expiresAt: new Date("2026-11-25T12:05:01Z") },
      ],
    });
    const result = await runJob();
    expect(result).toEqual({
      replaysDeleted: 1,
      samplesDeleted: 0,
      prefixCountsDeleted: 0,
      peerTrafficDeleted: 0,
      presenceDeleted: 0,
    });
    const remaining = await database.db.nodeRequestReplay.findMany({ select: { signatureHash: true } });
    expect(remaining).toEqual([{ signatureHash: "live" }]);
  });

  it("keeps raw telemetry PLENUM_TELEMETRY_RETENTION_DAYS (7 when unset)", async () => {
    const { nodeId } = await createTestNode(database.db, { name: "relay-job-retention" });
    await insertTelemetry(
      database.db,
      [10, 8, 6].map((days) => ({
        nodeId,
        at: new Date(NOW.getTime() - days * DAY_MS),
        windowSeconds: 60,
        uptimeSeconds: 60,
        bytesUp: 0n,
        bytesDown: 0n,
        peers: 1,
        medianLatencyMs: 10,
      })),
    );
    await expect(runJob(loadEnv({ PLENUM_TELEMETRY_RETENTION_DAYS: "9" }))).resolves.toMatchObject({
      samplesDeleted: 1,
    });
    await expect(runJob()).resolves.toMatchObject({ samplesDeleted: 1 });
    expect(await database.db.telemetrySample.count({ where: { nodeId } })).toBe(1);
    expect(await database.db.nodeDailyRollup.count({ where: { nodeId } })).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/server/logger";
import { createTestNode } from "@/lib/server/node-auth/create-test-node";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { pruneNodeRequestReplaysJob } from "./prune-node-request-replays";
import { JOBS } from "./registry";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
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
    const result = await pruneNodeRequestReplaysJob.run({
      db: database.db,
      now: () => new Date("2026-11-25T12:05:00Z"),
      logger: createLogger({ write: () => {} }),
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ replaysDeleted: 1, samplesDeleted: 0 });
    const remaining = await database.db.nodeRequestReplay.findMany({ select: { signatureHash: true } });
    expect(remaining).toEqual([{ signatureHash: "live" }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNode } from "@/lib/server/node-auth/create-test-node";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { pruneNodeRequestReplays } from "./prune-node-request-replays";

const now = new Date("2026-11-25T12:00:00.000Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function sample(nodeId: string, at: Date) {
  await database.db.telemetrySample.create({
    data: {
      nodeId,
      at,
      windowSeconds: 60,
      uptimeSeconds: 60,
      bytesUp: 1n,
      bytesDown: 2n,
      peers: 1,
      medianLatencyMs: 10,
      agent: "test",
    },
  });
}

describe("pruneNodeRequestReplays", () => {
  it("deletes replay records whose window closed and samples older than 7 days, nothing else", async () => {
    const { nodeId } = await createTestNode(database.db, { name: "relay-prune" });
    await database.db.nodeRequestReplay.createMany({
      data: [
        { signatureHash: "expired", nodeId, expiresAt: minutes(-1) },
        { signatureHash: "expires-now", nodeId, expiresAt: now },
        { signatureHash: "live", nodeId, expiresAt: minutes(4) },
      ],
    });
    await sample(nodeId, minutes(-7 * 24 * 60 - 1));
    await sample(nodeId, minutes(-7 * 24 * 60 + 1));
    await sample(nodeId, minutes(-1));

    await expect(pruneNodeRequestReplays(database.db, { now })).resolves.toEqual({
      replaysDeleted: 1,
      samplesDeleted: 1,
    });
    const remaining = await database.db.nodeRequestReplay.findMany({
      select: { signatureHash: true },
      orderBy: { signatureHash: "asc" },
    });
    expect(remaining.map((row) => row.signatureHash)).toEqual(["expires-now", "live"]);
    expect(await database.db.telemetrySample.count({ where: { nodeId } })).toBe(2);

    await expect(pruneNodeRequestReplays(database.db, { now })).resolves.toEqual({
      replaysDeleted: 0,
      samplesDeleted: 0,
    });
  });
});

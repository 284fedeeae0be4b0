import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNode } from "@/lib/server/testing/create-test-node";
import { readStoredRollups } from "@/lib/server/testing/stored-rollups";
import { insertTelemetry } from "@/lib/server/testing/telemetry-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  PEER_TRAFFIC_RETENTION_DAYS,
  PRESENCE_RETENTION_DAYS,
  pruneNodeRequestReplays,
} from "./prune-node-request-replays";

const now = new Date("2026-11-25T12:00:00.000Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const DAY_MINUTES = 24 * 60;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function samplesAt(nodeId: string, ats: Date[]) {
  await insertTelemetry(
    database.db,
    ats.map((at) => ({
      nodeId,
      at,
      windowSeconds: 60,
      uptimeSeconds: 60,
      bytesUp: 1n,
      bytesDown: 2n,
      peers: 1,
      medianLatencyMs: 10,
    })),
  );
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
    await samplesAt(nodeId, [minutes(-7 * DAY_MINUTES - 1), minutes(-7 * DAY_MINUTES + 1), minutes(-1)]);
    const rollups = await readStoredRollups(database.db);

    await expect(pruneNodeRequestReplays(database.db, { now })).resolves.toEqual({
      replaysDeleted: 1,
      samplesDeleted: 1,
      prefixCountsDeleted: 0,
      peerTrafficDeleted: 0,
      presenceDeleted: 0,
    });
    const remaining = await database.db.nodeRequestReplay.findMany({
      select: { signatureHash: true },
      orderBy: { signatureHash: "asc" },
    });
    expect(remaining.map((row) => row.signatureHash)).toEqual(["expires-now", "live"]);
    expect(await database.db.telemetrySample.count({ where: { nodeId } })).toBe(2);
    expect(rollups.nodeHourly).toHaveLength(3);
    expect(await readStoredRollups(database.db)).toEqual(rollups);

    await expect(pruneNodeRequestReplays(database.db, { now })).resolves.toEqual({
      replaysDeleted: 0,
      samplesDeleted: 0,
      prefixCountsDeleted: 0,
      peerTrafficDeleted: 0,
      presenceDeleted: 0,
    });
  });

  it("keeps samples for the retention it is given", async () => {
    const { nodeId } = await createTestNode(database.db, { name: "relay-retention" });
    await samplesAt(nodeId, [minutes(-30 * DAY_MINUTES - 1), minutes(-30 * DAY_MINUTES + 1)]);
    const count = () => database.db.telemetrySample.count({ where: { nodeId } });

    await expect(pruneNodeRequestReplays(database.db, { now, retentionDays: 30 })).resolves.toMatchObject({
      samplesDeleted: 1,
    });
    expect(await count()).toBe(1);
    await expect(pruneNodeRequestReplays(database.db, { now, retentionDays: 8 })).resolves.toMatchObject({
      samplesDeleted: 1,
    });
    expect(await count()).toBe(0);
    expect(await database.db.nodeHourlyRollup.count({ where: { nodeId } })).toBe(2);
  });

  it("deletes in batches until none is left, whatever the batch size", async () => {
    const { nodeId } = await createTestNode(database.db, { name: "relay-batches" });
    await database.db.nodeRequestReplay.createMany({
      data: Array.from({ length: 7 }, (_, index) => ({
        signatureHash: `batch-${index}`,
        nodeId,
        expiresAt: minutes(-1 - index),
      })),
    });
    const old = Array.from({ length: 11 }, (_, index) => minutes(-8 * DAY_MINUTES - index));
    await samplesAt(nodeId, [...old, minutes(-5)]);

    await expect(pruneNodeRequestReplays(database.db, { now, batchSize: 3 })).resolves.toEqual({
      replaysDeleted: 7,
      samplesDeleted: 11,
      prefixCountsDeleted: 0,
      peerTrafficDeleted: 0,
      presenceDeleted: 0,
    });
    expect(await database.db.telemetrySample.count({ where: { nodeId } })).toBe(1);
    expect(await database.db.nodeRequestReplay.count({ where: { nodeId } })).toBe(0);
  });

  it("deletes per-peer daily traffic older than 40 days and hourly presence older than 400, in batches", async () => {
    const db = database.db;
    const { nodeId } = await createTestNode(db, { name: "relay-peer-prune" });
    const daysAgo = (days: number) => new Date(Date.UTC(2026, 10, 25) - days * DAY_MINUTES * 60_000);
    // now is 12:00 UTC: a day counts by its start, so the day that began 40½ days ago is gone.
    const peerDays = [
      PEER_TRAFFIC_RETENTION_DAYS + 5,
      PEER_TRAFFIC_RETENTION_DAYS,
      PEER_TRAFFIC_RETENTION_DAYS - 1,
    ];
    await db.nodePeerDayTraffic.createMany({
      data: peerDays.flatMap((days) =>
        ["peer-a", "peer-b", "peer-c"].map((peerNodeId) => ({
          nodeId,
          day: daysAgo(days),
          peerNodeId,
          bytesUp: 1n,
          bytesDown: 2n,
        })),
      ),
    });
    // The hour that began exactly 400 days before now is the oldest kept.
    const presenceHours = [
      -PRESENCE_RETENTION_DAYS * DAY_MINUTES - 61,
      -PRESENCE_RETENTION_DAYS * DAY_MINUTES - 60,
      -PRESENCE_RETENTION_DAYS * DAY_MINUTES,
      -60,
    ];
    await db.nodeHourlyPresence.createMany({
      data: presenceHours.map((offset) => ({ nodeId, hourStart: minutes(offset), requests: 1 })),
    });

    await expect(pruneNodeRequestReplays(db, { now, batchSize: 4 })).resolves.toMatchObject({
      peerTrafficDeleted: 6,
      presenceDeleted: 2,
    });
    const peerRows = await db.nodePeerDayTraffic.findMany({ where: { nodeId }, select: { day: true } });
    expect(peerRows.map((row) => row.day)).toEqual(Array(3).fill(daysAgo(PEER_TRAFFIC_RETENTION_DAYS - 1)));
    const presence = await db.nodeHourlyPresence.findMany({
      where: { nodeId },
      orderBy: { hourStart: "asc" },
      select: { hourStart: true },
    });
    expect(presence.map((row) => row.hourStart)).toEqual([minutes(presenceHours[2]!), minutes(-60)]);
    await expect(pruneNodeRequestReplays(db, { now, batchSize: 4 })).resolves.toMatchObject({
      peerTrafficDeleted: 0,
      presenceDeleted: 0,
    });
  });
});

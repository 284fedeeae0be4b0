/**
 * Issue #15's telemetry attacks (product.md "Proof of service", node-protocol.md "Telemetry"), each
 * asserting the new outcome:
 * - one signed report claiming 9007199254740991 bytes (it took 99.78 % of a day's emission) is refused
 *   over HTTP with the field and the bound named, and stores nothing; a report exactly at the bound is
 *   accepted;
 * - 10,000 maximum plausible reports aimed at one hour (they pushed NetworkDailyRollup past int64) leave
 *   every stored sum a whole number no larger than the ceiling, and every node's rows the sum of its
 *   credited samples (floodOneHour: the reports the sums hold below the ceiling are seeded in bulk, the
 *   1,668 that cross it and int64 go signed through recordTelemetry);
 * - peerTraffic that does not add up, is too long, names a peer twice or the node itself is refused;
 * - presence counts the hour a request ARRIVED, never the hour a report claims.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeRollups } from "@/lib/domain/metrics/telemetry-rollup";
import { maxBytes, STORED_SUM_CEILING } from "@/lib/domain/node-protocol/telemetry-plausibility";
import { PARAMETERS } from "@/lib/domain/parameters/catalogue";
import { type PeerTraffic } from "@/lib/schemas/node-protocol";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db } from "@/lib/server/platform/db";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { readStoredRollups } from "@/lib/server/testing/stored-rollups";
import { floodOneHour } from "@/lib/server/testing/telemetry-flood";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { ROLLUP_SAMPLE_SELECT } from "@/lib/server/telemetry/rollup-commands";
import {
  createProtocolClient,
  createProtocolClock,
  startProtocolServer,
  type ProtocolClient,
  type ProtocolServer,
} from "./testing/protocol-server";

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_MBPS = PARAMETERS["service.maxMbps"].default;

/** A database of its own, with the platform set up, for the tests in the calling describe block. */
function usePlatformDatabase(): () => Db {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await ensurePlatform(database.db, {
      networkName: "Telemetry attacks",
      now: new Date("2026-11-01T00:00:00Z"),
    });
  });
  afterAll(async () => {
    await database.drop();
  });
  return () => database.db;
}

/** Everything a telemetry report may write, to show a refused one wrote none of it. */
async function storedTelemetry(db: Db) {
  const [samples, rollups, peerTraffic, presence] = await Promise.all([
    db.telemetrySample.count(),
    readStoredRollups(db),
    db.nodePeerDayTraffic.findMany({ orderBy: [{ nodeId: "asc" }, { peerNodeId: "asc" }] }),
    db.nodeHourlyPresence.findMany({ orderBy: [{ nodeId: "asc" }, { hourStart: "asc" }] }),
  ]);
  return { samples, rollups, peerTraffic, presence };
}

let nodeCount = 0;
/** A node whose previous contact was `secondsAgo` before `now`, so a window that long is credited in full. */
async function nodeLastSeen(db: Db, now: Date, secondsAgo: number): Promise<TestNode> {
  const node = await createTestNode(db, { name: `attack-node-${++nodeCount}` });
  await db.node.update({
    where: { id: node.nodeId },
    data: { lastSeenAt: new Date(now.getTime() - secondsAgo * 1000) },
  });
  return node;
}

describe("over HTTP: plausibility, peerTraffic and presence", () => {
  const testDb = usePlatformDatabase();
  const NOW = new Date("2026-12-15T10:05:00Z");
  let server: ProtocolServer;
  let client: ProtocolClient;
  beforeAll(async () => {
    server = await startProtocolServer(testDb(), { clock: createProtocolClock(NOW) });
    client = createProtocolClient(server);
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  it("refuses the 9 PB report naming bytesUp and the bound, storing nothing; accepts one exactly at the bound", async () => {
    const db = testDb();
    server.clock.set(NOW);
    const node = await nodeLastSeen(db, NOW, 60);
    const peer = await createTestNode(db, { name: "attack-peer" });
    const before = await storedTelemetry(db);
    const send = (bytesUp: number) =>
      client.telemetry(node, {
        from: "127.0.60.1",
        windowSeconds: 60,
        report: { bytesUp, peerTraffic: [{ peerNodeId: peer.nodeId, bytesUp: 1_000, bytesDown: 0 }] },
      });

    const refused = await send(9_007_199_254_740_991);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: "BAD_INPUT",
        message:
          "bytesUp: 9007199254740991 bytes in a 60-second window is more than service.maxMbps (1,000 Mbit/s) allows: at most 7,500,000,000 bytes. Report the bytes the node really sent in the window.",
      },
    });
    expect(await storedTelemetry(db)).toEqual(before);

    const bound = Number(maxBytes(60, DEFAULT_MAX_MBPS));
    const oneByteOver = await send(bound + 1);
    expect(oneByteOver.status).toBe(400);
    expect((oneByteOver.body as { error: { message: string } }).error.message).toMatch(
      /^bytesUp: 7500000001 bytes in a 60-second window .* at most 7,500,000,000 bytes\./,
    );
    expect(await storedTelemetry(db)).toEqual(before);

    expect((await send(bound)).status).toBe(202);
    const samples = await db.telemetrySample.findMany({
      where: { nodeId: node.nodeId },
      select: { windowSeconds: true, bytesUp: true },
    });
    expect(samples).toEqual([{ windowSeconds: 60, bytesUp: 7_500_000_000n }]);
    const peerRows = await db.nodePeerDayTraffic.findMany({
      where: { nodeId: node.nodeId },
      select: { peerNodeId: true, bytesUp: true, bytesDown: true },
    });
    expect(peerRows).toEqual([{ peerNodeId: peer.nodeId, bytesUp: 1_000n, bytesDown: 0n }]);
  });

  describe("refuses peerTraffic that breaks its bounds, naming peerTraffic and storing nothing", () => {
    const entry = (peerNodeId: string, bytesUp: number, bytesDown = 0): PeerTraffic => ({
      peerNodeId,
      bytesUp,
      bytesDown,
    });
    it.each<[string, (self: string) => PeerTraffic[], string]>([
      [
        "entries adding up to more than bytesUp",
        () => [entry("peer-a", 600), entry("peer-b", 401)],
        "peerTraffic: the entries' bytesUp add up to more than the report's bytesUp (1,000 bytes): peers can only account for traffic the report counts",
      ],
      [
        "entries adding up to more than bytesDown",
        () => [entry("peer-a", 0, 2_001)],
        "peerTraffic: the entries' bytesDown add up to more than the report's bytesDown (2,000 bytes): peers can only account for traffic the report counts",
      ],
      [
        "257 entries",
        () => Array.from({ length: 257 }, (_, index) => entry(`peer-${index}`, 1)),
        "peerTraffic: must list at most 256 peers (the node's largest exchanges in the window)",
      ],
      [
        "a peer named twice",
        () => [entry("peer-a", 1), entry("peer-b", 1), entry("peer-a", 1)],
        "peerTraffic: names peer peer-a more than once; list each peer once with its bytes for the window",
      ],
      [
        "the node itself",
        (self) => [entry("peer-a", 1), entry(self, 1)],
        "peerTraffic: names this node itself (%s); list only exchanges with other nodes",
      ],
    ])("%s", async (_name, peerTraffic, message) => {
      const db = testDb();
      server.clock.set(NOW);
      const node = await nodeLastSeen(db, NOW, 60);
      const before = await storedTelemetry(db);
      const reply = await client.telemetry(node, {
        from: "127.0.61.1",
        windowSeconds: 60,
        report: { bytesUp: 1_000, bytesDown: 2_000, peerTraffic: peerTraffic(node.nodeId) },
      });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        error: { code: "BAD_INPUT", message: message.replace("%s", node.nodeId) },
      });
      expect(await storedTelemetry(db)).toEqual(before);
    });
  });

  it("stores peerTraffic credited like the totals, per day of the report's rollup, dropping empty entries", async () => {
    const db = testDb();
    // Received just after midnight, the window's middle the day before: peer rows go to that day.
    const received = new Date("2026-12-16T00:00:30Z");
    const day = new Date("2026-12-15T00:00:00Z");
    server.clock.set(received);
    const node = await nodeLastSeen(db, received, 60);
    const report = (bytesUp: number, peerTraffic: PeerTraffic[]) =>
      client.telemetry(node, {
        from: "127.0.62.1",
        windowSeconds: 60,
        report: { at: "2026-12-15T23:59:50Z", bytesUp, bytesDown: 500, peerTraffic },
      });
    const first = await report(3_000, [
      { peerNodeId: "peer-a", bytesUp: 2_000, bytesDown: 100 },
      { peerNodeId: "peer-b", bytesUp: 1_000, bytesDown: 0 },
      { peerNodeId: "peer-c", bytesUp: 0, bytesDown: 0 },
    ]);
    expect(first.status).toBe(202);
    // A second report a second later may claim a minute but is credited 1 s + 5 s of slack: 6 × 125,000,000 bytes.
    server.clock.set(new Date(received.getTime() + 1_000));
    const bound = Number(maxBytes(60, DEFAULT_MAX_MBPS));
    const second = await report(bound, [
      { peerNodeId: "peer-a", bytesUp: bound / 2, bytesDown: 0 },
      { peerNodeId: "peer-b", bytesUp: bound / 4, bytesDown: 500 },
    ]);
    expect(second.status).toBe(202);
    const rows = await db.nodePeerDayTraffic.findMany({
      where: { nodeId: node.nodeId },
      orderBy: { peerNodeId: "asc" },
      select: { day: true, peerNodeId: true, bytesUp: true, bytesDown: true },
    });
    expect(rows).toEqual([
      { day, peerNodeId: "peer-a", bytesUp: 2_000n + 375_000_000n, bytesDown: 100n },
      { day, peerNodeId: "peer-b", bytesUp: 1_000n + 187_500_000n, bytesDown: 500n },
    ]);
    const daily = await db.nodeDailyRollup.findUniqueOrThrow({
      where: { nodeId_day: { nodeId: node.nodeId, day } },
      select: { bytesUp: true },
    });
    expect(daily.bytesUp).toBe(3_000n + 750_000_000n);
  });

  it("counts a node present in the hour its report arrived, not the hour the report claims", async () => {
    const db = testDb();
    const received = new Date("2026-12-17T10:02:00Z");
    server.clock.set(received);
    const node = await nodeLastSeen(db, received, 600);
    // The window ends before 10:00 and its rollup counts in 09:00: presence still goes to 10:00.
    const lateReport = { at: "2026-12-17T09:59:30Z", windowSeconds: 600 };
    for (const [index, from] of ["127.0.63.1", "127.0.63.2"].entries()) {
      server.clock.set(new Date(received.getTime() + index * 61_000));
      const reply = await client.telemetry(node, {
        from,
        windowSeconds: lateReport.windowSeconds,
        report: { at: lateReport.at },
      });
      expect(reply.status).toBe(202);
    }
    expect(
      await db.nodeHourlyRollup.findMany({ where: { nodeId: node.nodeId }, select: { hourStart: true } }),
    ).toEqual([{ hourStart: new Date("2026-12-17T09:00:00Z") }]);
    expect(
      await db.nodeHourlyPresence.findMany({
        where: { nodeId: node.nodeId },
        select: { hourStart: true, requests: true },
      }),
    ).toEqual([{ hourStart: new Date("2026-12-17T10:00:00Z"), requests: 2 }]);
  });
});

describe("10,000 maximum plausible reports aimed at one hour", () => {
  const testDb = usePlatformDatabase();
  const HOUR = new Date("2026-12-20T05:00:00Z");
  const DAY = new Date("2026-12-20T00:00:00Z");

  /** How the database itself holds the network sums: whole numbers, not REAL (SQLite) or numeric. */
  async function storedTypes(db: Db): Promise<string[]> {
    const columns = ["bytesUp", "bytesDown", "latencyMsSeconds", "peerSeconds", "windowSeconds"];
    const typeOf = (column: string) =>
      databaseKind(db) === "postgres"
        ? Prisma.raw(`pg_typeof("${column}")::text`)
        : Prisma.raw(`typeof("${column}")`);
    const rows = await db.$queryRaw<Record<string, string>[]>(Prisma.sql`
      SELECT ${Prisma.join(columns.map((column) => Prisma.sql`${typeOf(column)} AS ${Prisma.raw(`"${column}"`)}`))}
      FROM "NetworkHourlyRollup" WHERE "hourStart" = ${HOUR}
      UNION ALL
      SELECT ${Prisma.join(columns.map((column) => Prisma.sql`${typeOf(column)} AS ${Prisma.raw(`"${column}"`)}`))}
      FROM "NetworkDailyRollup" WHERE "day" = ${DAY}`);
    return [...new Set(rows.flatMap((row) => Object.values(row)))];
  }

  it("never overflows a stored sum: network sums saturate at the ceiling, node rows are their credited samples", async () => {
    const db = testDb();
    const flood = await floodOneHour(db, { hourStart: HOUR, nodeCount: 5_000 });
    expect(await db.telemetrySample.count()).toBe(10_000);

    // Unsaturated, the network's bytes would be 10,000 × 1.08 × 10^15 = 1.08 × 10^19 > 2^63 − 1; the
    // seeded reports stay below the ceiling, so the signed ones (1,668) are what crosses it and int64.
    expect(flood.seededReports + flood.signedReports).toBe(10_000);
    expect(BigInt(flood.seededReports) * flood.bytesPerReport).toBeLessThan(STORED_SUM_CEILING);
    expect(10_000n * flood.bytesPerReport).toBeGreaterThan(2n ** 63n - 1n);
    const select = { nodes: true, samples: true, bytesUp: true, bytesDown: true, peerSeconds: true } as const;
    const hourly = await db.networkHourlyRollup.findUniqueOrThrow({ where: { hourStart: HOUR }, select });
    const daily = await db.networkDailyRollup.findUniqueOrThrow({ where: { day: DAY }, select });
    for (const row of [hourly, daily]) {
      expect(row).toMatchObject({ nodes: 5_000, samples: 10_000 });
      expect(typeof row.bytesUp).toBe("bigint");
      expect(row.bytesUp).toBe(STORED_SUM_CEILING);
      expect(row.bytesDown).toBe(STORED_SUM_CEILING);
      expect(row.peerSeconds).toBeLessThanOrEqual(STORED_SUM_CEILING);
    }
    expect(await storedTypes(db)).toEqual([databaseKind(db) === "postgres" ? "bigint" : "integer"]);

    // Each node's rows are exactly the sum of its stored (credited) samples, each within its bound.
    const samples = await db.telemetrySample.findMany({ select: ROLLUP_SAMPLE_SELECT });
    const maxMbps = PARAMETERS["service.maxMbps"].max;
    for (const sample of samples) {
      expect(sample.bytesUp).toBeLessThanOrEqual(maxBytes(sample.windowSeconds, maxMbps));
    }
    expect(samples.every((sample) => sample.bytesUp === flood.bytesPerReport)).toBe(true);
    const stored = await readStoredRollups(db);
    const recomputed = recomputeRollups(samples);
    expect(stored.nodeHourly).toEqual(recomputed.nodeHourly);
    expect(stored.nodeDaily).toEqual(recomputed.nodeDaily);
    expect(stored.nodeDaily.every((row) => row.bytesUp === 2n * flood.bytesPerReport)).toBe(true);

    // Each node named one peer with all its bytes: its row for the day holds its credited day, no more.
    const peerRows = await db.nodePeerDayTraffic.findMany({ select: { day: true, bytesUp: true } });
    expect(peerRows).toHaveLength(5_000);
    expect(peerRows.every((row) => row.day.getTime() === DAY.getTime())).toBe(true);
    expect(peerRows.every((row) => row.bytesUp === 2n * flood.bytesPerReport)).toBe(true);

    // Presence: one request per node in each of the two hours the reports arrived in, none in the flooded hour.
    const presence = await db.nodeHourlyPresence.groupBy({
      by: ["hourStart"],
      _count: { _all: true },
      _sum: { requests: true },
      orderBy: { hourStart: "asc" },
    });
    expect(presence.map((row) => [row.hourStart, row._count._all, row._sum.requests])).toEqual(
      flood.receivedAt.map((at) => [new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS), 5_000, 5_000]),
    );
    // Only a guard against a hang: the flood takes 35–80 s, longer on a busy machine.
  }, 600_000);
});

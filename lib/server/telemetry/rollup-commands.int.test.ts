import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeRollups, type RollupSample } from "@/lib/domain/metrics/telemetry-rollup";
import { maxBytes, STORED_SUM_CEILING } from "@/lib/domain/node-protocol/telemetry-plausibility";
import { PARAMETERS } from "@/lib/domain/parameters/catalogue";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import { MAX_MEDIAN_LATENCY_MS, type TelemetryReport } from "@/lib/schemas/node-protocol";
import { databaseKind } from "@/lib/server/platform/db";
import { isDomainError } from "@/lib/domain/errors";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { readStoredRollups, recomputeStoredRollups } from "@/lib/server/testing/stored-rollups";
import { sendSignedTelemetry } from "@/lib/server/testing/telemetry-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { addSampleToRollups, insertRollups, rebuildRollupsIfMissing } from "./rollup-commands";

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_MBPS = PARAMETERS["service.maxMbps"].default;
const DAY_MS = 24 * HOUR_MS;
/** A UTC midnight: runs start a few hours either side of it, so reports straddle hours and days. */
const MIDNIGHT = Date.parse("2026-11-26T00:00:00Z");
/** The rate limit allows 4 reports a minute; a node sends at most this many per run, in any order. */
const REPORTS_PER_NODE = 4;

let nodeCount = 0;
async function newNodes(db: TestDatabase["db"], count: number): Promise<TestNode[]> {
  return Promise.all(
    Array.from({ length: count }, () => createTestNode(db, { name: `rollup-node-${++nodeCount}` })),
  );
}

function telemetryReport(overrides: Partial<TelemetryReport> & Pick<TelemetryReport, "at">): TelemetryReport {
  return {
    windowSeconds: 60,
    uptimeSeconds: 60,
    bytesUp: 1_000,
    bytesDown: 2_000,
    peers: 8,
    medianLatencyMs: 35.5,
    activeConfigVersion: null,
    stagedConfigVersion: null,
    agent: "rollup-test",
    ...overrides,
  };
}

const reportArbitrary = fc.record({
  node: fc.nat(),
  /** Seconds after the run's start that the platform receives it. */
  receivedAfter: fc.integer({ min: 0, max: 8 * 3600 }),
  /** The end of the window against the node's own clock, seconds before it received it (negative: ahead). */
  endedBefore: fc.integer({ min: -540, max: 2 * 3600 }),
  windowSeconds: fc.integer({ min: 1, max: 86_400 }),
  uptimeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  /** Capped to the most the window may claim at service.maxMbps's default (the largest value: exactly that). */
  bytesUp: fc.oneof(fc.integer({ min: 0, max: 1e12 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  bytesDown: fc.integer({ min: 0, max: 1e12 }),
  peers: fc.integer({ min: 0, max: 5_000 }),
  medianLatencyMs: fc.oneof(
    fc.double({ min: 0, max: 5_000, noNaN: true }),
    fc.constant(MAX_MEDIAN_LATENCY_MS),
  ),
});

const interleaving = fc.record({
  nodes: fc.integer({ min: 2, max: 4 }),
  /** Per node: how far its clock runs behind the platform's, in seconds (a few minutes ahead at most). */
  clockLag: fc.array(fc.integer({ min: -60, max: 1800 }), { minLength: 4, maxLength: 4 }),
  startDay: fc.integer({ min: 0, max: 2 }),
  startBeforeMidnight: fc.integer({ min: 0, max: 4 * 3600 }),
  reports: fc.array(reportArbitrary, { minLength: 1, maxLength: 14 }),
  /** Sizes of the groups sent concurrently, one group after another. */
  groupSizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 14, maxLength: 14 }),
});

/** A database of its own for the tests in the calling describe block. */
function useTestDatabase(): () => TestDatabase["db"] {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  return () => database.db;
}

describe("rollups maintained by recordTelemetry", () => {
  const testDb = useTestDatabase();

  it("equal recomputation from the raw samples after any interleaving of reports through recordTelemetry", async () => {
    await fc.assert(
      fc.asyncProperty(interleaving, async (run) => {
        const db = testDb();
        const nodes = await newNodes(db, run.nodes);
        const start = MIDNIGHT + run.startDay * DAY_MS - run.startBeforeMidnight * 1000;
        const perNode = new Map<number, number>();
        const reports = run.reports
          .map((report) => ({ ...report, node: report.node % run.nodes }))
          .filter((report) => {
            const sent = (perNode.get(report.node) ?? 0) + 1;
            perNode.set(report.node, sent);
            return sent <= REPORTS_PER_NODE;
          });
        const before = await db.telemetrySample.count();
        const send = (report: (typeof reports)[number]) => {
          const plausible = (bytes: number) =>
            Math.min(bytes, Number(maxBytes(report.windowSeconds, DEFAULT_MAX_MBPS)));
          const now = new Date(start + report.receivedAfter * 1000);
          const at = new Date(now.getTime() - (run.clockLag[report.node]! + report.endedBefore) * 1000);
          return sendSignedTelemetry(db, {
            node: nodes[report.node]!,
            now,
            report: telemetryReport({
              at: new Date(Math.min(at.getTime(), now.getTime() + 540_000)).toISOString(),
              windowSeconds: report.windowSeconds,
              uptimeSeconds: Math.floor(report.windowSeconds * report.uptimeShare),
              bytesUp: plausible(report.bytesUp),
              bytesDown: plausible(report.bytesDown),
              peers: report.peers,
              medianLatencyMs: report.medianLatencyMs,
            }),
          });
        };
        let sent = 0;
        for (const size of run.groupSizes) {
          await Promise.all(reports.slice(sent, sent + size).map(send));
          sent += size;
        }
        expect(await db.telemetrySample.count()).toBe(before + reports.length);
        expect(await readStoredRollups(db)).toEqual(await recomputeStoredRollups(db));
      }),
      { ...propertyRuns("stored rollups equal recomputation"), numRuns: 15 },
    );
  }, 120_000);

  it("counts every node once in the network's hour when many report into it at once", async () => {
    const db = testDb();
    const hour = Date.parse("2026-12-10T14:00:00Z");
    const nodes = await newNodes(db, 12);
    await Promise.all(
      nodes.flatMap((node, index) =>
        [0, 1].map((turn) => {
          const now = new Date(hour + (120 + index + turn * 61) * 1000);
          return sendSignedTelemetry(db, {
            node,
            now,
            report: telemetryReport({ at: new Date(now.getTime() - 1000).toISOString() }),
          });
        }),
      ),
    );
    const stored = await readStoredRollups(db);
    expect(stored.networkHourly.find((row) => row.start.getTime() === hour)).toMatchObject({
      nodes: 12,
      samples: 24,
    });
    expect(stored.networkDaily.find((row) => row.start.getTime() === Date.parse("2026-12-10"))).toMatchObject(
      {
        nodes: 12,
        samples: 24,
      },
    );
    expect(stored).toEqual(await recomputeStoredRollups(db));
  });
});

describe("insertRollups", () => {
  const testDb = useTestDatabase();

  it("writes recomputed rollups that read back exactly, and later samples add to the same rows", async () => {
    const db = testDb();
    const nodes = await newNodes(db, 3);
    const sample = (index: number): RollupSample => ({
      nodeId: nodes[index % 3]!.nodeId,
      at: new Date(MIDNIGHT + index * 7 * 60_000 - 6 * HOUR_MS),
      windowSeconds: 30 + (index % 5) * 600,
      uptimeSeconds: 30 + (index % 3) * 300,
      bytesUp: 2n ** 55n + BigInt(index),
      bytesDown: BigInt(index) * 1_000_003n,
      peers: index % 40,
      medianLatencyMs: index === 7 ? 9e9 : index * 0.37,
    });
    const samples = Array.from({ length: 240 }, (_, index) => sample(index));
    const rollups = recomputeRollups(samples);
    expect(rollups.networkDaily).toHaveLength(2);

    await insertRollups(db, rollups, { isPostgres: databaseKind(db) === "postgres" });
    expect(await readStoredRollups(db)).toEqual(rollups);

    const later = [sample(0), sample(239), { ...sample(100), nodeId: nodes[2]!.nodeId }];
    await db.$transaction(async (tx) => {
      for (const one of later) await addSampleToRollups(tx, one);
    });
    expect(await readStoredRollups(db)).toEqual(recomputeRollups([...samples, ...later]));
  });
});

describe("network rollup sums", () => {
  const testDb = useTestDatabase();

  it("saturate at STORED_SUM_CEILING as whole numbers while the node's rows add exactly", async () => {
    const db = testDb();
    const [node] = await newNodes(db, 1);
    const hourStart = new Date("2026-12-14T09:00:00Z");
    const day = new Date("2026-12-14T00:00:00Z");
    const nearCeiling = {
      nodes: 3,
      samples: 3,
      windowSeconds: STORED_SUM_CEILING - 10n,
      uptimeSeconds: 0n,
      bytesUp: STORED_SUM_CEILING - 1_000n,
      bytesDown: 5n,
      latencyMsSeconds: STORED_SUM_CEILING,
      peerSeconds: 0n,
    };
    await db.networkHourlyRollup.create({ data: { hourStart, ...nearCeiling } });
    await db.networkDailyRollup.create({ data: { day, ...nearCeiling } });
    const sample: RollupSample = {
      nodeId: node!.nodeId,
      at: new Date("2026-12-14T09:30:00Z"),
      windowSeconds: 60,
      uptimeSeconds: 60,
      bytesUp: maxBytes(86_400, PARAMETERS["service.maxMbps"].max),
      bytesDown: 7n,
      peers: 3,
      medianLatencyMs: 10,
    };
    await db.$transaction(async (tx) => {
      await addSampleToRollups(tx, sample);
      await addSampleToRollups(tx, sample);
    });

    const expected = {
      nodes: 4,
      samples: 5,
      windowSeconds: STORED_SUM_CEILING,
      uptimeSeconds: 120n,
      bytesUp: STORED_SUM_CEILING,
      bytesDown: 19n,
      latencyMsSeconds: STORED_SUM_CEILING,
      peerSeconds: 360n,
    };
    const select = {
      nodes: true,
      samples: true,
      windowSeconds: true,
      uptimeSeconds: true,
      bytesUp: true,
      bytesDown: true,
      latencyMsSeconds: true,
      peerSeconds: true,
    } as const;
    expect(await db.networkHourlyRollup.findUnique({ where: { hourStart }, select })).toEqual(expected);
    expect(await db.networkDailyRollup.findUnique({ where: { day }, select })).toEqual(expected);
    const [nodeDay] = await db.nodeDailyRollup.findMany({ where: { nodeId: node!.nodeId } });
    expect(nodeDay).toMatchObject({ samples: 2, bytesUp: 2n * sample.bytesUp, bytesDown: 14n });
  });
});

describe("rebuildRollupsIfMissing", () => {
  const testDb = useTestDatabase();

  it("builds every rollup from raw samples when none exist, read page by page, and only once", async () => {
    const db = testDb();
    await expect(rebuildRollupsIfMissing(db)).resolves.toEqual({
      isRebuilt: false,
      reason: "there is no raw telemetry to build them from",
    });
    const nodes = await newNodes(db, 3);
    // Samples as a database from before rollups holds them: raw rows only, nodes interleaved in time.
    const samples = Array.from({ length: 50 }, (_, index) => ({
      nodeId: nodes[(index * 7) % 3]!.nodeId,
      at: new Date(MIDNIGHT - 5 * HOUR_MS + index * 23 * 60_000),
      windowSeconds: 60 + (index % 4) * 900,
      uptimeSeconds: 60 + (index % 3) * 300,
      bytesUp: 2n ** 40n + BigInt(index),
      bytesDown: BigInt(index) * 999n,
      peers: index % 17,
      medianLatencyMs: index * 1.25,
      agent: "before-rollups",
    }));
    await db.telemetrySample.createMany({ data: samples });
    const expected = recomputeRollups(samples);
    expect(expected.networkDaily).toHaveLength(2);

    await expect(rebuildRollupsIfMissing(db, { pageSize: 7 })).resolves.toEqual({
      isRebuilt: true,
      samples: 50,
      nodes: 3,
      networkHours: expected.networkHourly.length,
      networkDays: 2,
    });
    expect(await readStoredRollups(db)).toEqual(expected);

    await expect(rebuildRollupsIfMissing(db)).resolves.toEqual({
      isRebuilt: false,
      reason: "rollups already exist",
    });
    expect(await readStoredRollups(db)).toEqual(expected);
  });
});

describe("recordTelemetry's clock bounds", () => {
  const testDb = useTestDatabase();
  const now = new Date("2026-12-12T12:00:00Z");

  async function rejection(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
    expect(error.code).toBe("BAD_INPUT");
    return error.message;
  }

  it("rejects a window ending more than a day (plus the window) in the past, writing nothing", async () => {
    const db = testDb();
    const [node] = await newNodes(db, 1);
    const send = (at: string, windowSeconds = 60) =>
      sendSignedTelemetry(db, { node: node!, now, report: telemetryReport({ at, windowSeconds }) });

    const message = await rejection(send("1970-01-01T00:01:00Z"));
    expect(message).toMatch(/^at: 1970-01-01T00:01:00Z .*Sync the node's clock \(NTP\)/);
    const justTooOld = new Date(now.getTime() - DAY_MS - 60_000 - 1000).toISOString();
    await rejection(send(justTooOld));
    expect(await db.telemetrySample.count()).toBe(0);
    expect(await db.networkHourlyRollup.count()).toBe(0);

    const oldestAccepted = new Date(now.getTime() - DAY_MS - 3_600_000).toISOString();
    await expect(send(oldestAccepted, 3_600)).resolves.toMatchObject({ nodeId: node!.nodeId });
    expect(await db.telemetrySample.count()).toBe(1);
  });
});

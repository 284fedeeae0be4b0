import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEDGER_CSV_HEADER } from "@/lib/domain/rewards/ledger-csv";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { issueConfigVersion } from "../governance/issue-config-version";
import { getOperatorStats, operatorEpochRows, streamOperatorEpochsCsv } from "./operator-stats-queries";
import { ensurePlatform } from "../platform/ensure-platform";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
const DAY = {
  latest: new Date("2026-11-24T00:00:00.000Z"),
  inWeek: new Date("2026-11-20T00:00:00.000Z"),
  inMonth: new Date("2026-11-10T00:00:00.000Z"),
  old: new Date("2026-10-01T00:00:00.000Z"),
};
const MICRO = 1_000_000n;

let database: TestDatabase;
let adaId: string;
let bobId: string;
const nodeIds: Record<string, string> = {};

async function insertNode(
  operatorId: string,
  name: string,
  { status = "Active", reportedDaysAgo }: { status?: string; reportedDaysAgo: number },
) {
  const { id } = await database.db.node.create({
    data: {
      operatorId,
      name,
      nameSearch: name.toLowerCase(),
      publicKey: `stats-key-${name}-${process.pid}`,
      region: "eu-west",
      status,
      firstReportedAt: new Date(NOW.getTime() - reportedDaysAgo * DAY_MS),
      reportedConfigVersion: 1,
    },
    select: { id: true },
  });
  nodeIds[name] = id;
  return id;
}

async function insertEntry(
  name: string,
  day: Date,
  entry: { credits: number; ratingBefore: number; rating: number; classification?: string },
) {
  const nodeId = nodeIds[name]!;
  const { operatorId } = await database.db.node.findUniqueOrThrow({
    where: { id: nodeId },
    select: { operatorId: true },
  });
  const rewardMicro = BigInt(Math.round(entry.credits * 1_000_000));
  await database.db.rewardLedgerEntry.create({
    data: {
      day,
      nodeId,
      operatorId,
      uptimeSeconds: 86_400,
      bytesUp: 2_000_000_000n,
      bytesDown: 1_000_000_000n,
      windowSeconds: 86_400,
      latencyMsSeconds: 50n * 86_400n,
      classification: entry.classification ?? "Contributor",
      unscaledMicro: rewardMicro * 2n,
      rewardMicro,
      speed: 0.5,
      reliability: 1,
      contribution: 0.5,
      score: 0.65,
      ratingBefore: entry.ratingBefore,
      rating: entry.rating,
    },
  });
}

async function insertRollup(name: string, day: Date, uptimeSeconds: number, bytesUp: bigint) {
  await database.db.nodeDailyRollup.create({
    data: {
      nodeId: nodeIds[name]!,
      day,
      samples: 24,
      windowSeconds: 86_400,
      uptimeSeconds,
      bytesUp,
      bytesDown: 0n,
      latencyMsSeconds: 0n,
      peerSeconds: 0n,
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, {
    networkName: "Operator stats test",
    now: new Date(NOW.getTime() - 90 * DAY_MS),
  });
  const insertOperator = async (displayName: string) =>
    (
      await db.operator.create({
        data: { displayName, email: `${displayName.toLowerCase().replace(" ", ".")}@example.test` },
        select: { id: true },
      })
    ).id;
  adaId = await insertOperator("Ada Stats");
  bobId = await insertOperator("Bob Stats");

  await insertNode(adaId, "relay-a", { reportedDaysAgo: 60 });
  await insertNode(adaId, "-edge", { reportedDaysAgo: 2 });
  await insertNode(adaId, "old-a", { status: "Gone", reportedDaysAgo: 50 });
  await insertNode(bobId, "relay-b", { reportedDaysAgo: 60 });
  await db.nodeSync.create({
    data: { nodeId: nodeIds["relay-a"]!, status: "Synced", desiredVersion: 1, nextAttemptAt: NOW },
  });

  // Version 2 paid free-riders 25 % on the latest day; version 1 (50 %) is active again by now.
  await issueConfigVersion(db, {
    params: { ...defaultParameterValues(), "freeRider.throttleFactor": 0.25 },
    activateAt: new Date(NOW.getTime() + 365 * DAY_MS),
    proposals: [],
    now: new Date(NOW.getTime() - 30 * DAY_MS),
  });
  for (const [day, configVersion] of [
    [DAY.old, 1],
    [DAY.inMonth, 1],
    [DAY.inWeek, 1],
    [DAY.latest, 2],
  ] as const) {
    await db.epoch.create({
      data: {
        day,
        configVersion,
        computedAt: new Date(day.getTime() + DAY_MS),
        nodes: 4,
        paidNodes: 4,
        freeRiders: 0,
        freeRidersInGrace: 0,
        emissionCapMicro: 50_000n * MICRO,
        unscaledMicro: 0n,
        paidMicro: 0n,
        scale: day === DAY.latest ? 0.8 : 1,
        bytesUp: 0n,
      },
    });
  }
  await insertEntry("relay-a", DAY.old, { credits: 1, ratingBefore: 0.3, rating: 0.35 });
  await insertEntry("relay-a", DAY.inMonth, { credits: 2, ratingBefore: 0.35, rating: 0.4 });
  await insertEntry("relay-a", DAY.inWeek, { credits: 3, ratingBefore: 0.4, rating: 0.45 });
  await insertEntry("relay-a", DAY.latest, { credits: 4, ratingBefore: 0.45, rating: 0.5 });
  await insertEntry("-edge", DAY.latest, {
    credits: 0.5,
    ratingBefore: 0.2,
    rating: 0.25,
    classification: "FreeRider",
  });
  await insertEntry("old-a", DAY.inMonth, { credits: 1.5, ratingBefore: 0.6, rating: 0.6 });
  await insertEntry("relay-b", DAY.inWeek, { credits: 10, ratingBefore: 0.9, rating: 0.9 });
  await insertEntry("relay-b", DAY.latest, { credits: 10, ratingBefore: 0.9, rating: 0.95 });

  await insertRollup("relay-a", DAY.old, 86_400, 5_000_000_000n);
  await insertRollup("relay-a", DAY.inWeek, 43_200, 1_000_000_000n);
  await insertRollup("relay-a", DAY.latest, 86_400, 2_000_000_000n);
  await insertRollup("-edge", DAY.latest, 21_600, 500_000_000n);
  await insertRollup("relay-b", DAY.latest, 86_400, 9_000_000_000n);
});

afterAll(async () => {
  await database.drop();
});

describe("getOperatorStats", () => {
  it("lists only the operator's own nodes, active first, with their last week", async () => {
    const stats = await getOperatorStats(database.db, { operatorId: adaId, range: "7d", now: NOW });
    expect(stats.from).toEqual(new Date("2026-11-18T00:00:00.000Z"));
    expect(stats.nodes.map((node) => node.name)).toEqual(["-edge", "relay-a", "old-a"]);
    const [edge, relay, old] = stats.nodes;

    // 1.5 days up of the 7.5 days since the range's first midnight.
    expect(relay).toMatchObject({
      status: "Active",
      gbServed: 3,
      rating: 0.5,
      creditsInRange: 7,
      lastClassification: "Contributor",
      lastEpochDay: DAY.latest,
      syncStatus: "Synced",
      configVersion: 1,
    });
    expect(relay!.uptimeShare).toBeCloseTo(129_600 / 648_000, 12);
    expect(relay!.ratingChange).toBeCloseTo(0.1, 12);
    expect(relay!.ratingTrend).toEqual([
      { day: DAY.inWeek, rating: 0.4 },
      { day: new Date("2026-11-21T00:00:00.000Z"), rating: 0.45 },
      { day: new Date("2026-11-25T00:00:00.000Z"), rating: 0.5 },
    ]);

    // First reported two days ago: its uptime counts from then.
    expect(edge).toMatchObject({
      creditsInRange: 0.5,
      lastClassification: "FreeRider",
      lastThrottleFactor: 0.25,
      syncStatus: null,
    });
    expect(edge!.uptimeShare).toBeCloseTo(21_600 / 172_800, 12);

    expect(old).toMatchObject({
      status: "Gone",
      uptimeShare: 0,
      creditsInRange: 0,
      rating: 0.6,
      ratingChange: null,
      ratingTrend: [],
    });

    expect(stats.totals).toMatchObject({
      nodes: 2,
      gbServed: 3.5,
      creditsInRange: 7.5,
      creditsLastEpoch: 4.5,
    });
    expect(stats.totals.uptimeShare).toBeCloseTo((129_600 + 21_600) / (648_000 + 172_800), 12);
    expect(stats.totals.averageRating).toBeCloseTo(0.375, 12);
    expect(stats.lastEpoch).toEqual({ day: DAY.latest, configVersion: 2, scale: 0.8 });
  });

  it.each([
    ["7d", 7, 7.5],
    ["30d", 9, 11],
    ["all", 10, 12],
  ] as const)("counts the epochs of range %s only", async (range, relayCredits, totalCredits) => {
    const stats = await getOperatorStats(database.db, { operatorId: adaId, range, now: NOW });
    expect(stats.nodes.find((node) => node.name === "relay-a")?.creditsInRange).toBe(relayCredits);
    expect(stats.totals.creditsInRange).toBe(totalCredits);
    expect(stats.totals.creditsLastEpoch).toBe(4.5);
  });

  it("measures all-time uptime from the node's first report and the change from its first epoch", async () => {
    const stats = await getOperatorStats(database.db, { operatorId: adaId, range: "all", now: NOW });
    expect(stats.from).toBeNull();
    const relay = stats.nodes.find((node) => node.name === "relay-a")!;
    expect(relay.uptimeShare).toBeCloseTo(216_000 / (60 * 86_400), 12);
    expect(relay.gbServed).toBe(8);
    expect(relay.ratingChange).toBeCloseTo(0.2, 12);
    expect(relay.ratingTrend[0]).toEqual({ day: DAY.old, rating: 0.3 });
  });

  it("gives the other operator their own figures only", async () => {
    const stats = await getOperatorStats(database.db, { operatorId: bobId, range: "30d", now: NOW });
    expect(stats.nodes.map((node) => node.name)).toEqual(["relay-b"]);
    expect(stats.totals).toMatchObject({ nodes: 1, gbServed: 9, creditsInRange: 20, creditsLastEpoch: 10 });
  });

  it("reports the active config's reward rules", async () => {
    const stats = await getOperatorStats(database.db, { operatorId: adaId, range: "30d", now: NOW });
    expect(stats.rules).toEqual({
      configVersion: 1,
      perGbUploaded: 1,
      uptimeBonusPerDay: 2,
      uptimeBonusMinShare: 0.95,
      epochEmissionCap: 50_000,
      minShareRatio: 0.5,
      throttleFactor: 0.5,
      graceDays: 7,
    });
  });

  it("is empty for an operator without nodes", async () => {
    const { id } = await database.db.operator.create({
      data: { displayName: "Nobody", email: "nobody.stats@example.test" },
      select: { id: true },
    });
    const stats = await getOperatorStats(database.db, { operatorId: id, range: "30d", now: NOW });
    expect(stats.nodes).toEqual([]);
    expect(stats.totals).toEqual({
      nodes: 0,
      uptimeShare: null,
      gbServed: 0,
      creditsInRange: 0,
      creditsLastEpoch: 0,
      averageRating: null,
    });
  });
});

describe("operatorEpochRows", () => {
  it("pages every ledger entry of the operator's nodes, newest epoch first, by node id within a day", async () => {
    const rows = await operatorEpochRows(database.db, { operatorId: adaId });
    const byId = (a: string, b: string) => (nodeIds[a]! < nodeIds[b]! ? [a, b] : [b, a]);
    expect(rows.map((row) => [row.day.toISOString().slice(0, 10), row.nodeName])).toEqual([
      ...byId("-edge", "relay-a").map((name) => ["2026-11-24", name]),
      ["2026-11-20", "relay-a"],
      ...byId("old-a", "relay-a").map((name) => ["2026-11-10", name]),
      ["2026-10-01", "relay-a"],
    ]);
    const relayLatest = rows.find((row) => row.nodeName === "relay-a");
    expect(relayLatest).toMatchObject({
      rewardMicro: 4_000_000n,
      unscaledMicro: 8_000_000n,
      configVersion: 2,
    });
    const firstPage = await operatorEpochRows(database.db, { operatorId: adaId, take: 4 });
    const { day, nodeId } = firstPage.at(-1)!;
    const rest = await operatorEpochRows(database.db, { operatorId: adaId, after: { day, nodeId } });
    expect([...firstPage, ...rest]).toEqual(rows);
  });
});

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; lines: string[] }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bytes, lines: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).split("\r\n") };
}

describe("streamOperatorEpochsCsv", () => {
  it("writes the operator's epochs only, after a UTF-8 BOM, with formula-like names made inert", async () => {
    const { bytes, lines } = await readCsv(
      await streamOperatorEpochsCsv(database.db, { operatorId: adaId, now: NOW }),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe(`\uFEFF${LEDGER_CSV_HEADER.join(",")}`);
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(lines).toContain(`2026-11-24,${nodeIds["-edge"]},'-edge,FreeRider,100,2,1,1,0.5,0.2,0.25,0.65,2`);
    expect(lines.join("\n")).not.toContain(nodeIds["relay-b"]!);
  });

  it(`refuses more than ${RATE_LIMITS.epochsCsv.limit} exports a minute per operator`, async () => {
    const later = new Date(NOW.getTime() + 10 * 60_000);
    for (let call = 0; call < RATE_LIMITS.epochsCsv.limit; call += 1) {
      await (await streamOperatorEpochsCsv(database.db, { operatorId: adaId, now: later })).cancel();
    }
    await expect(
      streamOperatorEpochsCsv(database.db, { operatorId: adaId, now: later }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const bob = await readCsv(await streamOperatorEpochsCsv(database.db, { operatorId: bobId, now: later }));
    expect(bob.lines.join("\n")).toContain("relay-b");
  });
});

describe("an operator with more than a thousand nodes", () => {
  const NODES = 1_100;
  let manyId: string;

  beforeAll(async () => {
    const { db } = database;
    manyId = (
      await db.operator.create({
        data: { displayName: "Many Nodes", email: "many.nodes@example.test" },
        select: { id: true },
      })
    ).id;
    const names = Array.from({ length: NODES }, (_, index) => `many-${String(index).padStart(4, "0")}`);
    await db.node.createMany({
      data: names.map((name) => ({
        operatorId: manyId,
        name,
        nameSearch: name,
        publicKey: `many-key-${name}-${process.pid}`,
        region: "eu-west",
        firstReportedAt: new Date(NOW.getTime() - 60 * DAY_MS),
      })),
    });
    const nodes = await db.node.findMany({ where: { operatorId: manyId }, select: { id: true } });
    await db.rewardLedgerEntry.createMany({
      data: nodes.flatMap(({ id }, index) =>
        [DAY.inWeek, DAY.latest].map((day) => ({
          day,
          nodeId: id,
          operatorId: manyId,
          uptimeSeconds: 86_400,
          windowSeconds: 86_400,
          bytesUp: 0n,
          bytesDown: 0n,
          latencyMsSeconds: 0n,
          classification: "Contributor",
          unscaledMicro: MICRO,
          rewardMicro: MICRO,
          speed: 0.5,
          reliability: 1,
          contribution: 0,
          score: 0.5,
          ratingBefore: 0.5,
          rating: 0.5 + (day === DAY.latest ? index / 1e5 : 0),
        })),
      ),
    });
  });

  it("gets every node's newest rating and its credits", async () => {
    const stats = await getOperatorStats(database.db, { operatorId: manyId, range: "all", now: NOW });
    expect(stats.nodes).toHaveLength(NODES);
    expect(stats.nodes.every((node) => node.lastEpochDay?.getTime() === DAY.latest.getTime())).toBe(true);
    expect(stats.nodes.every((node) => node.ratingTrend.length === 3)).toBe(true);
    expect(stats.totals.creditsInRange).toBe(2 * NODES);
  });

  it("streams all their epochs across more than one page", async () => {
    const { lines } = await readCsv(
      await streamOperatorEpochsCsv(database.db, { operatorId: manyId, now: NOW }),
    );
    expect(lines).toHaveLength(1 + 2 * NODES + 1);
    expect(new Set(lines.slice(1, -1)).size).toBe(2 * NODES);
  });
});

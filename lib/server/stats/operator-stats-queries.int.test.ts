import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/lib/server/testing/test-database";
import { getOperatorStats } from "./operator-stats-queries";
import { createOperatorLedger, DAY, insertOperatorWithManyNodes, NOW } from "./testing/operator-ledger";

let database: TestDatabase;
let adaId: string;
let bobId: string;

beforeAll(async () => {
  ({ database, adaId, bobId } = await createOperatorLedger());
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
      uncorroboratedWeight: 0.5,
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

describe("an operator with more than a thousand nodes", () => {
  const NODES = 1_100;
  let manyId: string;

  beforeAll(async () => {
    manyId = await insertOperatorWithManyNodes(database.db, NODES);
  });

  it("gets every node's newest rating and its credits", async () => {
    const stats = await getOperatorStats(database.db, { operatorId: manyId, range: "all", now: NOW });
    expect(stats.nodes).toHaveLength(NODES);
    expect(stats.nodes.every((node) => node.lastEpochDay?.getTime() === DAY.latest.getTime())).toBe(true);
    expect(stats.nodes.every((node) => node.ratingTrend.length === 3)).toBe(true);
    expect(stats.totals.creditsInRange).toBe(2 * NODES);
  });
});

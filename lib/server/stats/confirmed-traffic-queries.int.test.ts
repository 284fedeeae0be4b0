import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "@/lib/domain/errors";
import { TRAFFIC_DAYS_SHOWN } from "@/lib/schemas/confirmed-traffic";
import type { Db } from "@/lib/server/platform/db";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { getConfirmedShare, getNodeTraffic, getOperatorTraffic } from "./confirmed-traffic-queries";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
/** UTC midnight `age` days before today (1 = yesterday, the newest epoch). */
const dayAt = (age: number) => new Date(Date.parse("2026-11-25T00:00:00.000Z") - age * DAY_MS);

let database: TestDatabase;
let db: Db;
let adaId: string;
let bobId: string;
const nodeIds: Record<string, string> = {};

async function insertOperator(displayName: string) {
  const email = `${displayName.toLowerCase()}.traffic@example.test`;
  return (await db.operator.create({ data: { displayName, email }, select: { id: true } })).id;
}

async function insertNode(operatorId: string, name: string, firstReportedAge: number | null) {
  const { id } = await db.node.create({
    data: {
      operatorId,
      name,
      nameSearch: name,
      publicKey: `traffic-key-${name}-${process.pid}`,
      region: "eu-west",
      firstReportedAt: firstReportedAge === null ? null : dayAt(firstReportedAge),
    },
    select: { id: true },
  });
  nodeIds[name] = id;
}

async function insertEpoch(age: number, totals: { claimed: bigint; confirmed: bigint; blocked?: string }) {
  await db.epoch.create({
    data: {
      day: dayAt(age),
      configVersion: 1,
      computedAt: new Date(dayAt(age).getTime() + DAY_MS),
      nodes: 3,
      paidNodes: totals.blocked ? 0 : 3,
      freeRiders: 0,
      freeRidersInGrace: 0,
      emissionCapMicro: 50_000_000_000n,
      unscaledMicro: 0n,
      paidMicro: 0n,
      scale: 1,
      bytesUp: totals.claimed,
      corroboratedBytesUp: totals.confirmed,
      paidBytesUp: totals.confirmed + (totals.claimed - totals.confirmed) / 2n,
      status: totals.blocked ? "Blocked" : "Computed",
      blockedReason: totals.blocked ?? null,
    },
  });
}

/** A ledger line with `claimedGb` claimed, `confirmedGb` confirmed and half the rest paid on top. */
async function insertLine(
  name: string,
  age: number,
  claimedGb: bigint,
  confirmedGb: bigint,
  operatorId?: string,
) {
  const nodeId = nodeIds[name]!;
  const owner = (await db.node.findUniqueOrThrow({ where: { id: nodeId }, select: { operatorId: true } }))
    .operatorId;
  await db.rewardLedgerEntry.create({
    data: {
      day: dayAt(age),
      nodeId,
      operatorId: operatorId ?? owner,
      uptimeSeconds: 86_400,
      windowSeconds: 86_400,
      bytesUp: claimedGb * GB,
      bytesDown: GB,
      latencyMsSeconds: 0n,
      corroboratedBytesUp: confirmedGb * GB,
      paidBytesUp: confirmedGb * GB + ((claimedGb - confirmedGb) * GB) / 2n,
      clusterPrefix: "198.51.100.0/24",
      classification: "Contributor",
      unscaledMicro: 0n,
      rewardMicro: 0n,
      speed: 0.5,
      reliability: 1,
      contribution: 0.5,
      score: 0.6,
      ratingBefore: 0.5,
      rating: 0.5,
    },
  });
}

const figures = (claimedGb: bigint, confirmedGb: bigint) => ({
  claimedBytes: claimedGb * GB,
  confirmedBytes: confirmedGb * GB,
  paidBytes: confirmedGb * GB + ((claimedGb - confirmedGb) * GB) / 2n,
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await ensurePlatform(db, { networkName: "Traffic test", now: new Date(NOW.getTime() - 60 * DAY_MS) });
  adaId = await insertOperator("Ada");
  bobId = await insertOperator("Bob");
  await insertNode(adaId, "ada-relay", 40);
  await insertNode(adaId, "ada-edge", 3);
  await insertNode(adaId, "ada-new", null);
  await insertNode(bobId, "bob-relay", 40);

  // 35 days of epochs; 5 days ago was blocked, and 38 days ago too (older than anything shown).
  for (let age = 1; age <= 35; age += 1) {
    await insertEpoch(
      age,
      age === 5
        ? { claimed: 0n, confirmed: 0n, blocked: "Σ bytesUp is too large" }
        : { claimed: 30n * GB, confirmed: 12n * GB },
    );
  }
  await insertEpoch(38, { claimed: 0n, confirmed: 0n, blocked: "old" });
  for (let age = 1; age <= 35; age += 1) {
    if (age === 5) continue;
    await insertLine("ada-relay", age, 10n, 4n);
    await insertLine("bob-relay", age, 20n, 8n);
  }
  await insertLine("ada-edge", 1, 6n, 6n);
  await insertLine("ada-edge", 2, 2n, 0n);
});

afterAll(async () => {
  await database.drop();
});

describe("getNodeTraffic", () => {
  it("gives the node's newest days, newest first, with the blocked day in its place", async () => {
    const traffic = await getNodeTraffic(db, { operatorId: adaId, nodeId: nodeIds["ada-relay"]! });
    expect(traffic.days).toHaveLength(TRAFFIC_DAYS_SHOWN);
    expect(traffic.days.map((day) => day.day)).toEqual(
      Array.from({ length: TRAFFIC_DAYS_SHOWN }, (_, index) => dayAt(index + 1)),
    );
    expect(traffic.days[0]).toEqual({ status: "Computed", day: dayAt(1), ...figures(10n, 4n) });
    expect(traffic.days[4]).toEqual({ status: "Blocked", day: dayAt(5), reason: "Σ bytesUp is too large" });
    // 29 computed days of 10 GB claimed, 4 GB confirmed, 7 GB paid.
    expect(traffic.totals).toEqual(figures(290n, 116n));
    expect(traffic.uncorroboratedWeight).toBe(0.5);
  });

  it("shows no blocked day from before the node first reported, and nothing for a node never paid", async () => {
    const edge = await getNodeTraffic(db, { operatorId: adaId, nodeId: nodeIds["ada-edge"]! });
    expect(edge.days.map((day) => [day.day, day.status])).toEqual([
      [dayAt(1), "Computed"],
      [dayAt(2), "Computed"],
    ]);
    expect(edge.totals).toEqual(figures(8n, 6n));

    const fresh = await getNodeTraffic(db, { operatorId: adaId, nodeId: nodeIds["ada-new"]! });
    expect(fresh.days).toEqual([]);
    expect(fresh.totals).toEqual({ claimedBytes: 0n, confirmedBytes: 0n, paidBytes: 0n });
  });

  it("answers NOT_FOUND for someone else's node", async () => {
    const error = await getNodeTraffic(db, { operatorId: bobId, nodeId: nodeIds["ada-relay"]! }).catch(
      (caught: unknown) => caught,
    );
    expect(isDomainError(error) && error.code).toBe("NOT_FOUND");
  });
});

describe("getOperatorTraffic", () => {
  it("adds up only the operator's own nodes per day, and each node over the same days", async () => {
    const traffic = await getOperatorTraffic(db, { operatorId: adaId });
    expect(traffic.days).toHaveLength(TRAFFIC_DAYS_SHOWN);
    expect(traffic.days.slice(0, 3)).toEqual([
      { status: "Computed", day: dayAt(1), ...figures(16n, 10n) },
      { status: "Computed", day: dayAt(2), ...figures(12n, 4n) },
      { status: "Computed", day: dayAt(3), ...figures(10n, 4n) },
    ]);
    expect(traffic.days[4]).toMatchObject({ status: "Blocked", day: dayAt(5) });
    // The blocked day takes a place: the days shown run from yesterday to 30 days ago.
    expect(traffic.days.at(-1)!.day).toEqual(dayAt(30));
    // Each node over exactly the computed days shown, in the order of the operator's node list.
    expect(traffic.nodes).toEqual([
      { nodeId: nodeIds["ada-edge"], name: "ada-edge", ...figures(8n, 6n) },
      { nodeId: nodeIds["ada-relay"], name: "ada-relay", ...figures(290n, 116n) },
    ]);
    expect(traffic.totals).toEqual(figures(298n, 122n));
  });

  it("never counts lines of a node under another operator", async () => {
    const bob = await getOperatorTraffic(db, { operatorId: bobId });
    expect(bob.nodes.map((node) => node.name)).toEqual(["bob-relay"]);
    expect(bob.days[0]).toEqual({ status: "Computed", day: dayAt(1), ...figures(20n, 8n) });
  });

  it("is empty for an operator without nodes", async () => {
    const nobody = await insertOperator("Nobody");
    const traffic = await getOperatorTraffic(db, { operatorId: nobody });
    expect(traffic).toMatchObject({ days: [], nodes: [], totals: figures(0n, 0n) });
  });
});

describe("getConfirmedShare", () => {
  it("gives each computed day's network share in the range, oldest first, and names the blocked days", async () => {
    const week = await getConfirmedShare(db, { from: new Date(NOW.getTime() - 7 * DAY_MS) });
    // Epochs overlapping the last 7 days: 7 days ago to yesterday, less the blocked one.
    expect(week.points.map((point) => point.day)).toEqual(
      [7, 6, 4, 3, 2, 1].map((age) => dayAt(age).getTime()),
    );
    expect(week.points[0]).toEqual({
      day: dayAt(7).getTime(),
      share: 0.4,
      claimedGb: 30,
      confirmedGb: 12,
      paidGb: 21,
    });
    expect(week.summary).toContain("confirmed receiving 40 %");
    expect(week.summary).toContain("1 day could not be worked out and is left out.");
  });

  it("covers every epoch without a range", async () => {
    const all = await getConfirmedShare(db, { from: null });
    expect(all.points).toHaveLength(34);
  });
});

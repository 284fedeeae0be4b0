import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { computeEpoch, epochRewardParams } from "@/lib/domain/rewards/compute-epoch";
import { createDb, prepareDb } from "@/lib/server/platform/db";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { loadLatestEpochInputs } from "@/lib/server/rewards/epoch-input-queries";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const DAY_MS = 86_400_000;
const GB = 1_000_000_000n;
const T0 = new Date("2026-02-02T00:00:00.000Z");
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);
/** Days 0–3 are complete (ended 15 minutes ago or more); day 4 ended only 10 minutes ago. */
const NOW = new Date(day(5).getTime() + 10 * 60_000);
const LATER = new Date(day(5).getTime() + 15 * 60_000);

let database: TestDatabase;
const ids: Record<"veteran" | "rider" | "newbie" | "gone" | "flaky", string> = {
  veteran: "",
  rider: "",
  newbie: "",
  gone: "",
  flaky: "",
};

type Usage = { up: number; bytesUp: bigint; bytesDown: bigint };

async function insertNode(
  name: keyof typeof ids,
  operatorId: string,
  firstReportedAt: Date,
  status = "Active",
) {
  const node = await database.db.node.create({
    data: {
      operatorId,
      name,
      nameSearch: name,
      publicKey: `test-key-${name}`,
      region: "eu-west",
      status,
      firstReportedAt,
    },
    select: { id: true },
  });
  ids[name] = node.id;
}

async function insertRollups(name: keyof typeof ids, days: readonly number[], usage: Usage) {
  await database.db.nodeDailyRollup.createMany({
    data: days.map((n) => ({
      nodeId: ids[name],
      day: day(n),
      samples: 24,
      windowSeconds: 86_400,
      uptimeSeconds: usage.up,
      bytesUp: usage.bytesUp,
      bytesDown: usage.bytesDown,
      latencyMsSeconds: 50n * 86_400n,
      peerSeconds: 8n * 86_400n,
    })),
  });
}

/** Three hours of `day` reported from `clusterPrefix`, which makes it the node's cluster that day. */
async function insertClusterHours(name: keyof typeof ids, days: readonly number[], clusterPrefix: string) {
  await database.db.nodeHourlyRollup.createMany({
    data: days.flatMap((n) =>
      [0, 1, 2].map((hour) => ({
        nodeId: ids[name],
        hourStart: new Date(day(n).getTime() + hour * 3_600_000),
        samples: 60,
        windowSeconds: 3_600,
        uptimeSeconds: 3_600,
        bytesUp: 0n,
        bytesDown: 0n,
        latencyMsSeconds: 0n,
        peerSeconds: 0n,
        clusterPrefix,
      })),
    ),
  });
}

/** `from` says it sent `bytes` to `to` on each day, and `to` says it received them. */
async function insertExchange(
  from: keyof typeof ids,
  to: keyof typeof ids,
  days: readonly number[],
  bytes: bigint,
) {
  await database.db.nodePeerDayTraffic.createMany({
    data: days.flatMap((n) => [
      { nodeId: ids[from], day: day(n), peerNodeId: ids[to], bytesUp: bytes, bytesDown: 0n },
      { nodeId: ids[to], day: day(n), peerNodeId: ids[from], bytesUp: 0n, bytesDown: bytes },
    ]),
  });
}

async function dump() {
  const [epochs, entries] = await Promise.all([
    database.db.epoch.findMany({ orderBy: { day: "asc" } }),
    database.db.rewardLedgerEntry.findMany({ orderBy: [{ day: "asc" }, { nodeId: "asc" }] }),
  ]);
  return { epochs, entries };
}

async function clearEpochs() {
  await database.db.rewardLedgerEntry.deleteMany();
  await database.db.epoch.deleteMany();
}

async function entryOf(name: keyof typeof ids, n: number) {
  return database.db.rewardLedgerEntry.findUnique({
    where: { day_nodeId: { day: day(n), nodeId: ids[name] } },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Epoch test", now: day(-40) });
  // Version 2 pays double per GB under a 1-credit cap and is in force from day 2 on.
  await issueConfigVersion(database.db, {
    params: { ...defaultParameterValues(), "reward.perGbUploaded": 2, "reward.epochEmissionCap": 1 },
    activateAt: day(2),
    proposals: [],
    now: day(1),
  });
  await activateDueConfigVersions(database.db, { now: day(2) });
  const operator = await database.db.operator.create({
    data: { displayName: "Epoch operator", email: "epochs@example.test" },
    select: { id: true },
  });
  await insertNode("veteran", operator.id, day(-30));
  await insertNode("rider", operator.id, day(-30));
  await insertNode("newbie", operator.id, new Date(day(1).getTime() + 3_600_000));
  await insertNode("gone", operator.id, day(-30), "Gone");
  await insertNode("flaky", operator.id, day(-30));
});
afterAll(async () => {
  await database.drop();
});

describe("runDueEpochs", () => {
  it("has nothing to do before any rollup exists", async () => {
    expect(await runDueEpochs(database.db, { now: NOW })).toEqual({
      computed: 0,
      blocked: [],
      lastDay: null,
      isBusy: false,
    });
    expect(await loadLatestEpochInputs(database.db)).toBeNull();
  });

  it("computes each complete day with the config version in force when it began", async () => {
    await insertRollups("veteran", [0, 1, 2, 3, 4], { up: 86_400, bytesUp: 5n * GB, bytesDown: GB });
    await insertRollups("rider", [0, 1, 2, 3, 4], { up: 86_400, bytesUp: GB / 10n, bytesDown: 10n * GB });
    await insertRollups("newbie", [1, 2, 3, 4], { up: 43_200, bytesUp: GB / 10n, bytesDown: 10n * GB });
    // Gone now, but it served days 0, 1 and 3: those days pay it, the others do not list it.
    await insertRollups("gone", [0, 1, 3], { up: 86_400, bytesUp: GB, bytesDown: 0n });
    await insertRollups("flaky", [0, 1, 3, 4], { up: 86_400, bytesUp: GB, bytesDown: 0n });
    // The veteran's network confirms 1 GB it served the rider each day; the rider and the newbie share a
    // network, so what they say they traded confirms nothing; gone and flaky have no known cluster.
    await insertClusterHours("veteran", [0, 1, 2, 3, 4], "203.0.113.0/24");
    await insertClusterHours("rider", [0, 1, 2, 3, 4], "198.51.100.0/24");
    await insertClusterHours("newbie", [1, 2, 3, 4], "198.51.100.0/24");
    await insertExchange("veteran", "rider", [0, 1, 2, 3, 4], GB);
    await insertExchange("rider", "newbie", [1, 2, 3, 4], GB / 20n);

    expect(await runDueEpochs(database.db, { now: NOW })).toEqual({
      computed: 4,
      blocked: [],
      lastDay: "2026-02-05",
      isBusy: false,
    });
    const { epochs } = await dump();
    expect(epochs.map((epoch) => [epoch.day, epoch.configVersion, epoch.nodes])).toEqual([
      [day(0), 1, 4],
      [day(1), 1, 5],
      [day(2), 2, 4],
      [day(3), 2, 5],
    ]);
    for (const epoch of epochs) {
      expect(epoch.paidMicro <= epoch.emissionCapMicro).toBe(true);
      expect(epoch.computedAt).toEqual(NOW);
    }
    // Day 0 under version 1, paying half of unconfirmed traffic: veteran 1 GB confirmed + half of 4 GB
    // + bonus, rider (past grace) half of (half of 0.1 GB + bonus), flaky and gone half of 1 GB + bonus each.
    expect(epochs[0]).toMatchObject({
      emissionCapMicro: 50_000_000_000n,
      unscaledMicro: 5_000_000n + 1_025_000n + 2_500_000n + 2_500_000n,
      paidMicro: 11_025_000n,
      scale: 1,
      freeRiders: 1,
      freeRidersInGrace: 0,
      bytesUp: 5n * GB + GB / 10n + GB + GB,
      corroboratedBytesUp: GB,
      paidBytesUp: 3n * GB + GB / 20n + GB / 2n + GB / 2n,
      status: "Computed",
      blockedReason: null,
    });
    expect(await entryOf("gone", 0)).toMatchObject({
      classification: "Contributor",
      rewardMicro: 2_500_000n,
      clusterPrefix: null,
    });
    expect(await entryOf("gone", 2)).toBeNull();
    expect(await entryOf("veteran", 0)).toMatchObject({
      uptimeSeconds: 86_400,
      windowSeconds: 86_400,
      bytesUp: 5n * GB,
      corroboratedBytesUp: GB,
      paidBytesUp: 3n * GB,
      clusterPrefix: "203.0.113.0/24",
      bytesDown: GB,
      latencyMsSeconds: 50n * 86_400n,
    });
    expect(await entryOf("newbie", 0)).toBeNull();
    expect(await entryOf("newbie", 1)).toMatchObject({
      classification: "FreeRiderInGrace",
      corroboratedBytesUp: 0n,
      paidBytesUp: GB / 20n,
      clusterPrefix: "198.51.100.0/24",
      rewardMicro: 50_000n,
    });
    expect(await entryOf("rider", 1)).toMatchObject({
      classification: "FreeRider",
      corroboratedBytesUp: 0n,
      rewardMicro: 1_025_000n,
    });
    // Day 2 under version 2: 2 credits/GB, scaled down to its 1-credit cap.
    expect(epochs[2]).toMatchObject({
      emissionCapMicro: 1_000_000n,
      unscaledMicro: 8_000_000n + 1_050_000n + 100_000n,
    });
    expect(epochs[2]!.paidMicro).toBeLessThanOrEqual(1_000_000n);
    expect(epochs[2]!.scale).toBeCloseTo(1_000_000 / 9_150_000, 12);
    expect(await entryOf("veteran", 2)).toMatchObject({ unscaledMicro: 8_000_000n, rewardMicro: 874_316n });
  });

  it("marks a node without telemetry that day Silent and carries every rating from epoch to epoch", async () => {
    expect(await entryOf("flaky", 2)).toMatchObject({
      classification: "Silent",
      uptimeSeconds: 0,
      unscaledMicro: 0n,
      rewardMicro: 0n,
      score: 0,
    });
    const { entries } = await dump();
    const rating = new Map<string, number>();
    for (const entry of entries) {
      expect(entry.ratingBefore).toBe(rating.get(entry.nodeId) ?? 0);
      rating.set(entry.nodeId, entry.rating);
    }
    const flaky = entries.filter((entry) => entry.nodeId === ids.flaky).map((entry) => entry.rating);
    expect(flaky[2]).toBeLessThan(flaky[1]!);
    expect(flaky[3]).toBeGreaterThan(flaky[2]!);
  });

  it("changes nothing when run again, and computes a day once it has settled", async () => {
    const before = await dump();
    expect(await runDueEpochs(database.db, { now: NOW })).toEqual({
      computed: 0,
      blocked: [],
      lastDay: null,
      isBusy: false,
    });
    expect(await dump()).toEqual(before);
    expect(await runDueEpochs(database.db, { now: LATER })).toEqual({
      computed: 1,
      blocked: [],
      lastDay: "2026-02-06",
      isBusy: false,
    });
    const after = await dump();
    expect(after.epochs.slice(0, 4)).toEqual(before.epochs);
    expect(after.entries.slice(0, before.entries.length)).toEqual(before.entries);
    expect(after.epochs.at(-1)).toMatchObject({ day: day(4), configVersion: 2 });
  });

  it("stops at maxEpochs and when aborted, and resumes where it stopped", async () => {
    const complete = await dump();
    await clearEpochs();
    const aborted = new AbortController();
    aborted.abort();
    expect(await runDueEpochs(database.db, { now: LATER, signal: aborted.signal })).toEqual({
      computed: 0,
      blocked: [],
      lastDay: null,
      isBusy: false,
    });
    expect(await runDueEpochs(database.db, { now: LATER, maxEpochs: 2 })).toEqual({
      computed: 2,
      blocked: [],
      lastDay: "2026-02-03",
      isBusy: false,
    });
    expect(await runDueEpochs(database.db, { now: LATER })).toEqual({
      computed: 3,
      blocked: [],
      lastDay: "2026-02-06",
      isBusy: false,
    });
    const resumed = await dump();
    expect(resumed.entries.map(({ rating, rewardMicro }) => ({ rating, rewardMicro }))).toEqual(
      complete.entries.map(({ rating, rewardMicro }) => ({ rating, rewardMicro })),
    );
  });

  it("stores the same rows without an error when a worker and an admin command race", async () => {
    await clearEpochs();
    await runDueEpochs(database.db, { now: LATER });
    const sequential = await dump();
    await clearEpochs();
    // A second client, as a second process has: one client's transactions would only queue behind each other.
    const other = createDb(database.target);
    await prepareDb(other);
    try {
      const results = await Promise.all([
        runDueEpochs(database.db, { now: LATER }),
        runDueEpochs(other, { now: LATER }),
      ]);
      expect(results[0]!.computed + results[1]!.computed).toBe(5);
    } finally {
      await other.$disconnect();
    }
    expect(await dump()).toEqual(sequential);
  });
});

/** The stored epoch of `n` recomputed from loadLatestEpochInputs, beside what was stored. */
async function replayNewest(n: number) {
  const inputs = await loadLatestEpochInputs(database.db);
  expect(inputs?.day).toEqual(day(n));
  const result = computeEpoch({
    day: inputs!.day,
    params: epochRewardParams(inputs!.params),
    nodes: inputs!.nodes,
  });
  const [epoch, stored] = await Promise.all([
    database.db.epoch.findUniqueOrThrow({ where: { day: day(n) } }),
    database.db.rewardLedgerEntry.findMany({ where: { day: day(n) }, orderBy: { nodeId: "asc" } }),
  ]);
  return { inputs: inputs!, result, epoch, stored };
}

describe("loadLatestEpochInputs", () => {
  it("rebuilds the newest epoch's inputs from its ledger, which compute to it even after late telemetry", async () => {
    // Late telemetry and peer reports change the rollups, not the ledger the replay reads.
    await database.db.nodeDailyRollup.updateMany({
      where: { day: day(4) },
      data: { uptimeSeconds: 600, bytesUp: 50n * GB },
    });
    await database.db.nodePeerDayTraffic.deleteMany({ where: { day: day(4) } });
    const { inputs, result, stored } = await replayNewest(4);
    expect(inputs.params["reward.perGbUploaded"]).toBe(2);
    expect(inputs.nodes.find((node) => node.nodeId === ids.veteran)?.usage).toMatchObject({
      bytesUp: 5n * GB,
      corroboratedBytesUp: GB,
    });
    // Compared to 1e-12: SQLite hands REAL columns back rounded to 15 significant digits.
    expect(result.nodes).toHaveLength(stored.length);
    for (const [index, node] of result.nodes.entries()) {
      const entry = stored[index]!;
      expect(node).toMatchObject({
        nodeId: entry.nodeId,
        classification: entry.classification,
        bytesUp: entry.bytesUp,
        corroboratedBytesUp: entry.corroboratedBytesUp,
        paidBytesUp: entry.paidBytesUp,
        unscaledMicro: entry.unscaledMicro,
        rewardMicro: entry.rewardMicro,
      });
      expect(node.ratingBefore).toBeCloseTo(entry.ratingBefore, 12);
      expect(node.rating).toBeCloseTo(entry.rating, 12);
    }
  });

  it("replays every stored epoch exactly from its ledger, newest first", async () => {
    for (const n of [4, 3, 2, 1, 0]) {
      const { result, epoch, stored } = await replayNewest(n);
      expect(result).toMatchObject({
        bytesUp: epoch.bytesUp,
        corroboratedBytesUp: epoch.corroboratedBytesUp,
        paidBytesUp: epoch.paidBytesUp,
        unscaledMicro: epoch.unscaledMicro,
        paidMicro: epoch.paidMicro,
        paidNodes: epoch.paidNodes,
        freeRiders: epoch.freeRiders,
        freeRidersInGrace: epoch.freeRidersInGrace,
      });
      expect(
        result.nodes.map(({ nodeId, paidBytesUp, rewardMicro }) => [nodeId, paidBytesUp, rewardMicro]),
      ).toEqual(stored.map(({ nodeId, paidBytesUp, rewardMicro }) => [nodeId, paidBytesUp, rewardMicro]));
      // The ledger lines go with their epoch, so the day before becomes the newest.
      await database.db.epoch.delete({ where: { day: day(n) } });
    }
    expect(await loadLatestEpochInputs(database.db)).toBeNull();
  });
});

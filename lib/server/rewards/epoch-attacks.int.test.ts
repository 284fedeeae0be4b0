/**
 * The epoch half of the overflow attack (issue #15). Before: 1,029 maximum-size reports pushed a day's sums
 * past int64, the epoch job failed on every run, and as it always computes the oldest missing day first, no
 * later epoch was ever paid. Now: reports are bounded (service.maxMbps), so 10,000 of the largest plausible
 * ones into one hour still compute to exact totals and pay; a day whose stored figures cannot fit (a
 * corrupted or legacy database) is stored Blocked with its reason, later days are paid, and after a repair
 * `rerunBlockedEpoch` (npm run admin -- rerun-epoch) computes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxBytes } from "@/lib/domain/node-protocol/telemetry-plausibility";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { STORED_BIGINT_MAX } from "@/lib/domain/rewards/compute-epoch";
import { Prisma } from "@/lib/generated/prisma/client";
import { recomputeRollups } from "@/lib/domain/metrics/telemetry-rollup";
import { createDb, databaseKind, prepareDb } from "@/lib/server/platform/db";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { runDueEpochs } from "@/lib/server/rewards/compute-epochs";
import { loadLatestEpochInputs } from "@/lib/server/rewards/epoch-input-queries";
import { rerunBlockedEpoch } from "@/lib/server/rewards/rerun-epoch";
import { getFreeRiders } from "@/lib/server/stats/contribution-queries";
import { getRewards } from "@/lib/server/stats/earnings-queries";
import { addSampleToRollups, insertRollups } from "@/lib/server/telemetry/rollup-commands";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const GB = 1_000_000_000n;
const T0 = new Date("2026-03-02T00:00:00.000Z");
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);
/** A moment when days 0 … n are complete epochs and day n + 1 is not. */
const after = (n: number) => new Date(day(n + 1).getTime() + 30 * 60_000);
const dayText = (n: number) => day(n).toISOString().slice(0, 10);
const isSqlite = process.env.PLENUM_TEST_POSTGRES_URL === undefined;

/** The most a 60-second report may claim at the default service.maxMbps (1,000 Mbit/s). */
const MAX_REPORT_BYTES = maxBytes(60, defaultParameterValues()["service.maxMbps"]);
const REPORTS = 10_000;

const NETWORK = {
  attacker: "203.0.113.0/24",
  colluder: "203.0.113.0/24",
  bound: "203.0.113.0/24",
  honestA: "198.51.100.0/24",
  honestB: "192.0.2.0/24",
} as const;
type NodeName = keyof typeof NETWORK;

let database: TestDatabase;
const ids = {} as Record<NodeName, string>;

function report(
  name: NodeName,
  at: Date,
  { bytesUp, bytesDown, windowSeconds = 60 }: { bytesUp: bigint; bytesDown: bigint; windowSeconds?: number },
) {
  return {
    nodeId: ids[name],
    at,
    windowSeconds,
    uptimeSeconds: windowSeconds,
    bytesUp,
    bytesDown,
    peers: 8,
    medianLatencyMs: 40,
    clusterPrefix: NETWORK[name],
  };
}

/** Adds samples to the rollups exactly as accepted reports do. */
async function addToRollups(samples: readonly ReturnType<typeof report>[]) {
  await database.db.$transaction(async (tx) => {
    for (const sample of samples) await addSampleToRollups(tx, sample);
  });
}

/** `from` says it sent `bytes` to `to` on day `n`; `to` says it received `received` of them. */
async function exchange(from: NodeName, to: NodeName, n: number, bytes: bigint, received = bytes) {
  await database.db.nodePeerDayTraffic.createMany({
    data: [
      { nodeId: ids[from], day: day(n), peerNodeId: ids[to], bytesUp: bytes, bytesDown: 0n },
      ...(received > 0n
        ? [{ nodeId: ids[to], day: day(n), peerNodeId: ids[from], bytesUp: 0n, bytesDown: received }]
        : []),
    ],
  });
}

/** Day `n` of a quiet network: A serves B 2 GB and B serves A 1 GB, each confirmed by the other. */
async function quietDay(n: number) {
  const noon = new Date(day(n).getTime() + 12 * HOUR_MS);
  await addToRollups([
    report("honestA", noon, { bytesUp: 2n * GB, bytesDown: GB, windowSeconds: 86_400 }),
    report("honestB", noon, { bytesUp: GB, bytesDown: 2n * GB, windowSeconds: 86_400 }),
  ]);
  await database.db.nodePeerDayTraffic.createMany({
    data: [
      { nodeId: ids.honestA, day: day(n), peerNodeId: ids.honestB, bytesUp: 2n * GB, bytesDown: GB },
      { nodeId: ids.honestB, day: day(n), peerNodeId: ids.honestA, bytesUp: GB, bytesDown: 2n * GB },
    ],
  });
}

/** Two daily rows written directly, as a corrupted or legacy database holds them: each fits, their sum does not. */
async function insertOverflowingDay(n: number) {
  await database.db.nodeDailyRollup.createMany({
    data: (["honestA", "honestB"] as const).map((name) => ({
      nodeId: ids[name],
      day: day(n),
      samples: 1,
      windowSeconds: 86_400,
      uptimeSeconds: 86_400,
      bytesUp: 5_000_000_000_000_000_000n,
      bytesDown: 0n,
      latencyMsSeconds: 0n,
      peerSeconds: 0n,
    })),
  });
}

async function ledger(n: number) {
  return database.db.rewardLedgerEntry.findMany({ where: { day: day(n) }, orderBy: { nodeId: "asc" } });
}

async function entry(name: NodeName, n: number) {
  return database.db.rewardLedgerEntry.findUnique({
    where: { day_nodeId: { day: day(n), nodeId: ids[name] } },
  });
}

async function dump() {
  const [epochs, entries] = await Promise.all([
    database.db.epoch.findMany({ orderBy: { day: "asc" } }),
    database.db.rewardLedgerEntry.findMany({ orderBy: [{ day: "asc" }, { nodeId: "asc" }] }),
  ]);
  return { epochs, entries };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Epoch attacks", now: day(-40) });
  const operator = await database.db.operator.create({
    data: { displayName: "Attack operator", email: "attacks@example.test" },
    select: { id: true },
  });
  for (const name of Object.keys(NETWORK) as NodeName[]) {
    const node = await database.db.node.create({
      data: {
        operatorId: operator.id,
        name,
        nameSearch: name.toLowerCase(),
        publicKey: `attack-key-${name}`,
        region: "eu-west",
        firstReportedAt: day(-30),
      },
      select: { id: true },
    });
    ids[name] = node.id;
  }
});
afterAll(async () => {
  await database.drop();
});

describe("10,000 maximum plausible reports into one hour", () => {
  it("leave exact sums, and the day's epoch is computed and pays", async () => {
    expect(MAX_REPORT_BYTES).toBe(7_500_000_000n);
    const hour = new Date(day(0).getTime() + 10 * HOUR_MS);
    // An upper bound: each report credited its full 60-second window (the platform would credit less).
    const flood = Array.from({ length: REPORTS }, (_, index) =>
      report("attacker", new Date(hour.getTime() + (index % 3_600) * 1_000), {
        bytesUp: MAX_REPORT_BYTES,
        bytesDown: MAX_REPORT_BYTES,
      }),
    );
    // Written as `rollups rebuild` stores them (the same rows the reports add one by one, which
    // rollup-commands' tests hold equal; one by one, 10,000 take minutes on PostgreSQL).
    await insertRollups(database.db, recomputeRollups(flood), {
      isPostgres: databaseKind(database.db) === "postgres",
    });
    // One report exactly at the bound, and a partner in the attacker's own network vouching for it.
    await addToRollups([
      report("bound", hour, { bytesUp: MAX_REPORT_BYTES, bytesDown: 0n }),
      report("colluder", hour, { bytesUp: 0n, bytesDown: 5n * GB }),
    ]);
    await exchange("attacker", "colluder", 0, 5n * GB);
    // An honest node the attacker says it served does not confirm it.
    await exchange("attacker", "honestA", 0, MAX_REPORT_BYTES, 0n);
    await quietDay(0);

    const claimed = BigInt(REPORTS) * MAX_REPORT_BYTES;
    expect(claimed).toBe(75_000_000_000_000n);
    const rollup = await database.db.nodeDailyRollup.findUniqueOrThrow({
      where: { nodeId_day: { nodeId: ids.attacker, day: day(0) } },
    });
    expect(rollup).toMatchObject({ samples: REPORTS, bytesUp: claimed, bytesDown: claimed });

    expect(await runDueEpochs(database.db, { now: after(0) })).toEqual({
      computed: 1,
      blocked: [],
      lastDay: dayText(0),
      isBusy: false,
    });
    // Half of unconfirmed traffic is paid (reward.uncorroboratedWeight 0.5): 37,500,000,000,000 bytes.
    expect(await entry("attacker", 0)).toMatchObject({
      bytesUp: claimed,
      corroboratedBytesUp: 0n,
      paidBytesUp: 37_500_000_000_000n,
      clusterPrefix: NETWORK.attacker,
      // Paid up ÷ down is exactly 0.5, the minimum share ratio: not a free-rider.
      classification: "Contributor",
      unscaledMicro: 37_502_000_000n,
      rewardMicro: 37_502_000_000n,
    });
    // At the bound, with no peer confirmation, the node is paid the weight times its bytes.
    expect(await entry("bound", 0)).toMatchObject({
      bytesUp: 7_500_000_000n,
      corroboratedBytesUp: 0n,
      paidBytesUp: 3_750_000_000n,
      rewardMicro: 3_750_000n,
    });
    expect(await entry("honestA", 0)).toMatchObject({
      corroboratedBytesUp: 2n * GB,
      paidBytesUp: 2n * GB,
      rewardMicro: 4_000_000n,
    });
    expect(await entry("honestB", 0)).toMatchObject({ corroboratedBytesUp: GB, paidBytesUp: GB });
    const epoch = await database.db.epoch.findUniqueOrThrow({ where: { day: day(0) } });
    expect(epoch).toMatchObject({
      status: "Computed",
      blockedReason: null,
      bytesUp: claimed + 7_500_000_000n + 3n * GB,
      corroboratedBytesUp: 3n * GB,
      paidBytesUp: 37_500_000_000_000n + 3_750_000_000n + 3n * GB,
      unscaledMicro: 37_502_000_000n + 3_750_000n + 4_000_000n + 3_000_000n,
      scale: 1,
    });
    expect(epoch.paidMicro).toBe(epoch.unscaledMicro);
  });
});

describe("a day whose figures cannot be stored", () => {
  it("is stored Blocked with its reason, and the next day is computed and paid", async () => {
    await insertOverflowingDay(1);
    await quietDay(2);

    const reason = `The epoch of ${dayText(1)} cannot be computed: the day's total of claimed bytes served (Epoch.bytesUp) comes to 10,000,000,000,000,000,000, more than a stored figure can hold (at most 9,223,372,036,854,775,807, which is 2^63 − 1). Repair that day's telemetry rollups (NodeDailyRollup), then run \`npm run admin -- rerun-epoch ${dayText(1)}\`.`;
    expect(await runDueEpochs(database.db, { now: after(2) })).toEqual({
      computed: 1,
      blocked: [{ day: dayText(1), reason }],
      lastDay: dayText(2),
      isBusy: false,
    });
    expect(await database.db.epoch.findUniqueOrThrow({ where: { day: day(1) } })).toMatchObject({
      status: "Blocked",
      blockedReason: reason,
      nodes: 0,
      paidNodes: 0,
      paidMicro: 0n,
      bytesUp: 0n,
      paidBytesUp: 0n,
    });
    expect(await ledger(1)).toEqual([]);
    expect(await database.db.epoch.findUniqueOrThrow({ where: { day: day(2) } })).toMatchObject({
      status: "Computed",
      paidNodes: 2,
    });
    // Ratings carry on from day 0: the blocked day rated nobody.
    const [ratedBefore, ratedAfter] = await Promise.all([entry("honestA", 0), entry("honestA", 2)]);
    expect(ratedAfter!.rewardMicro).toBe(4_000_000n);
    expect(ratedAfter!.ratingBefore).toBeCloseTo(ratedBefore!.rating, 12);
    // What reads the newest epoch, and the rewards and free-rider charts, skip the blocked day.
    expect((await loadLatestEpochInputs(database.db))?.day).toEqual(day(2));
    const rewards = await getRewards(database.db, { from: null, period: "since the start" });
    expect(rewards.epochs.map((epoch) => epoch.day)).toEqual([day(0).getTime(), day(2).getTime()]);
    const freeRiders = await getFreeRiders(database.db, { from: null });
    expect(freeRiders.epochs.map((epoch) => epoch.day)).toEqual([day(0).getTime(), day(2).getTime()]);
  });

  it("stores nothing new when run again", async () => {
    const before = await dump();
    expect(await runDueEpochs(database.db, { now: after(2) })).toEqual({
      computed: 0,
      blocked: [],
      lastDay: null,
      isBusy: false,
    });
    expect(await dump()).toEqual(before);
  });

  it("stays blocked, with the new reason, when re-run before a repair", async () => {
    const now = new Date(after(2).getTime() + HOUR_MS);
    await database.db.nodeDailyRollup.update({
      where: { nodeId_day: { nodeId: ids.honestB, day: day(1) } },
      data: { bytesUp: STORED_BIGINT_MAX },
    });
    const rerun = await rerunBlockedEpoch(database.db, { day: day(1), now });
    expect(rerun).toMatchObject({ status: "Blocked", day: dayText(1) });
    expect(rerun.status === "Blocked" && rerun.reason).toContain("comes to 14,223,372,036,854,775,807");
    expect(await database.db.epoch.findUniqueOrThrow({ where: { day: day(1) } })).toMatchObject({
      status: "Blocked",
      computedAt: now,
      blockedReason: rerun.status === "Blocked" ? rerun.reason : null,
    });
    expect(await ledger(1)).toEqual([]);
  });

  it("is computed by a re-run after the repair, leaving later epochs as they were paid", async () => {
    const later = await Promise.all([
      database.db.epoch.findUniqueOrThrow({ where: { day: day(2) } }),
      ledger(2),
    ]);
    await database.db.nodeDailyRollup.updateMany({ where: { day: day(1) }, data: { bytesUp: 3n * GB } });
    const now = new Date(after(2).getTime() + 2 * HOUR_MS);
    expect(await rerunBlockedEpoch(database.db, { day: day(1), now })).toEqual({
      status: "Computed",
      day: dayText(1),
      nodes: 5,
      paidNodes: 2,
      // Each: half of 3 GB nobody confirmed + the uptime bonus.
      paidMicro: 2n * 3_500_000n,
    });
    expect(await database.db.epoch.findUniqueOrThrow({ where: { day: day(1) } })).toMatchObject({
      status: "Computed",
      blockedReason: null,
      computedAt: now,
      bytesUp: 6n * GB,
      paidBytesUp: 3n * GB,
    });
    const [honestA, honestAYesterday] = await Promise.all([entry("honestA", 1), entry("honestA", 0)]);
    expect(honestA).toMatchObject({ paidBytesUp: 1_500_000_000n, rewardMicro: 3_500_000n });
    expect(honestA!.ratingBefore).toBeCloseTo(honestAYesterday!.rating, 12);
    expect(
      await Promise.all([database.db.epoch.findUniqueOrThrow({ where: { day: day(2) } }), ledger(2)]),
    ).toEqual(later);
  });

  it("refuses to re-run a computed epoch, or a day without one, saying why", async () => {
    await expect(rerunBlockedEpoch(database.db, { day: day(1), now: after(3) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(
        "a computed epoch is never re-run, because payouts never change once made",
      ),
    });
    await expect(rerunBlockedEpoch(database.db, { day: day(9), now: after(9) })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining(`No epoch is stored for ${dayText(9)}`),
    });
  });

  it("is stored once, without an error, when two workers meet it together", async () => {
    await insertOverflowingDay(3);
    await quietDay(4);
    const other = createDb(database.target);
    await prepareDb(other);
    try {
      const results = await Promise.all([
        runDueEpochs(database.db, { now: after(4) }),
        runDueEpochs(other, { now: after(4) }),
      ]);
      expect(results.flatMap((result) => result.blocked.map((blocked) => blocked.day))).toEqual([dayText(3)]);
      expect(results[0]!.computed + results[1]!.computed).toBe(1);
    } finally {
      await other.$disconnect();
    }
    const epochs = await database.db.epoch.findMany({
      where: { day: { gte: day(3) } },
      orderBy: { day: "asc" },
    });
    expect(epochs.map(({ status }) => status)).toEqual(["Blocked", "Computed"]);
  });

  it.skipIf(!isSqlite)(
    "blocks a day whose SQLite rollup holds a REAL past int64 (a legacy database)",
    async () => {
      await quietDay(5);
      // The database: a sum that overflowed on SQLite was stored as REAL 1.8e19.
      await database.db.nodeDailyRollup.update({
        where: { nodeId_day: { nodeId: ids.honestA, day: day(5) } },
        data: { bytesUp: 9_000_000_000_000_000_000n },
      });
      await database.db.$executeRaw(
        Prisma.sql`UPDATE "NodeDailyRollup" SET "bytesUp" = "bytesUp" + 9000000000000000000 WHERE "day" = ${day(5)} AND "nodeId" = ${ids.honestA}`,
      );
      await quietDay(6);
      const result = await runDueEpochs(database.db, { now: after(6) });
      expect(result).toMatchObject({ computed: 1, lastDay: dayText(6) });
      expect(result.blocked).toEqual([
        {
          day: dayText(5),
          reason: expect.stringContaining(
            `node ${ids.honestA}'s claimed bytes served (bytesUp) comes to 18,000,000,000,000,000,000`,
          ),
        },
      ]);
      expect(await entry("honestA", 6)).toMatchObject({ rewardMicro: 4_000_000n });
    },
  );
});

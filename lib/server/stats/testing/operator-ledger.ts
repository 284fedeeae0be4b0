import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type { Db } from "@/lib/server/platform/db";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { issueConfigVersion } from "../../governance/issue-config-version";
import { ensurePlatform } from "../../platform/ensure-platform";

export const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY_MS = 86_400_000;
export const DAY = {
  latest: new Date("2026-11-24T00:00:00.000Z"),
  inWeek: new Date("2026-11-20T00:00:00.000Z"),
  inMonth: new Date("2026-11-10T00:00:00.000Z"),
  old: new Date("2026-10-01T00:00:00.000Z"),
};
const MICRO = 1_000_000n;

/** The seeded network: Ada's relay-a, -edge and old-a (Gone), Bob's relay-b, four epochs and their ledger. */
export interface OperatorLedger {
  database: TestDatabase;
  adaId: string;
  bobId: string;
  /** Node ids by name. */
  nodeIds: Record<string, string>;
}

async function insertNode(
  db: Db,
  nodeIds: Record<string, string>,
  operatorId: string,
  name: string,
  { status = "Active", reportedDaysAgo }: { status?: string; reportedDaysAgo: number },
) {
  const { id } = await db.node.create({
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
  db: Db,
  nodeId: string,
  day: Date,
  entry: { credits: number; ratingBefore: number; rating: number; classification?: string },
) {
  const { operatorId } = await db.node.findUniqueOrThrow({
    where: { id: nodeId },
    select: { operatorId: true },
  });
  const rewardMicro = BigInt(Math.round(entry.credits * 1_000_000));
  await db.rewardLedgerEntry.create({
    data: {
      day,
      nodeId,
      operatorId,
      uptimeSeconds: 86_400,
      bytesUp: 2_000_000_000n,
      corroboratedBytesUp: 1_000_000_000n,
      paidBytesUp: 1_500_000_000n,
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

async function insertRollup(db: Db, nodeId: string, day: Date, uptimeSeconds: number, bytesUp: bigint) {
  await db.nodeDailyRollup.create({
    data: {
      nodeId,
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

/** A fresh database holding the OperatorLedger network; drop it after the tests. */
export async function createOperatorLedger(): Promise<OperatorLedger> {
  const database = await createTestDatabase();
  const { db } = database;
  const nodeIds: Record<string, string> = {};
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
  const adaId = await insertOperator("Ada Stats");
  const bobId = await insertOperator("Bob Stats");

  await insertNode(db, nodeIds, adaId, "relay-a", { reportedDaysAgo: 60 });
  await insertNode(db, nodeIds, adaId, "-edge", { reportedDaysAgo: 2 });
  await insertNode(db, nodeIds, adaId, "old-a", { status: "Gone", reportedDaysAgo: 50 });
  await insertNode(db, nodeIds, bobId, "relay-b", { reportedDaysAgo: 60 });
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
  await insertEntry(db, nodeIds["relay-a"]!, DAY.old, { credits: 1, ratingBefore: 0.3, rating: 0.35 });
  await insertEntry(db, nodeIds["relay-a"]!, DAY.inMonth, { credits: 2, ratingBefore: 0.35, rating: 0.4 });
  await insertEntry(db, nodeIds["relay-a"]!, DAY.inWeek, { credits: 3, ratingBefore: 0.4, rating: 0.45 });
  await insertEntry(db, nodeIds["relay-a"]!, DAY.latest, { credits: 4, ratingBefore: 0.45, rating: 0.5 });
  await insertEntry(db, nodeIds["-edge"]!, DAY.latest, {
    credits: 0.5,
    ratingBefore: 0.2,
    rating: 0.25,
    classification: "FreeRider",
  });
  await insertEntry(db, nodeIds["old-a"]!, DAY.inMonth, { credits: 1.5, ratingBefore: 0.6, rating: 0.6 });
  await insertEntry(db, nodeIds["relay-b"]!, DAY.inWeek, { credits: 10, ratingBefore: 0.9, rating: 0.9 });
  await insertEntry(db, nodeIds["relay-b"]!, DAY.latest, { credits: 10, ratingBefore: 0.9, rating: 0.95 });

  await insertRollup(db, nodeIds["relay-a"]!, DAY.old, 86_400, 5_000_000_000n);
  await insertRollup(db, nodeIds["relay-a"]!, DAY.inWeek, 43_200, 1_000_000_000n);
  await insertRollup(db, nodeIds["relay-a"]!, DAY.latest, 86_400, 2_000_000_000n);
  await insertRollup(db, nodeIds["-edge"]!, DAY.latest, 21_600, 500_000_000n);
  await insertRollup(db, nodeIds["relay-b"]!, DAY.latest, 86_400, 9_000_000_000n);
  return { database, adaId, bobId, nodeIds };
}

/** An operator with `nodeCount` nodes, each with a ledger entry on DAY.inWeek and DAY.latest; returns its id. */
export async function insertOperatorWithManyNodes(db: Db, nodeCount: number): Promise<string> {
  const manyId = (
    await db.operator.create({
      data: { displayName: "Many Nodes", email: "many.nodes@example.test" },
      select: { id: true },
    })
  ).id;
  const names = Array.from({ length: nodeCount }, (_, index) => `many-${String(index).padStart(4, "0")}`);
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
  return manyId;
}

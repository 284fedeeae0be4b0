import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  computeEpoch,
  epochRewardParams,
  type EpochNodeInput,
  type EpochResult,
} from "@/lib/domain/rewards/compute-epoch";
import { isEpochDue } from "@/lib/domain/rewards/epoch-schedule";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbOrTransaction, DbTransaction } from "@/lib/server/platform/db";
import { isLockContention, isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { latestLedgerEntries } from "./reward-ledger-queries";

const DAY_MS = 86_400_000;
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 120_000 } as const;

const USAGE_FIELDS = {
  nodeId: true,
  uptimeSeconds: true,
  windowSeconds: true,
  bytesUp: true,
  bytesDown: true,
  latencyMsSeconds: true,
} as const;

type UsageRow = { nodeId: string } & NonNullable<EpochNodeInput["usage"]>;

function usageByNode(rows: readonly UsageRow[]): Map<string, EpochNodeInput["usage"]> {
  return new Map(rows.map(({ nodeId, ...usage }) => [nodeId, usage]));
}

/** The config version in force when `day` began: the newest activated by then, else the first one. */
async function configInForce(
  db: DbOrTransaction,
  day: Date,
): Promise<{ version: number; params: ParameterValues }> {
  const row =
    (await db.configVersion.findFirst({
      where: { activatedAt: { lte: day } },
      orderBy: { version: "desc" },
      select: { version: true, envelope: true },
    })) ??
    (await db.configVersion.findFirst({
      orderBy: { version: "asc" },
      select: { version: true, envelope: true },
    }));
  if (!row) {
    throw new DomainError(
      "NOT_READY",
      "No config version exists yet, so epochs cannot be computed: run `npm start` so the platform creates config version 1.",
    );
  }
  return { version: row.version, params: parseConfigEnvelope(row.envelope).params };
}

/** Each node's rating from its latest ledger entry before `day` (absent for nodes never rated). */
async function previousRatings(
  db: DbOrTransaction,
  day: Date,
  nodeIds: readonly string[],
): Promise<Map<string, number>> {
  const previous = await db.epoch.findFirst({
    where: { day: { lt: day } },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  if (!previous) return new Map();
  const latest = await db.rewardLedgerEntry.findMany({
    where: { day: previous.day },
    select: { nodeId: true, rating: true },
  });
  const ratings = new Map(latest.map((entry) => [entry.nodeId, entry.rating]));
  const missing = nodeIds.filter((nodeId) => !ratings.has(nodeId));
  // Nodes absent from the previous epoch (new, or back after a silent spell) keep their newest rating, if any.
  for (const entry of await latestLedgerEntries(db, { nodeIds: missing, before: previous.day })) {
    ratings.set(entry.nodeId, entry.rating);
  }
  return ratings;
}

/**
 * Every node that had reported by the end of `day` and is not gone, or is gone but served that day (has
 * its rollup), with its usage that day and its rating.
 */
async function loadEpochInputs(db: DbOrTransaction, day: Date): Promise<EpochNodeInput[]> {
  const [nodes, rollups] = await Promise.all([
    db.node.findMany({
      where: {
        firstReportedAt: { lt: new Date(day.getTime() + DAY_MS) },
        OR: [{ status: { not: "Gone" } }, { dailyRollups: { some: { day } } }],
      },
      orderBy: { id: "asc" },
      select: { id: true, operatorId: true, firstReportedAt: true },
    }),
    db.nodeDailyRollup.findMany({ where: { day }, select: USAGE_FIELDS }),
  ]);
  const ratings = await previousRatings(
    db,
    day,
    nodes.map((node) => node.id),
  );
  const usage = usageByNode(rollups);
  return nodes.map((node) => ({
    nodeId: node.id,
    operatorId: node.operatorId,
    firstReportedAt: node.firstReportedAt,
    previousRating: ratings.get(node.id) ?? 0,
    usage: usage.get(node.id) ?? null,
  }));
}

/** The day after the newest stored epoch, or the day of the earliest rollup; null without rollups. */
async function nextEpochDay(db: DbOrTransaction): Promise<Date | null> {
  const newest = await db.epoch.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  if (newest) return new Date(newest.day.getTime() + DAY_MS);
  const earliest = await db.nodeDailyRollup.findFirst({ orderBy: { day: "asc" }, select: { day: true } });
  return earliest ? new Date(Math.floor(earliest.day.getTime() / DAY_MS) * DAY_MS) : null;
}

async function insertEpoch(
  tx: DbTransaction,
  {
    result,
    configVersion,
    inputs,
    now,
  }: { result: EpochResult; configVersion: number; inputs: EpochNodeInput[]; now: Date },
): Promise<void> {
  await tx.epoch.create({
    data: {
      day: result.day,
      configVersion,
      computedAt: now,
      nodes: result.nodes.length,
      paidNodes: result.paidNodes,
      freeRiders: result.freeRiders,
      freeRidersInGrace: result.freeRidersInGrace,
      emissionCapMicro: result.emissionCapMicro,
      unscaledMicro: result.unscaledMicro,
      paidMicro: result.paidMicro,
      scale: result.scale,
      bytesUp: result.bytesUp,
    },
    select: { day: true },
  });
  const usage = new Map(inputs.map((input) => [input.nodeId, input.usage]));
  await tx.rewardLedgerEntry.createMany({
    data: result.nodes.map((node) => {
      const nodeUsage = usage.get(node.nodeId);
      return {
        day: result.day,
        nodeId: node.nodeId,
        operatorId: node.operatorId,
        uptimeSeconds: nodeUsage?.uptimeSeconds ?? 0,
        windowSeconds: nodeUsage?.windowSeconds ?? 0,
        bytesUp: nodeUsage?.bytesUp ?? 0n,
        bytesDown: nodeUsage?.bytesDown ?? 0n,
        latencyMsSeconds: nodeUsage?.latencyMsSeconds ?? 0n,
        classification: node.classification,
        unscaledMicro: node.unscaledMicro,
        rewardMicro: node.rewardMicro,
        speed: node.speed,
        reliability: node.reliability,
        contribution: node.contribution,
        score: node.score,
        ratingBefore: node.ratingBefore,
        rating: node.rating,
      };
    }),
  });
}

type EpochOutcome = { kind: "stored"; day: Date } | { kind: "none" } | { kind: "taken" } | { kind: "busy" };

/** Computes and stores the next due epoch in one transaction; another worker's epoch or lock is reported, not thrown. */
async function storeNextEpoch(db: Db, now: Date): Promise<EpochOutcome> {
  try {
    return await db.$transaction(async (tx): Promise<EpochOutcome> => {
      // SQLite: a write first takes the write lock up front, so a second worker waits here and then
      // reads the epochs the first one stored instead of failing later on a stale snapshot.
      await tx.$executeRaw(Prisma.sql`UPDATE "Epoch" SET "day" = "day" WHERE 1 = 0`);
      const day = await nextEpochDay(tx);
      if (!day || !isEpochDue({ day, now })) return { kind: "none" };
      const [config, inputs] = await Promise.all([configInForce(tx, day), loadEpochInputs(tx, day)]);
      const result = computeEpoch({ day, params: epochRewardParams(config.params), nodes: inputs });
      await insertEpoch(tx, { result, configVersion: config.version, inputs, now });
      return { kind: "stored", day };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    // PostgreSQL: a concurrent worker stored this epoch first; its rows stand.
    if (isUniqueViolation(error)) return { kind: "taken" };
    if (isLockContention(error)) return { kind: "busy" };
    throw error;
  }
}

/**
 * Computes, oldest first, every complete epoch (a UTC day ended at least 15 minutes before `now`) after the
 * newest stored one, up to `maxEpochs`; stops early when `signal` aborts or another worker holds the lock
 * (`isBusy`). Telemetry arriving after an epoch was computed lands in the rollups but not in that epoch's pay.
 */
export async function runDueEpochs(
  db: Db,
  { now, maxEpochs = 400, signal }: { now: Date; maxEpochs?: number; signal?: AbortSignal },
): Promise<{ computed: number; lastDay: string | null; isBusy: boolean }> {
  let computed = 0;
  let lastDay: string | null = null;
  for (let attempt = 0; attempt < maxEpochs && !signal?.aborted; attempt += 1) {
    const outcome = await storeNextEpoch(db, now);
    if (outcome.kind === "busy") return { computed, lastDay, isBusy: true };
    if (outcome.kind === "none") break;
    if (outcome.kind === "stored") {
      computed += 1;
      lastDay = outcome.day.toISOString().slice(0, 10);
    }
  }
  return { computed, lastDay, isBusy: false };
}

/**
 * The inputs of the newest stored epoch, rebuilt from its ledger alone (usage as the epoch read it,
 * previous rating = ratingBefore) with its config version's params; null before the first epoch.
 */
export async function loadLatestEpochInputs(
  db: DbOrTransaction,
): Promise<{ day: Date; nodes: EpochNodeInput[]; params: ParameterValues } | null> {
  const epoch = await db.epoch.findFirst({
    orderBy: { day: "desc" },
    select: { day: true, configVersion: true },
  });
  if (!epoch) return null;
  const [entries, config] = await Promise.all([
    db.rewardLedgerEntry.findMany({
      where: { day: epoch.day },
      orderBy: { nodeId: "asc" },
      select: {
        nodeId: true,
        operatorId: true,
        ratingBefore: true,
        uptimeSeconds: true,
        windowSeconds: true,
        bytesUp: true,
        bytesDown: true,
        latencyMsSeconds: true,
        node: { select: { firstReportedAt: true } },
      },
    }),
    db.configVersion.findUniqueOrThrow({
      where: { version: epoch.configVersion },
      select: { envelope: true },
    }),
  ]);
  return {
    day: epoch.day,
    params: parseConfigEnvelope(config.envelope).params,
    nodes: entries.map(({ nodeId, operatorId, ratingBefore, node, ...usage }) => ({
      nodeId,
      operatorId,
      firstReportedAt: node.firstReportedAt,
      previousRating: ratingBefore,
      // A node without a rollup that day was stored with an empty window; replaying it as such is the same.
      usage: usage.windowSeconds === 0 ? null : usage,
    })),
  };
}

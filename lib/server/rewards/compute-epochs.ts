import { isEpochDue } from "@/lib/domain/rewards/epoch-schedule";
import type { Db, DbOrTransaction } from "@/lib/server/platform/db";
import { isLockContention, isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import {
  blockedEpochFields,
  computeAndWrite,
  computedEpochFields,
  dayText,
  EPOCH_TRANSACTION_OPTIONS,
  EpochFailure,
  insertLedgerLines,
  takeEpochLock,
} from "./epoch-store";

const DAY_MS = 86_400_000;

/** The day after the newest stored epoch (computed or blocked), or the day of the earliest rollup; null without rollups. */
async function nextEpochDay(db: DbOrTransaction): Promise<Date | null> {
  const newest = await db.epoch.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  if (newest) return new Date(newest.day.getTime() + DAY_MS);
  const earliest = await db.nodeDailyRollup.findFirst({ orderBy: { day: "asc" }, select: { day: true } });
  return earliest ? new Date(Math.floor(earliest.day.getTime() / DAY_MS) * DAY_MS) : null;
}

type EpochOutcome =
  | { kind: "stored"; day: Date }
  | { kind: "blocked"; day: Date; reason: string }
  | { kind: "none" }
  | { kind: "taken" }
  | { kind: "busy" };

/** Another worker's epoch or lock is reported, not thrown. */
function concurrentOutcome(error: unknown): EpochOutcome {
  // PostgreSQL: a concurrent worker stored this epoch first; its rows stand.
  if (isUniqueViolation(error)) return { kind: "taken" };
  if (isLockContention(error)) return { kind: "busy" };
  throw error;
}

/** Stores the next epoch as Blocked, unless another worker stored that day meanwhile. */
async function storeBlockedEpoch(db: Db, failure: EpochFailure, now: Date): Promise<EpochOutcome> {
  try {
    return await db.$transaction(async (tx): Promise<EpochOutcome> => {
      await takeEpochLock(tx);
      if ((await nextEpochDay(tx))?.getTime() !== failure.day.getTime()) return { kind: "taken" };
      await tx.epoch.create({
        data: { day: failure.day, ...blockedEpochFields(failure, now) },
        select: { day: true },
      });
      return { kind: "blocked", day: failure.day, reason: failure.reason };
    }, EPOCH_TRANSACTION_OPTIONS);
  } catch (error) {
    return concurrentOutcome(error);
  }
}

/**
 * Computes and stores the next due epoch in one transaction; one that cannot be computed is stored
 * Blocked with its reason (in a second transaction: on PostgreSQL a failed statement ends the first).
 */
async function storeNextEpoch(db: Db, now: Date): Promise<EpochOutcome> {
  try {
    return await db.$transaction(async (tx): Promise<EpochOutcome> => {
      await takeEpochLock(tx);
      const day = await nextEpochDay(tx);
      if (!day || !isEpochDue({ day, now })) return { kind: "none" };
      await computeAndWrite(tx, day, async (computed) => {
        await tx.epoch.create({
          data: { day, ...computedEpochFields(computed, now) },
          select: { day: true },
        });
        await insertLedgerLines(tx, computed);
      });
      return { kind: "stored", day };
    }, EPOCH_TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof EpochFailure) return storeBlockedEpoch(db, error, now);
    return concurrentOutcome(error);
  }
}

/**
 * Computes, oldest first, every complete epoch (a UTC day ended at least 15 minutes before `now`) after the
 * newest stored one, up to `maxEpochs`; stops early when `signal` aborts or another worker holds the lock
 * (`isBusy`). An epoch that cannot be computed is stored Blocked (listed in `blocked`) and the next goes
 * on. Telemetry arriving after an epoch was computed lands in the rollups but not in that epoch's pay.
 */
export async function runDueEpochs(
  db: Db,
  { now, maxEpochs = 400, signal }: { now: Date; maxEpochs?: number; signal?: AbortSignal },
): Promise<{
  computed: number;
  blocked: { day: string; reason: string }[];
  lastDay: string | null;
  isBusy: boolean;
}> {
  let computed = 0;
  const blocked: { day: string; reason: string }[] = [];
  let lastDay: string | null = null;
  for (let attempt = 0; attempt < maxEpochs && !signal?.aborted; attempt += 1) {
    const outcome = await storeNextEpoch(db, now);
    if (outcome.kind === "busy") return { computed, blocked, lastDay, isBusy: true };
    if (outcome.kind === "none") break;
    if (outcome.kind === "stored") computed += 1;
    if (outcome.kind === "blocked") blocked.push({ day: dayText(outcome.day), reason: outcome.reason });
    if (outcome.kind === "stored" || outcome.kind === "blocked") lastDay = dayText(outcome.day);
  }
  return { computed, blocked, lastDay, isBusy: false };
}

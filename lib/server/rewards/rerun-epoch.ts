import { DomainError } from "@/lib/domain/errors";
import type { Db } from "@/lib/server/platform/db";
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

export type EpochRerun =
  | { status: "Computed"; day: string; nodes: number; paidNodes: number; paidMicro: bigint }
  | { status: "Blocked"; day: string; reason: string };

/**
 * Computes a Blocked epoch again (after a repair) and stores it Computed with its ledger lines, or, still
 * failing, stores the new reason. A computed epoch is refused (CONFLICT): its payouts never change. Ratings
 * carry on from the computed epoch before it; epochs computed after it keep the ratings they started from.
 */
export async function rerunBlockedEpoch(db: Db, { day, now }: { day: Date; now: Date }): Promise<EpochRerun> {
  try {
    return await db.$transaction(async (tx): Promise<EpochRerun> => {
      await takeEpochLock(tx);
      const epoch = await tx.epoch.findUnique({ where: { day }, select: { status: true, computedAt: true } });
      if (!epoch) {
        throw new DomainError(
          "NOT_FOUND",
          `No epoch is stored for ${dayText(day)}: only a day that was tried and blocked can be re-run. \`npm run admin -- epochs run\` computes every finished day not yet stored.`,
        );
      }
      if (epoch.status !== "Blocked") {
        throw new DomainError(
          "CONFLICT",
          `The epoch of ${dayText(day)} was computed at ${epoch.computedAt.toISOString()} and is not blocked: a computed epoch is never re-run, because payouts never change once made.`,
        );
      }
      const { result } = await computeAndWrite(tx, day, async (computed) => {
        await tx.epoch.update({
          where: { day },
          data: computedEpochFields(computed, now),
          select: { day: true },
        });
        await insertLedgerLines(tx, computed);
      });
      return {
        status: "Computed",
        day: dayText(day),
        nodes: result.nodes.length,
        paidNodes: result.paidNodes,
        paidMicro: result.paidMicro,
      };
    }, EPOCH_TRANSACTION_OPTIONS);
  } catch (error) {
    if (!(error instanceof EpochFailure)) throw error;
    // Only while still blocked: a rerun that succeeded meanwhile keeps its ledger.
    await db.epoch.updateMany({ where: { day, status: "Blocked" }, data: blockedEpochFields(error, now) });
    return { status: "Blocked", day: dayText(day), reason: error.reason };
  }
}

import type { DbOrTransaction } from "@/lib/server/platform/db";
import { deleteInBatches } from "@/lib/server/platform/delete-in-batches";

/** Raw telemetry samples are kept this long unless PLENUM_TELEMETRY_RETENTION_DAYS says otherwise. */
export const DEFAULT_TELEMETRY_RETENTION_DAYS = 7;
/** Rows deleted per statement: lowering the retention can leave millions to delete at once. */
export const PRUNE_BATCH_SIZE = 10_000;

/**
 * Forgets request signatures whose clock window has closed (no request carrying them can pass the
 * clock check any more) and raw telemetry samples older than the retention period (with the addresses
 * they came from) and the per-hour cluster counts of that age, in batches; the rollups made from them
 * are kept (an hour's cluster is decided long before: reports may arrive at most a day late).
 */
export async function pruneNodeRequestReplays(
  db: DbOrTransaction,
  {
    now,
    retentionDays = DEFAULT_TELEMETRY_RETENTION_DAYS,
    batchSize = PRUNE_BATCH_SIZE,
  }: { now: Date; retentionDays?: number; batchSize?: number },
): Promise<{ replaysDeleted: number; samplesDeleted: number; prefixCountsDeleted: number }> {
  const expired = { expiresAt: { lt: now } };
  const replaysDeleted = await deleteInBatches(
    (take) =>
      db.nodeRequestReplay
        .findMany({ where: expired, take, select: { signatureHash: true } })
        .then((rows) => rows.map((row) => ({ id: row.signatureHash }))),
    (ids) => db.nodeRequestReplay.deleteMany({ where: { signatureHash: { in: ids } } }),
    batchSize,
  );
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const old = { at: { lt: cutoff } };
  const samplesDeleted = await deleteInBatches(
    (take) => db.telemetrySample.findMany({ where: old, take, select: { id: true } }),
    (ids) => db.telemetrySample.deleteMany({ where: { id: { in: ids } } }),
    batchSize,
  );
  // Its primary key is three columns: one statement per hour (about one row per reporting node).
  let prefixCountsDeleted = 0;
  for (;;) {
    const hours = await db.nodeHourlyPrefixCount.findMany({
      where: { hourStart: { lt: cutoff } },
      distinct: ["hourStart"],
      take: 1,
      select: { hourStart: true },
    });
    if (hours.length === 0) break;
    const { count } = await db.nodeHourlyPrefixCount.deleteMany({
      where: { hourStart: { in: hours.map((hour) => hour.hourStart) } },
    });
    prefixCountsDeleted += count;
  }
  return { replaysDeleted, samplesDeleted, prefixCountsDeleted };
}

import type { DbOrTransaction } from "@/lib/server/db";

/** Raw telemetry samples are kept this long (rollups come with the stats issue). */
export const TELEMETRY_RETENTION_DAYS = 7;

/**
 * Forgets request signatures whose clock window has closed (no request carrying them can pass the
 * clock check any more) and telemetry samples older than the retention period.
 */
export async function pruneNodeRequestReplays(
  db: DbOrTransaction,
  { now }: { now: Date },
): Promise<{ replaysDeleted: number; samplesDeleted: number }> {
  const replays = await db.nodeRequestReplay.deleteMany({ where: { expiresAt: { lt: now } } });
  const retainedFrom = new Date(now.getTime() - TELEMETRY_RETENTION_DAYS * 86_400_000);
  const samples = await db.telemetrySample.deleteMany({ where: { at: { lt: retainedFrom } } });
  return { replaysDeleted: replays.count, samplesDeleted: samples.count };
}

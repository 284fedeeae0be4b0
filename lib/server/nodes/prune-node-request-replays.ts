import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { deleteInBatches } from "@/lib/server/platform/delete-in-batches";

/** Raw telemetry samples are kept this long unless PLENUM_TELEMETRY_RETENTION_DAYS says otherwise. */
export const DEFAULT_TELEMETRY_RETENTION_DAYS = 7;
/** Per-peer daily traffic is kept this long: epochs read it within days, the steward's pair view over a month. */
export const PEER_TRAFFIC_RETENTION_DAYS = 40;
/** Hourly presence is kept this long: longer than any voting eligibility window reads. */
export const PRESENCE_RETENTION_DAYS = 400;
/** Rows deleted per statement: lowering the retention can leave millions to delete at once. */
export const PRUNE_BATCH_SIZE = 10_000;

const DAY_MS = 86_400_000;

/**
 * Deletes the rows of `table` whose `timeColumn` is before `cutoff`, at most `batchSize` per statement
 * (each commits on its own), picked by their composite primary key `keyColumns`.
 */
async function deleteOlderInBatches(
  db: DbOrTransaction,
  {
    table,
    keyColumns,
    timeColumn,
    cutoff,
    batchSize,
  }: { table: string; keyColumns: string[]; timeColumn: string; cutoff: Date; batchSize: number },
): Promise<number> {
  const keys = Prisma.raw(keyColumns.map((column) => `"${column}"`).join(", "));
  let deleted = 0;
  for (;;) {
    const count = await db.$executeRaw(Prisma.sql`
      DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE (${keys}) IN (
        SELECT ${keys} FROM ${Prisma.raw(`"${table}"`)}
        WHERE ${Prisma.raw(`"${timeColumn}"`)} < ${cutoff} LIMIT ${batchSize})`);
    deleted += count;
    if (count < batchSize) return deleted;
  }
}

/**
 * Forgets request signatures whose clock window has closed (no request carrying them can pass the
 * clock check any more) and raw telemetry samples older than the retention period (with the addresses
 * they came from) and the per-hour cluster counts of that age, in batches; the rollups made from them
 * are kept (an hour's cluster is decided long before: reports may arrive at most a day late). Per-peer
 * daily traffic older than PEER_TRAFFIC_RETENTION_DAYS and hourly presence older than
 * PRESENCE_RETENTION_DAYS go too, so both tables stay bounded by the nodes times those periods.
 */
export async function pruneNodeRequestReplays(
  db: DbOrTransaction,
  {
    now,
    retentionDays = DEFAULT_TELEMETRY_RETENTION_DAYS,
    batchSize = PRUNE_BATCH_SIZE,
  }: { now: Date; retentionDays?: number; batchSize?: number },
): Promise<{
  replaysDeleted: number;
  samplesDeleted: number;
  prefixCountsDeleted: number;
  peerTrafficDeleted: number;
  presenceDeleted: number;
}> {
  const expired = { expiresAt: { lt: now } };
  const replaysDeleted = await deleteInBatches(
    (take) =>
      db.nodeRequestReplay
        .findMany({ where: expired, take, select: { signatureHash: true } })
        .then((rows) => rows.map((row) => ({ id: row.signatureHash }))),
    (ids) => db.nodeRequestReplay.deleteMany({ where: { signatureHash: { in: ids } } }),
    batchSize,
  );
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
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
  const peerTrafficDeleted = await deleteOlderInBatches(db, {
    table: "NodePeerDayTraffic",
    keyColumns: ["nodeId", "day", "peerNodeId"],
    timeColumn: "day",
    cutoff: new Date(now.getTime() - PEER_TRAFFIC_RETENTION_DAYS * DAY_MS),
    batchSize,
  });
  const presenceDeleted = await deleteOlderInBatches(db, {
    table: "NodeHourlyPresence",
    keyColumns: ["nodeId", "hourStart"],
    timeColumn: "hourStart",
    cutoff: new Date(now.getTime() - PRESENCE_RETENTION_DAYS * DAY_MS),
    batchSize,
  });
  return { replaysDeleted, samplesDeleted, prefixCountsDeleted, peerTrafficDeleted, presenceDeleted };
}

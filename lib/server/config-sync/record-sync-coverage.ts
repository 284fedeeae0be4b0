import { SYNC_STATUSES } from "@/lib/domain/sync/sync-status";
import type { Db } from "@/lib/server/platform/db";
import { refreshReportedOnlyStatuses } from "./node-sync-commands";

export const COVERAGE_RETENTION_MS = 90 * 24 * 60 * 60_000;
const MINUTE_MS = 60_000;

/**
 * Stores one SyncCoverageSample for the current minute (several workers write the same row) and
 * deletes samples older than 90 days. Coverage counts the nodes the worker delivers to (those with a
 * config endpoint), as the Sync page's "coverage now" does; the others get their status from telemetry first.
 */
export async function recordSyncCoverage(
  db: Db,
  { now }: { now: Date },
): Promise<{ nodes: number; synced: number; samplesDeleted: number }> {
  await refreshReportedOnlyStatuses(db, { now });
  const [latest, groups] = await Promise.all([
    db.configVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } }),
    db.nodeSync.groupBy({
      by: ["status"],
      where: { node: { is: { endpointUrl: { not: null } } } },
      _count: { _all: true },
    }),
  ]);
  const byStatus = Object.fromEntries(SYNC_STATUSES.map((status) => [status, 0]));
  for (const group of groups) byStatus[group.status] = group._count._all;
  const nodes = Object.entries(byStatus).reduce(
    (sum, [status, count]) => (status === "Gone" ? sum : sum + count),
    0,
  );
  const synced = byStatus.Synced ?? 0;
  const at = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const sample = { latestVersion: latest?.version ?? 0, nodes, synced, byStatus: JSON.stringify(byStatus) };
  await db.syncCoverageSample.upsert({
    where: { at },
    create: { at, ...sample },
    update: sample,
    select: { at: true },
  });
  const { count } = await db.syncCoverageSample.deleteMany({
    where: { at: { lt: new Date(now.getTime() - COVERAGE_RETENTION_MS) } },
  });
  return { nodes, synced, samplesDeleted: count };
}

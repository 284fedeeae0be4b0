import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db } from "@/lib/server/platform/db";

/** The WorkerLease a SQLite worker holds while it syncs: one worker at a time. */
export const SQLITE_SYNC_LEASE = "sync";

export interface LeaseOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
}

const PUSHABLE_NODE = { status: "Active", endpointUrl: { not: null }, webhookSecret: { not: null } } as const;

/** Takes (or renews) the SQLite singleton lease; false while another worker holds it. */
async function takeSqliteLease(db: Db, { workerId, now, leaseMs }: LeaseOptions): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + leaseMs);
  const renewed = await db.workerLease.updateMany({
    where: { name: SQLITE_SYNC_LEASE, OR: [{ owner: workerId }, { expiresAt: { lt: now } }] },
    data: { owner: workerId, expiresAt },
  });
  if (renewed.count === 1) return true;
  try {
    await db.workerLease.create({ data: { name: SQLITE_SYNC_LEASE, owner: workerId, expiresAt } });
    return true;
  } catch {
    return false;
  }
}

/**
 * Leases up to `batchSize` due NodeSync rows of nodes that can be pushed to. PostgreSQL: rows are
 * locked with FOR UPDATE SKIP LOCKED in a short transaction, so workers never claim the same row;
 * SQLite: only the holder of the singleton WorkerLease claims anything.
 */
export async function claimDueNodeSyncs(
  db: Db,
  options: LeaseOptions & { batchSize: number },
): Promise<string[]> {
  const { workerId, now, leaseMs, batchSize } = options;
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  if (databaseKind(db) === "sqlite") {
    if (!(await takeSqliteLease(db, options))) return [];
    const due = await db.nodeSync.findMany({
      where: {
        nextAttemptAt: { lte: now },
        status: { not: "Gone" },
        OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: workerId }],
        node: PUSHABLE_NODE,
      },
      orderBy: { nextAttemptAt: "asc" },
      take: batchSize,
      select: { nodeId: true },
    });
    const nodeIds = due.map((row) => row.nodeId);
    if (nodeIds.length > 0) {
      await db.nodeSync.updateMany({
        where: { nodeId: { in: nodeIds } },
        data: { leaseOwner: workerId, leaseExpiresAt },
      });
    }
    return nodeIds;
  }
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ nodeId: string }[]>(Prisma.sql`
      SELECT s."nodeId" FROM "NodeSync" s JOIN "Node" n ON n."id" = s."nodeId"
      WHERE s."nextAttemptAt" <= ${now} AND s."status" <> 'Gone'
        AND (s."leaseExpiresAt" IS NULL OR s."leaseExpiresAt" < ${now})
        AND n."status" = 'Active' AND n."endpointUrl" IS NOT NULL AND n."webhookSecret" IS NOT NULL
      ORDER BY s."nextAttemptAt"
      LIMIT ${batchSize}
      FOR UPDATE OF s SKIP LOCKED`);
    const nodeIds = rows.map((row) => row.nodeId);
    if (nodeIds.length > 0) {
      await tx.nodeSync.updateMany({
        where: { nodeId: { in: nodeIds } },
        data: { leaseOwner: workerId, leaseExpiresAt },
      });
    }
    return nodeIds;
  });
}

/** Extends the leases this worker still holds (rows in flight, and the SQLite singleton). */
export async function renewLeases(db: Db, nodeIds: readonly string[], options: LeaseOptions): Promise<void> {
  const leaseExpiresAt = new Date(options.now.getTime() + options.leaseMs);
  if (nodeIds.length > 0) {
    await db.nodeSync.updateMany({
      where: { nodeId: { in: [...nodeIds] }, leaseOwner: options.workerId },
      data: { leaseExpiresAt },
    });
  }
  if (databaseKind(db) === "sqlite") {
    await db.workerLease.updateMany({
      where: { name: SQLITE_SYNC_LEASE, owner: options.workerId },
      data: { expiresAt: leaseExpiresAt },
    });
  }
}

/** Gives a row back so any worker may claim it when it is next due. */
export async function releaseNodeSync(db: Db, nodeId: string, workerId: string): Promise<void> {
  await db.nodeSync.updateMany({
    where: { nodeId, leaseOwner: workerId },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

/** Gives up the SQLite singleton lease (on shutdown), so another worker can take over at once. */
export async function releaseSqliteLease(db: Db, workerId: string): Promise<void> {
  if (databaseKind(db) !== "sqlite") return;
  await db.workerLease.deleteMany({ where: { name: SQLITE_SYNC_LEASE, owner: workerId } });
}

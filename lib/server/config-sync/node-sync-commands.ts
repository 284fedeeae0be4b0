import {
  assessReportedVersion,
  reportedOnlyStatus,
  type ReportedVersionAssessment,
} from "@/lib/domain/sync/sync-status";
import { type Db, type DbOrTransaction } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";

/** Statuses a new config version does not touch: the node needs an operator, or has left. */
const HELD_STATUSES = ["Quarantined", "Gone"];

async function latestVersion(db: DbOrTransaction): Promise<number> {
  const latest = await db.configVersion.findFirst({
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return latest?.version ?? 0;
}

/**
 * A new config version is the desired state of every node (call it in the transaction that creates
 * the version: the NodeSync rows are the outbox). Nodes with an endpoint and no failing back-off
 * become due at once; failing nodes keep their retry schedule.
 */
export async function recordDesiredVersion(
  tx: DbOrTransaction,
  { version, now }: { version: number; now: Date },
): Promise<void> {
  await tx.nodeSync.updateMany({ where: { status: { not: "Gone" } }, data: { desiredVersion: version } });
  await tx.nodeSync.updateMany({
    where: { status: { notIn: HELD_STATUSES }, failureCount: 0, node: { endpointUrl: { not: null } } },
    data: { nextAttemptAt: now },
  });
  await tx.nodeSync.updateMany({
    where: { status: "Synced", node: { endpointUrl: { not: null } } },
    data: { status: "Pending" },
  });
}

/**
 * Starts (or restarts) delivery to a node: on registration and whenever its endpoint changes, since
 * the machine behind a new endpoint may hold nothing yet. Nothing is assumed acknowledged.
 */
export async function startNodeSync(
  tx: DbOrTransaction,
  { nodeId, now }: { nodeId: string; now: Date },
): Promise<void> {
  const fresh = {
    desiredVersion: await latestVersion(tx),
    acknowledgedVersion: null,
    acknowledgedSha256: null,
    status: "Pending",
    failureCount: 0,
    failingSince: null,
    nextAttemptAt: now,
    nextReadBackAt: null,
    lastError: null,
    nackedVersion: null,
  };
  await tx.nodeSync.upsert({
    where: { nodeId },
    create: { nodeId, ...fresh },
    update: fresh,
    select: { nodeId: true },
  });
}

/** A retired node: nothing is pushed to it again. */
export async function markNodeSyncGone(db: DbOrTransaction, { nodeId }: { nodeId: string }): Promise<void> {
  await db.nodeSync.updateMany({
    where: { nodeId },
    data: { status: "Gone", leaseOwner: null, leaseExpiresAt: null },
  });
}

/** Creates the missing NodeSync rows (nodes enrolled or seeded before sync existed). */
export async function ensureNodeSyncRows(db: Db, { now }: { now: Date }): Promise<number> {
  const missing = await db.node.findMany({
    where: { sync: { is: null } },
    select: { id: true, status: true },
    take: 1_000,
  });
  if (missing.length === 0) return 0;
  const desiredVersion = await latestVersion(db);
  const data = missing.map((node) => ({
    nodeId: node.id,
    desiredVersion,
    status: node.status === "Gone" ? "Gone" : "Pending",
    nextAttemptAt: now,
  }));
  try {
    const created = await db.nodeSync.createMany({ data });
    return created.count;
  } catch (error) {
    // Another worker created some of them at the same moment; the next pass creates the rest.
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
}

async function platformActive(db: DbOrTransaction, now: Date) {
  const [active, latest] = await Promise.all([
    db.configVersion.findFirst({
      where: { activateAt: { lte: now } },
      orderBy: [{ activateAt: "desc" }, { version: "desc" }],
      select: { version: true, activateAt: true },
    }),
    latestVersion(db),
  ]);
  return active ? { version: active.version, activateAt: active.activateAt, latestVersion: latest } : null;
}

/**
 * Telemetry arrived: compares the versions the node reports with the platform's. A node without an
 * endpoint takes its status from that; a node with one that is behind becomes OutOfSync (unless it is
 * only waiting for an activation), and any contact from a node that is behind resets its back-off and
 * makes it due at once.
 */
export async function noteReportedVersion(
  db: Db,
  {
    nodeId,
    activeVersion,
    stagedVersion,
    now,
  }: { nodeId: string; activeVersion: number | null; stagedVersion: number | null; now: Date },
): Promise<ReportedVersionAssessment | null> {
  const [platform, row] = await Promise.all([
    platformActive(db, now),
    db.nodeSync.findUnique({
      where: { nodeId },
      select: { status: true, acknowledgedVersion: true, node: { select: { endpointUrl: true } } },
    }),
  ]);
  if (!platform || !row || row.status === "Gone") return null;
  const assessment = assessReportedVersion({
    reportedActiveVersion: activeVersion,
    platformActiveVersion: platform.version,
    platformActiveSince: platform.activateAt,
    latestVersion: platform.latestVersion,
    now,
  });
  if (!row.node.endpointUrl) {
    await db.nodeSync.update({
      where: { nodeId },
      data: {
        status: reportedOnlyStatus(assessment),
        observedVersion: activeVersion,
        desiredVersion: platform.latestVersion,
      },
      select: { nodeId: true },
    });
    return assessment;
  }
  if (row.status === "Quarantined") return assessment;
  const isMissingVersions = stagedVersion !== null && stagedVersion < platform.latestVersion;
  const isOff = assessment === "behind" || assessment === "ahead";
  if (!isOff && !isMissingVersions) return assessment;
  const hasLostVersions = stagedVersion !== null && stagedVersion < (row.acknowledgedVersion ?? 0);
  await db.nodeSync.update({
    where: { nodeId },
    data: {
      observedVersion: activeVersion,
      nextAttemptAt: now,
      failureCount: 0,
      failingSince: null,
      ...(isOff ? { status: "OutOfSync" } : {}),
      ...(hasLostVersions ? { acknowledgedVersion: stagedVersion, acknowledgedSha256: null } : {}),
    },
    select: { nodeId: true },
  });
  return assessment;
}

/** Nodes without an endpoint follow telemetry: re-derives their status as activations pass. */
export async function refreshReportedOnlyStatuses(db: Db, { now }: { now: Date }): Promise<void> {
  const platform = await platformActive(db, now);
  if (!platform) return;
  const rows = await db.nodeSync.findMany({
    where: { status: { not: "Gone" }, node: { endpointUrl: null } },
    select: { nodeId: true, status: true, node: { select: { reportedConfigVersion: true } } },
  });
  const byStatus = new Map<string, string[]>();
  for (const row of rows) {
    const status = reportedOnlyStatus(
      assessReportedVersion({
        reportedActiveVersion: row.node.reportedConfigVersion,
        platformActiveVersion: platform.version,
        platformActiveSince: platform.activateAt,
        latestVersion: platform.latestVersion,
        now,
      }),
    );
    if (status !== row.status) byStatus.set(status, [...(byStatus.get(status) ?? []), row.nodeId]);
  }
  for (const [status, nodeIds] of byStatus) {
    await db.nodeSync.updateMany({
      where: { nodeId: { in: nodeIds } },
      data: { status, desiredVersion: platform.latestVersion },
    });
  }
}

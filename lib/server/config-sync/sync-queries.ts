import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import { DomainError } from "@/lib/domain/errors";
import {
  attemptDetailsFor,
  lastSyncErrorFor,
  mayReadNodeReplies,
  type ParsedAttempt,
} from "@/lib/domain/sync/reply-visibility";
import { canRetryNodeSyncNow, type SyncViewer } from "@/lib/domain/sync/retry-now";
import { SYNC_STATUSES, type SyncStatus } from "@/lib/domain/sync/sync-status";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPage } from "@/lib/schemas/page";
import {
  SYNC_ATTEMPTS_PAGE_SIZE,
  SYNC_COVERAGE_RANGE_MS,
  type PublicSyncNode,
  type SyncAttempts,
  type SyncAttemptsInput,
  type SyncNodesPage,
  type SyncNodesQuery,
  type SyncOverview,
  type SyncOverviewInput,
} from "@/lib/schemas/sync";
import type { Db } from "../platform/db";
import { getActiveConfigVersion } from "../governance/config-version-queries";
import { containsPattern } from "../nodes/node-queries";

/** About one point per pixel of the chart's plot area. */
export const COVERAGE_SERIES_MAX_POINTS = 400;

/** Sync rows of nodes still in the network (neither the node nor its sync state Gone), narrowed by `node`. */
function liveNodes(node: Prisma.NodeWhereInput): Prisma.NodeSyncWhereInput {
  return { status: { not: "Gone" }, node: { is: { status: { not: "Gone" }, ...node } } };
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Fleet sync at a glance: the latest and active versions, nodes per status, coverage now (nodes with an
 * endpoint that are Synced on the active version; nodes without one counted apart, from telemetry) and
 * coverage over `range` from the worker's samples, downsampled for the chart.
 */
export async function getSyncOverview(
  db: Db,
  { range, now }: SyncOverviewInput & { now: Date },
): Promise<SyncOverview> {
  const active = await getActiveConfigVersion(db);
  const from = new Date(now.getTime() - SYNC_COVERAGE_RANGE_MS[range]);
  const withEndpoint = liveNodes({ endpointUrl: { not: null } });
  const withoutEndpoint = liveNodes({ endpointUrl: null });

  const [latest, scheduled, byStatus, endpointTotal, endpointSynced, plainTotal, plainSynced, samples] =
    await Promise.all([
      db.configVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } }),
      db.configVersion.findMany({
        where: { version: { gt: active.version } },
        orderBy: { version: "asc" },
        select: { version: true, activateAt: true },
      }),
      db.nodeSync.groupBy({
        by: ["status"],
        where: { node: { is: { endpointUrl: { not: null } } } },
        _count: { _all: true },
      }),
      db.nodeSync.count({ where: withEndpoint }),
      db.nodeSync.count({
        where: { ...withEndpoint, status: "Synced", acknowledgedVersion: { gte: active.version } },
      }),
      db.nodeSync.count({ where: withoutEndpoint }),
      db.nodeSync.count({
        where: {
          ...liveNodes({ endpointUrl: null, reportedConfigVersion: { gte: active.version } }),
          status: "Synced",
        },
      }),
      db.syncCoverageSample.findMany({
        where: { at: { gte: from, lte: now } },
        orderBy: { at: "asc" },
        select: { at: true, latestVersion: true, nodes: true, synced: true },
      }),
    ]);

  const counts = Object.fromEntries(
    SYNC_STATUSES.map((status) => [
      status,
      byStatus.find((group) => group.status === status)?._count._all ?? 0,
    ]),
  ) as Record<SyncStatus, number>;
  const points = samples
    .filter((sample) => sample.nodes > 0)
    .map((sample) => ({
      at: sample.at,
      coverage: sample.synced / sample.nodes,
      synced: sample.synced,
      nodes: sample.nodes,
      latestVersion: sample.latestVersion,
    }));

  return {
    latestVersion: latest?.version ?? active.version,
    activeVersion: active.version,
    scheduledVersions: scheduled,
    counts,
    totalNodes: Object.values(counts).reduce((sum, count) => sum + count, 0),
    withEndpoint: {
      nodes: endpointTotal,
      synced: endpointSynced,
      coverage: share(endpointSynced, endpointTotal),
    },
    withoutEndpoint: { nodes: plainTotal, synced: plainSynced, coverage: share(plainSynced, plainTotal) },
    series: {
      range,
      from,
      to: now,
      sampleCount: points.length,
      points: downsampleLttb(
        points,
        COVERAGE_SERIES_MAX_POINTS,
        (point) => point.at.getTime(),
        (point) => point.coverage,
      ),
    },
  };
}

const SYNC_NODE_SELECT = {
  nodeId: true,
  status: true,
  desiredVersion: true,
  acknowledgedVersion: true,
  observedVersion: true,
  failureCount: true,
  lastAttemptAt: true,
  lastError: true,
  nextAttemptAt: true,
  node: {
    select: {
      name: true,
      operatorId: true,
      endpointUrl: true,
      reportedConfigVersion: true,
      operator: { select: { displayName: true } },
    },
  },
} as const;

type SyncNodeRow = Prisma.NodeSyncGetPayload<{ select: typeof SYNC_NODE_SELECT }>;

/**
 * The failed attempt that set each node's last error (the newest attempt with an error): its parsed
 * outcome and status are what viewers who may not read the node's replies see of that error.
 */
async function lastFailures(
  db: Db,
  rows: readonly SyncNodeRow[],
  viewer: SyncViewer | null,
): Promise<Map<string, ParsedAttempt>> {
  const nodeIds = rows
    .filter((row) => row.lastError !== null && !mayReadNodeReplies(viewer, row.node.operatorId))
    .map((row) => row.nodeId);
  if (nodeIds.length === 0) return new Map();
  const failures = await db.$queryRaw<
    { nodeId: string; outcome: string; httpStatus: number | bigint | null }[]
  >`SELECT a."nodeId", a."outcome", a."httpStatus" FROM "SyncAttempt" a
    WHERE a."nodeId" IN (${Prisma.join(nodeIds)}) AND a."error" IS NOT NULL
      AND a."startedAt" = (SELECT MAX(b."startedAt") FROM "SyncAttempt" b
        WHERE b."nodeId" = a."nodeId" AND b."error" IS NOT NULL)`;
  return new Map(
    failures.map((failure) => [
      failure.nodeId,
      {
        outcome: failure.outcome,
        httpStatus: failure.httpStatus === null ? null : Number(failure.httpStatus),
      },
    ]),
  );
}

/**
 * One node's sync state as `viewer` may see it: no endpoint URL; the last error scrubbed for those who
 * may read the node's replies (its operator, stewards, admins), else only its public category.
 */
function toPublicSyncNode(
  row: SyncNodeRow,
  viewer: SyncViewer | null,
  failures: ReadonlyMap<string, ParsedAttempt>,
): PublicSyncNode {
  const hasEndpoint = row.node.endpointUrl !== null;
  const status = row.status as SyncStatus;
  return {
    nodeId: row.nodeId,
    name: row.node.name,
    operatorName: row.node.operator.displayName,
    hasEndpoint,
    status,
    desiredVersion: row.desiredVersion,
    acknowledgedVersion: row.acknowledgedVersion,
    observedVersion: hasEndpoint ? row.observedVersion : row.node.reportedConfigVersion,
    failureCount: row.failureCount,
    lastAttemptAt: row.lastAttemptAt,
    lastError: lastSyncErrorFor(viewer, row.node.operatorId, row.lastError, failures.get(row.nodeId) ?? null),
    nextAttemptAt: hasEndpoint && status !== "Gone" ? row.nextAttemptAt : null,
    canRetryNow: canRetryNodeSyncNow(viewer, { operatorId: row.node.operatorId, status, hasEndpoint }),
  };
}

/**
 * One page of nodes' sync state in node-name order, filtered by sync status and a case-insensitive
 * search on the node name (written out in SQL with ESCAPE for the same reasons as listNodes).
 */
export async function listSyncNodes(
  db: Db,
  { viewer, ...query }: SyncNodesQuery & { viewer: SyncViewer | null },
): Promise<SyncNodesPage> {
  const conditions: Prisma.Sql[] = [];
  if (query.status) conditions.push(Prisma.sql`s."status" = ${query.status}`);
  if (query.search) {
    const escape = Prisma.raw("ESCAPE '\\'");
    conditions.push(Prisma.sql`n."nameSearch" LIKE ${containsPattern(query.search.toLowerCase())} ${escape}`);
  }
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const from = Prisma.sql`FROM "NodeSync" s JOIN "Node" n ON n."id" = s."nodeId" ${where}`;
  const [countRows, pageIds] = await Promise.all([
    db.$queryRaw<{ total: bigint | number }[]>`SELECT COUNT(*) AS "total" ${from}`,
    db.$queryRaw<
      { id: string }[]
    >`SELECT s."nodeId" AS "id" ${from} ORDER BY n."nameSearch", n."id" LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  ]);
  const rows = await db.nodeSync.findMany({
    where: { nodeId: { in: pageIds.map((row) => row.id) } },
    select: SYNC_NODE_SELECT,
  });
  const failures = await lastFailures(db, rows, viewer);
  const byId = new Map(rows.map((row) => [row.nodeId, toPublicSyncNode(row, viewer, failures)]));
  const total = Number(countRows[0]?.total ?? 0);
  return toPage(
    pageIds.flatMap((row) => byId.get(row.id) ?? []),
    { total, page: query.page, pageSize: query.pageSize },
  );
}

/**
 * A node's sync state and its delivery attempts, newest first, a page at a time. What the node replied
 * (the first 2 KiB the worker stored) and its words inside errors are shown only to those who may read
 * its replies (lib/domain/sync/reply-visibility.ts); anyone else sees the parsed fields.
 */
export async function listSyncAttempts(
  db: Db,
  { nodeId, page, viewer }: SyncAttemptsInput & { viewer: SyncViewer | null },
): Promise<SyncAttempts> {
  const node = await db.node.findUnique({
    where: { id: nodeId },
    select: { id: true, name: true, operatorId: true, operator: { select: { displayName: true } } },
  });
  if (!node) {
    throw new DomainError(
      "NOT_FOUND",
      "There is no node with this id. It may have been mistyped: find the node in the table on the Sync page.",
    );
  }
  const [sync, total, attempts] = await Promise.all([
    db.nodeSync.findUnique({ where: { nodeId }, select: SYNC_NODE_SELECT }),
    db.syncAttempt.count({ where: { nodeId } }),
    db.syncAttempt.findMany({
      where: { nodeId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * SYNC_ATTEMPTS_PAGE_SIZE,
      take: SYNC_ATTEMPTS_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        startedAt: true,
        durationMs: true,
        version: true,
        httpStatus: true,
        outcome: true,
        error: true,
        replyExcerpt: true,
      },
    }),
  ]);
  const { rows, ...paging } = toPage(
    attempts.map((attempt) => ({ ...attempt, ...attemptDetailsFor(viewer, node.operatorId, attempt) })),
    { total, page, pageSize: SYNC_ATTEMPTS_PAGE_SIZE },
  );
  return {
    node: { id: node.id, name: node.name, operatorName: node.operator.displayName },
    sync: sync ? toPublicSyncNode(sync, viewer, await lastFailures(db, [sync], viewer)) : null,
    attempts: rows,
    showsNodeReplies: mayReadNodeReplies(viewer, node.operatorId),
    ...paging,
  };
}

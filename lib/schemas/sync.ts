import { z } from "zod";
import { SYNC_STATUSES, type SyncStatus } from "@/lib/domain/sync/sync-status";
import { nodeIdInputSchema } from "./my-nodes";
import { pageSchema } from "./page";
import { firstSearchParam, type SearchParams } from "./search-params";

/** What each status means, in plain words, for the Sync page. */
export const SYNC_STATUS_EXPLANATIONS: Record<SyncStatus, string> = {
  Synced: "The node holds and runs the latest config.",
  Pending: "A newer config is on its way: the node has not confirmed it yet.",
  OutOfSync: "The node reports a config other than ours; the platform sends it the right one again.",
  Degraded:
    "The node refused the config, gave a wrong fingerprint, or rejected our signature. Its operator should check it.",
  Unreachable: "The node has not answered for more than 5 days; the platform still tries once a day.",
  Quarantined: "The node claims a config version the platform never issued. Its operator should look at it.",
  Gone: "The node left the network; nothing is sent to it any more.",
};

/** How a status reads for a node without a config endpoint, which fetches configs itself. */
export function syncStatusExplanation(status: SyncStatus, hasEndpoint: boolean): string {
  if (hasEndpoint) return SYNC_STATUS_EXPLANATIONS[status];
  if (status === "Pending")
    return "This node fetches configs itself and has not yet reported running the latest one.";
  if (status === "OutOfSync")
    return "This node fetches configs itself and reports running an older or other config.";
  return SYNC_STATUS_EXPLANATIONS[status];
}

export const SYNC_COVERAGE_RANGES = ["24h", "7d", "30d"] as const;
export type SyncCoverageRange = (typeof SYNC_COVERAGE_RANGES)[number];
export const SYNC_COVERAGE_RANGE_MS: Record<SyncCoverageRange, number> = {
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
  "30d": 30 * 24 * 3_600_000,
};
export const SYNC_COVERAGE_RANGE_LABELS: Record<SyncCoverageRange, string> = {
  "24h": "last 24 hours",
  "7d": "last 7 days",
  "30d": "last 30 days",
};

export const syncOverviewInputSchema = z.object({
  range: z
    .enum(SYNC_COVERAGE_RANGES, { error: `Range is one of ${SYNC_COVERAGE_RANGES.join(", ")}` })
    .default("24h"),
});
export type SyncOverviewInput = z.infer<typeof syncOverviewInputSchema>;

export const SYNC_NODE_PAGE_SIZES = [10, 25, 50] as const;
export const DEFAULT_SYNC_NODE_PAGE_SIZE = 25;
export const SYNC_SEARCH_MAX_LENGTH = 80;

/** The Sync page's node table: filter by status, search by node name, one page at a time. */
export const syncNodesQuerySchema = z.object({
  status: z.enum(SYNC_STATUSES, { error: `Status is one of ${SYNC_STATUSES.join(", ")}` }).optional(),
  search: z
    .string()
    .trim()
    .max(SYNC_SEARCH_MAX_LENGTH, { error: `Search is at most ${SYNC_SEARCH_MAX_LENGTH} characters` })
    .optional()
    .transform((value) => (value ? value : undefined)),
  page: z.number().int({ error: "Page is a whole number" }).min(1, { error: "Page starts at 1" }).default(1),
  pageSize: z
    .literal(SYNC_NODE_PAGE_SIZES, { error: `Page size is one of ${SYNC_NODE_PAGE_SIZES.join(", ")}` })
    .default(DEFAULT_SYNC_NODE_PAGE_SIZE),
});
export type SyncNodesQuery = z.infer<typeof syncNodesQuerySchema>;

export const SYNC_ATTEMPTS_PAGE_SIZE = 25;

export const syncAttemptsInputSchema = nodeIdInputSchema.extend({
  page: z.number().int({ error: "Page is a whole number" }).min(1, { error: "Page starts at 1" }).default(1),
});
export type SyncAttemptsInput = z.infer<typeof syncAttemptsInputSchema>;

export const retryNodeSyncInputSchema = nodeIdInputSchema;

const countSchema = z.number().int().nonnegative();
const versionSchema = z.number().int();
const coverageSchema = z.object({ nodes: countSchema, synced: countSchema, coverage: z.number().nullable() });

/** Fleet sync at a glance, and its coverage over the chosen range. */
export const syncOverviewSchema = z.object({
  latestVersion: versionSchema,
  activeVersion: versionSchema,
  scheduledVersions: z.array(z.object({ version: versionSchema, activateAt: z.date() })),
  counts: z.record(z.enum(SYNC_STATUSES), countSchema),
  totalNodes: countSchema,
  withEndpoint: coverageSchema,
  withoutEndpoint: coverageSchema,
  series: z.object({
    range: z.enum(SYNC_COVERAGE_RANGES),
    from: z.date(),
    to: z.date(),
    sampleCount: countSchema,
    points: z.array(
      z.object({
        at: z.date(),
        coverage: z.number(),
        synced: countSchema,
        nodes: countSchema,
        latestVersion: versionSchema,
      }),
    ),
  }),
});
export type SyncOverview = z.infer<typeof syncOverviewSchema>;

/**
 * One node's sync state as anyone may see it: no endpoint URL; the last error scrubbed for its operator,
 * stewards and admins, and for anyone else only its public category (never the node's own words).
 */
export const publicSyncNodeSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  operatorName: z.string(),
  hasEndpoint: z.boolean(),
  status: z.enum(SYNC_STATUSES),
  desiredVersion: versionSchema,
  acknowledgedVersion: versionSchema.nullable(),
  /** Read back from the node, or for a node without an endpoint the version its telemetry reports. */
  observedVersion: versionSchema.nullable(),
  failureCount: countSchema,
  lastAttemptAt: z.date().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.date().nullable(),
  canRetryNow: z.boolean(),
});
export type PublicSyncNode = z.infer<typeof publicSyncNodeSchema>;

export const syncNodesPageSchema = pageSchema(publicSyncNodeSchema);
export type SyncNodesPage = z.infer<typeof syncNodesPageSchema>;

const syncAttemptSchema = z.object({
  id: z.string(),
  kind: z.string(),
  startedAt: z.date(),
  durationMs: z.number().int(),
  version: versionSchema.nullable(),
  httpStatus: z.number().int().nullable(),
  outcome: z.string(),
  /** Scrubbed text for those who may read the node's replies, else a public category. */
  error: z.string().nullable(),
  /** The first 2 KiB of the node's reply; null for viewers who may not read it. */
  replyExcerpt: z.string().nullable(),
});

/** A node's sync state and one page of its delivery attempts, newest first. */
export const syncAttemptsSchema = pageSchema(syncAttemptSchema)
  .omit({ rows: true })
  .extend({
    node: z.object({ id: z.string(), name: z.string(), operatorName: z.string() }),
    sync: publicSyncNodeSchema.nullable(),
    attempts: z.array(syncAttemptSchema),
    /** Whether this viewer sees what the node replied (its operator, stewards and admins). */
    showsNodeReplies: z.boolean(),
  });
export type SyncAttempts = z.infer<typeof syncAttemptsSchema>;

export const retriedNodeSyncSchema = z.object({
  nodeId: z.string(),
  status: z.string(),
  nextAttemptAt: z.date(),
});
export type RetriedNodeSync = z.infer<typeof retriedNodeSyncSchema>;

/** The /sync query string, read leniently: a value that does not parse falls back to its default. */
export function syncPageQueryFromSearchParams(
  params: SearchParams,
): SyncNodesQuery & { range: SyncCoverageRange } {
  const first = (name: string) => firstSearchParam(params[name]) || undefined;
  const number = (name: string) => {
    const value = first(name);
    return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  };
  const lenient = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : schema.parse(undefined);
  };
  const shape = syncNodesQuerySchema.shape;
  return {
    status: lenient(shape.status, first("status")),
    search: lenient(shape.search, first("search")?.slice(0, SYNC_SEARCH_MAX_LENGTH)),
    page: lenient(shape.page, number("page")),
    pageSize: lenient(shape.pageSize, number("pageSize")),
    range: lenient(syncOverviewInputSchema.shape.range, first("range")),
  };
}

/** The attempt-history page number from `?page=`, 1 when absent or malformed. */
export function syncAttemptsPageFromSearchParams(params: SearchParams): number {
  const value = firstSearchParam(params.page);
  return value !== undefined && /^\d{1,9}$/.test(value) && Number(value) >= 1 ? Number(value) : 1;
}

import { z } from "zod";
import type { NodeClassification } from "@/lib/domain/rewards/compute-epoch";
import type { LedgerCsvRow } from "@/lib/domain/rewards/ledger-csv";
import { SYNC_STATUSES } from "@/lib/domain/sync/sync-status";
import { statsRangeSchema } from "./network-stats";
import { firstSearchParam, type SearchParams } from "./search-params";

export const OPERATOR_STATS_RANGES = ["7d", "30d", "all"] as const;
export type OperatorStatsRange = (typeof OPERATOR_STATS_RANGES)[number];
export const DEFAULT_OPERATOR_STATS_RANGE: OperatorStatsRange = "30d";
/** Most points of a node's rating trend: enough for a sparkline in a table cell. */
export const RATING_TREND_MAX_POINTS = 60;

export const operatorStatsRangeSchema = statsRangeSchema.exclude(["24h"], {
  error: `range must be one of ${OPERATOR_STATS_RANGES.join(", ")}`,
});

export const operatorStatsInputSchema = z.object({
  range: operatorStatsRangeSchema.default(DEFAULT_OPERATOR_STATS_RANGE),
});
export type OperatorStatsInput = z.infer<typeof operatorStatsInputSchema>;

/** `?range=` of /my/stats; anything unknown falls back to the default range. */
export function parseOperatorStatsRange(searchParams: SearchParams): OperatorStatsRange {
  const parsed = operatorStatsRangeSchema.safeParse(firstSearchParam(searchParams.range));
  return parsed.success ? parsed.data : DEFAULT_OPERATOR_STATS_RANGE;
}

const NODE_CLASSIFICATIONS = [
  "Contributor",
  "FreeRider",
  "FreeRiderInGrace",
  "Silent",
] as const satisfies readonly NodeClassification[];
export const nodeClassificationSchema = z.enum(NODE_CLASSIFICATIONS);

const operatorNodeStatsSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  /** Active or Gone. */
  status: z.string(),
  /** Uptime ÷ time since the range (or the node's first report) began, 0–1; null before its first report. */
  uptimeShare: z.number().nullable(),
  gbServed: z.number(),
  /** Rating after the node's newest epoch (any range); null before its first epoch. */
  rating: z.number().nullable(),
  /** Rating after the range's last epoch minus before its first; null without an epoch in the range. */
  ratingChange: z.number().nullable(),
  /** Rating before the node's first epoch in the range, then after its epochs (sampled over long ranges), oldest first. */
  ratingTrend: z.array(z.object({ day: z.date(), rating: z.number() })).max(RATING_TREND_MAX_POINTS),
  creditsInRange: z.number(),
  /** From the node's newest epoch (any range). */
  lastClassification: nodeClassificationSchema.nullable(),
  lastEpochDay: z.date().nullable(),
  /** freeRider.throttleFactor of the config version the node's newest epoch was computed with. */
  lastThrottleFactor: z.number().nullable(),
  /** Config delivery; null before the sync worker first saw the node. */
  syncStatus: z.enum(SYNC_STATUSES).nullable(),
  /** The config version the node's telemetry says it runs. */
  configVersion: z.number().int().nullable(),
});

export const operatorStatsSchema = z.object({
  range: operatorStatsRangeSchema,
  /** Midnight (UTC) of the range's first day; null for "all". */
  from: z.date().nullable(),
  to: z.date(),
  totals: z.object({
    /** Nodes that are not Gone. */
    nodes: z.number().int(),
    uptimeShare: z.number().nullable(),
    gbServed: z.number(),
    creditsInRange: z.number(),
    /** Credits of the network's newest epoch. */
    creditsLastEpoch: z.number(),
    /** Mean rating now of the nodes that are not Gone and have one; null when none has. */
    averageRating: z.number().nullable(),
  }),
  nodes: z.array(operatorNodeStatsSchema),
  /** The network's newest epoch; null before the first. */
  lastEpoch: z.object({ day: z.date(), configVersion: z.number().int(), scale: z.number() }).nullable(),
  /** The active config's reward rules, for the plain-language explanation. */
  rules: z.object({
    configVersion: z.number().int(),
    perGbUploaded: z.number(),
    /** reward.uncorroboratedWeight: the share of data no peer confirms that is still paid. */
    uncorroboratedWeight: z.number(),
    uptimeBonusPerDay: z.number(),
    /** Share of the day a node must be up for the bonus. */
    uptimeBonusMinShare: z.number(),
    epochEmissionCap: z.number(),
    minShareRatio: z.number(),
    throttleFactor: z.number(),
    graceDays: z.number(),
  }),
});
export type OperatorStats = z.infer<typeof operatorStatsSchema>;
export type OperatorNodeStats = z.infer<typeof operatorNodeStatsSchema>;

/** One line of the epochs CSV: a node's ledger entry with its name and the epoch's config version. */
export const operatorEpochRowSchema = z.object({
  day: z.date(),
  nodeId: z.string(),
  nodeName: z.string(),
  classification: z.string(),
  uptimeSeconds: z.number().int(),
  bytesUp: z.bigint(),
  corroboratedBytesUp: z.bigint(),
  paidBytesUp: z.bigint(),
  bytesDown: z.bigint(),
  unscaledMicro: z.bigint(),
  rewardMicro: z.bigint(),
  ratingBefore: z.number(),
  rating: z.number(),
  score: z.number(),
  configVersion: z.number().int(),
}) satisfies z.ZodType<LedgerCsvRow>;
export type OperatorEpochRow = z.infer<typeof operatorEpochRowSchema>;

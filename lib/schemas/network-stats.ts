import { z } from "zod";
import { clusterPowerSchema } from "./cluster-power";
import { firstSearchParam, type SearchParams } from "./search-params";

export const STATS_RANGES = ["24h", "7d", "30d", "all"] as const;
export type StatsRange = (typeof STATS_RANGES)[number];
export const DEFAULT_STATS_RANGE: StatsRange = "7d";
const HOUR_MS = 3_600_000;
/** How far back each range reaches; "all" has no start. */
export const STATS_RANGE_MS: Record<Exclude<StatsRange, "all">, number> = {
  "24h": 24 * HOUR_MS,
  "7d": 7 * 24 * HOUR_MS,
  "30d": 30 * 24 * HOUR_MS,
};
export const STATS_RANGE_LABELS: Record<StatsRange, string> = {
  "24h": "last 24 hours",
  "7d": "last 7 days",
  "30d": "last 30 days",
  all: "all time",
};

/**
 * Most points a dashboard series carries: the widest a chart's plot area is drawn (the dashboard caps
 * each chart card at this many CSS pixels), so no chart gets more than one point per pixel.
 */
export const STATS_CHART_MAX_POINTS = 560;

export const statsRangeSchema = z.enum(STATS_RANGES, {
  error: `range must be one of ${STATS_RANGES.join(", ")}`,
});

export const networkDashboardInputSchema = z.object({ range: statsRangeSchema.default(DEFAULT_STATS_RANGE) });
export type NetworkDashboardInput = z.infer<typeof networkDashboardInputSchema>;

/** `?range=` of the dashboard page; anything unknown falls back to the default range. */
export function parseStatsRange(searchParams: SearchParams): StatsRange {
  const parsed = statsRangeSchema.safeParse(firstSearchParam(searchParams.range));
  return parsed.success ? parsed.data : DEFAULT_STATS_RANGE;
}

/** Whether a series' points are hours or days (the range and the history's length decide). */
const bucketSchema = z.enum(["hour", "day"]);

/** Every chart: a one-line summary in words (also the chart's accessible name). */
const chartBase = { summary: z.string() };

/** The few numbers a newcomer needs first; the dashboard and the overview page both show them. */
const networkHeadlineSchema = z.object({
  /** Nodes up on average in the last complete hour (uptime seconds ÷ 3600). */
  nodesOnline: z.number(),
  /** Nodes that are not Gone. */
  nodesKnown: z.number().int(),
  /** GB served to peers in the range. */
  gbServed: z.number(),
  /** Gini of data served per node in the range; null without data. */
  contributionGini: z.number().nullable(),
  /** Nakamoto coefficient of effective voting power in the newest round; null before the first round or when it had no eligible operator. */
  nakamoto: z.number().int().nullable(),
  /** Share of nodes with an endpoint on the latest version, 0–100; null before any sample. */
  syncCoveragePercent: z.number().nullable(),
});

export const networkDashboardSchema = z.object({
  range: statsRangeSchema,
  /** Start of the range (ISO); null for "all". */
  from: z.string().nullable(),
  /** The moment the dashboard was computed (ISO). */
  to: z.string(),
  headline: networkHeadlineSchema,
  nodesOnline: z.object({
    ...chartBase,
    bucket: bucketSchema,
    /** `at`: bucket start, epoch ms; `online`: average nodes up; `reporting`: nodes that reported. */
    points: z.array(z.object({ at: z.number(), online: z.number(), reporting: z.number().int() })),
  }),
  dataServed: z.object({
    ...chartBase,
    bucket: bucketSchema,
    /** GB served to peers in each bucket. */
    points: z.array(z.object({ at: z.number(), gb: z.number() })),
  }),
  contribution: z.object({
    ...chartBase,
    gini: z.number().nullable(),
    nodes: z.number().int(),
    /** Lorenz curve, poorest first, (0,0) to (1,1); at most 101 points. */
    lorenz: z.array(z.object({ population: z.number(), share: z.number() })),
    /** Share of all data served by the top 1 %, 10 % and 50 % of nodes (0–1). */
    topShares: z.array(z.object({ topPercent: z.number(), share: z.number() })),
  }),
  ratings: z.object({
    ...chartBase,
    /** Day (ISO) of the epoch the ratings are from; null before the first epoch. */
    epochDay: z.string().nullable(),
    guardMinRating: z.number(),
    /** Ten bins of width 0.1 from 0 to 1 (the last includes 1). */
    bins: z.array(z.object({ from: z.number(), to: z.number(), nodes: z.number().int() })),
    nodesAtGuardRating: z.number().int(),
  }),
  rewards: z.object({
    ...chartBase,
    /** Credits per epoch in the range (epoch ms of the day), LTTB-downsampled on `paid`. */
    epochs: z.array(
      z.object({
        day: z.number(),
        paid: z.number(),
        unscaled: z.number(),
        cap: z.number(),
        scale: z.number(),
        paidNodes: z.number().int(),
      }),
    ),
  }),
  /**
   * Σ confirmed ÷ Σ claimed data served per computed epoch in the range (product.md "Proof of service");
   * blocked epochs are left out, and the summary says how many.
   */
  confirmedShare: z.object({
    ...chartBase,
    /** Oldest first, LTTB-downsampled on `share` (0–1); the amounts in GB. */
    points: z.array(
      z.object({
        day: z.number(),
        share: z.number(),
        claimedGb: z.number(),
        confirmedGb: z.number(),
        paidGb: z.number(),
      }),
    ),
  }),
  freeRiders: z.object({
    ...chartBase,
    epochs: z.array(
      z.object({
        day: z.number(),
        /** Free-riders past their grace period ÷ nodes in the epoch (0–1). */
        share: z.number(),
        freeRiders: z.number().int(),
        inGrace: z.number().int(),
        nodes: z.number().int(),
      }),
    ),
  }),
  participation: z.object({
    ...chartBase,
    /** Rounds opened in the range, oldest first. */
    rounds: z.array(
      z.object({
        number: z.number().int(),
        isOpen: z.boolean(),
        opensAt: z.string(),
        eligibleOperators: z.number().int(),
        voters: z.number().int(),
        eligibleNodes: z.number().int(),
        /** Eligible nodes whose operator cast a ballot ÷ eligible nodes (0–1). */
        nodeTurnout: z.number(),
      }),
    ),
  }),
  votingPower: z.object({
    ...chartBase,
    /**
     * Effective voting power (⌊√budget⌋ per operator) in each round opened in the range, oldest first,
     * with the same round's voting power by network cluster.
     */
    rounds: z.array(
      z.object({
        number: z.number().int(),
        operators: z.number().int(),
        nakamoto: z.number().int(),
        gini: z.number(),
        ...clusterPowerSchema.shape,
      }),
    ),
    /** Voting power by network cluster: one line on the newest round in the range (or why there is none). */
    byClusterSummary: z.string(),
  }),
  syncCoverage: z.object({
    ...chartBase,
    latestVersion: z.number().int().nullable(),
    /** Share of nodes on the latest version, 0–100, LTTB-downsampled. */
    points: z.array(z.object({ at: z.number(), percent: z.number() })),
  }),
});
export type NetworkDashboard = z.infer<typeof networkDashboardSchema>;

export const networkHeadlineOutputSchema = z.object({
  range: statsRangeSchema,
  headline: networkHeadlineSchema,
});
export type NetworkHeadlineOutput = z.infer<typeof networkHeadlineOutputSchema>;

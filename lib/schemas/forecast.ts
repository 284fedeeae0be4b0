import { z } from "zod";
import { MODEL_METRIC_IDS } from "@/lib/domain/network-model/model-types";
import { proposalIdInputSchema } from "./proposals";
import { rewardImpactInputSchema } from "./reward-impact";

/** A draft's changes to forecast (the wizard's review step): the same checks as a draft's changes. */
export const changesForecastInputSchema = rewardImpactInputSchema;
export const proposalForecastInputSchema = proposalIdInputSchema;

const share = z.number().min(0).max(1);
const bandSchema = z.object({ day: z.int().min(1), p10: z.number(), median: z.number(), p90: z.number() });

export const modelMetricIdSchema = z.enum(MODEL_METRIC_IDS);

/** How a metric's figures read: a share 0–1, credits, a count of nodes, a rating 0–1 or an index (Gini 0–1). */
export const metricUnitSchema = z.enum(["share", "credits", "count", "rating", "index"]);

export const metricForecastSchema = z.object({
  id: modelMetricIdSchema,
  /** Plain words: "Share of traffic served by the largest cluster". */
  label: z.string(),
  unit: metricUnitSchema,
  /** Whether a higher figure is better for the network (null when neither, e.g. emission). */
  higherIsBetter: z.boolean().nullable(),
  current: z.array(bandSchema),
  proposed: z.array(bandSchema),
  /** "If passed, the largest cluster's share of traffic is expected to fall from 31 % to 24 % within 30 days (likely 21–27 %)." */
  sentence: z.string(),
  /** The backtest's mean absolute error for this metric, in the metric's unit; null without a backtest. */
  backtestError: z.number().min(0).nullable(),
});
export type MetricForecast = z.infer<typeof metricForecastSchema>;

export const groupChangeSchema = z.object({
  group: z.enum(["medianNode", "top10", "home", "dataCentre", "yourNodes"]),
  /** "The median node", "The top 10 % of nodes", "A home node", "A data-centre node", "Your 3 nodes". */
  label: z.string(),
  /** Median credits over the simulated days under the current and the proposed rules. */
  current: z.number().min(0),
  proposed: z.number().min(0),
  /** (proposed − current) ÷ current × 100; null when current is 0. */
  changePercent: z.number().nullable(),
});
export type GroupChange = z.infer<typeof groupChangeSchema>;

export const modelAssumptionSchema = z.object({
  id: z.string(),
  value: z.number(),
  sentence: z.string(),
  source: z.enum(["calibrated", "default"]),
});

/** Whether the daily payout limit binds today (the newest epoch) and under each rule set in the forecast. */
export const payoutLimitSchema = z.object({
  capCredits: z.object({ current: z.number().min(0), proposed: z.number().min(0) }),
  bindsToday: z.boolean(),
  /** Median share of simulated days on which the limit binds, under each rule set. */
  bindingDaysShare: z.object({ current: share, proposed: share }),
  /** One plain sentence: whether the limit already binds today, and what that means for this change. */
  sentence: z.string(),
});

export const backtestSummarySchema = z.object({
  /** The day the backtest started from and how many days it compared. */
  fromDay: z.date(),
  days: z.int().min(1),
  /** Mean over metrics of the mean absolute percentage error, in percent: "off by ±x %". */
  errorPercent: z.number().min(0),
});
export type BacktestSummary = z.infer<typeof backtestSummarySchema>;

/**
 * A forecast of proposed changes: "no-history" before enough days have been turned into rewards,
 * "no-model-change" when only rules the model does not act on change (governance), "same-as-current" when
 * the values equal the newest config version's, "forecast" otherwise.
 */
export const forecastViewSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("no-history"), daysNeeded: z.int().min(1), daysAvailable: z.int().min(0) }),
  z.object({ status: z.literal("no-model-change") }),
  z.object({ status: z.literal("same-as-current"), configVersion: z.int().min(1) }),
  z.object({
    status: z.literal("forecast"),
    /** Set when this is the forecast frozen when the proposal passed (its sha256 is in the audit chain). */
    frozenAt: z.date().optional(),
    configVersion: z.int().min(1),
    /** The day the simulation starts from (the day after the newest epoch). */
    startDay: z.date(),
    modelVersion: z.string(),
    runs: z.int().min(1),
    days: z.int().min(1),
    nodes: z.int().min(0),
    metrics: z.array(metricForecastSchema),
    groups: z.array(groupChangeSchema),
    payoutLimit: payoutLimitSchema,
    assumptions: z.array(modelAssumptionSchema),
    backtest: backtestSummarySchema.nullable(),
  }),
]);
export type ForecastView = z.infer<typeof forecastViewSchema>;

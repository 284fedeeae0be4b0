import { z } from "zod";
import { OUTCOME_CHECK_DAYS } from "@/lib/domain/network-model/forecast-outcome";
import { metricUnitSchema, modelMetricIdSchema } from "./forecast";
import { proposalIdInputSchema } from "./proposals";

/**
 * "Did it work?": a passed proposal's forecast, frozen when its round ratified it, against what the network
 * did 7 and 30 days after its config version took effect; and the public export of a frozen forecast.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hex digits" });

/** What the forecast said when it was frozen: "forecast", or why there was none ("no-history", …). */
export const frozenForecastStatusSchema = z.string().min(1);

const frozenBandSchema = z.object({
  day: z.int().min(1),
  p10: z.number(),
  median: z.number(),
  p90: z.number(),
});

/**
 * A stored payload as the outcome reads it, leniently: frozen forecasts stay forever while the forecast's
 * contract may grow, so only the fields compared are required (unknown ones are ignored).
 */
export const frozenForecastPayloadSchema = z.object({
  proposalId: z.string(),
  /** The config version the ratification issued. */
  configVersion: z.int().min(1),
  /** When the round closed: the model read the history and the rules issued before this moment. */
  ratifiedAt: z.iso.datetime(),
  modelVersion: z.string(),
  forecast: z.object({
    status: frozenForecastStatusSchema,
    metrics: z
      .array(
        z.object({
          id: z.string(),
          label: z.string(),
          unit: z.string(),
          higherIsBetter: z.boolean().nullable(),
          current: z.array(frozenBandSchema),
          proposed: z.array(frozenBandSchema),
        }),
      )
      .optional(),
  }),
});
export type FrozenForecastPayload = z.infer<typeof frozenForecastPayloadSchema>;

/** GET /api/v1/proposals/{proposalId}/frozen-forecast (node-protocol.md "Public audit exports"). */
export const frozenForecastExportSchema = z.object({
  proposalId: z.string(),
  configVersion: z.int().min(1),
  frozenAt: z.iso.datetime(),
  /** hex(sha256(canonical(payload))), the same the proposal.forecast-frozen audit event carries. */
  sha256: hex64,
  /** The forecast as frozen (RFC 8785 canonical JSON when hashed). */
  payload: z.record(z.string(), z.unknown()),
});
export type FrozenForecastExport = z.infer<typeof frozenForecastExportSchema>;

export const outcomeVerdictSchema = z.enum(["within", "above", "below"]);

export const metricOutcomeSchema = z.object({
  id: modelMetricIdSchema,
  label: z.string(),
  unit: metricUnitSchema,
  higherIsBetter: z.boolean().nullable(),
  /** Means over days 1–n of the forecast's daily 10th percentile, median and 90th percentile if passed. */
  forecast: z.object({ p10: z.number(), median: z.number(), p90: z.number() }),
  /** Mean over days 1–n of the forecast's daily median had the rules stayed as they were. */
  withoutChange: z.number(),
  /** Mean of the real days 1–n after the change took effect. */
  actual: z.number(),
  verdict: outcomeVerdictSchema,
});
export type MetricOutcome = z.infer<typeof metricOutcomeSchema>;

export const outcomeCheckDaysSchema = z.union(OUTCOME_CHECK_DAYS.map((days) => z.literal(days)));

/** A later config version that took effect during the days compared: the real figures mix both changes. */
const overlappingVersionSchema = z.object({ version: z.int().min(1), activatedAt: z.date() });

/**
 * One check: "scheduled" before its date (or before the change took effect: then `on` is null), "waiting"
 * once its date passed but not every day has been counted yet, "checked" with every metric compared.
 */
export const outcomeCheckSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("scheduled"), days: outcomeCheckDaysSchema, on: z.date().nullable() }),
  z.object({
    status: z.literal("waiting"),
    days: outcomeCheckDaysSchema,
    on: z.date(),
    daysCounted: z.int().min(0),
  }),
  z.object({
    status: z.literal("checked"),
    days: outcomeCheckDaysSchema,
    on: z.date(),
    /** The first and the last real day compared (UTC midnights). */
    from: z.date(),
    to: z.date(),
    within: z.int().min(0),
    total: z.int().min(0),
    metrics: z.array(metricOutcomeSchema),
    overlapping: z.array(overlappingVersionSchema),
  }),
]);
export type OutcomeCheck = z.infer<typeof outcomeCheckSchema>;

/** Where the frozen forecast's fingerprint sits in the public audit chain. */
export const frozenRecordSchema = z.object({
  frozenAt: z.date(),
  ratifiedAt: z.date(),
  sha256: hex64,
  modelVersion: z.string(),
  /** The proposal.forecast-frozen event carrying the hash; null if the chain has none (a tampered store). */
  auditSeq: z.int().min(1).nullable(),
  /** Whether that event's hash equals the stored forecast's recomputed hash. */
  isHashInChain: z.boolean(),
});

export const activationSchema = z.object({
  configVersion: z.int().min(1),
  activateAt: z.date(),
  /** Null until the worker activated it. */
  activatedAt: z.date().nullable(),
});

/**
 * A proposal's "Did it work?": "none" when it did not pass (or does not exist), "freezing" between the
 * close and the worker freezing its forecast, "no-forecast" when the frozen record says none was made
 * (`reason`: the forecast's status then), "frozen" with its two checks.
 */
export const forecastOutcomeSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("none") }),
  z.object({ status: z.literal("freezing"), activation: activationSchema }),
  z.object({
    status: z.literal("no-forecast"),
    reason: frozenForecastStatusSchema,
    frozen: frozenRecordSchema,
    activation: activationSchema,
  }),
  z.object({
    status: z.literal("frozen"),
    frozen: frozenRecordSchema,
    activation: activationSchema,
    checks: z.array(outcomeCheckSchema),
  }),
]);
export type ForecastOutcome = z.infer<typeof forecastOutcomeSchema>;

export const forecastOutcomeInputSchema = proposalIdInputSchema;

/** Recently ratified changes for /stats, newest first, with their newest check. */
export const recentOutcomeSchema = z.object({
  proposalId: z.string(),
  title: z.string(),
  roundNumber: z.int().min(1),
  ratifiedAt: z.date(),
  activation: activationSchema,
  /** "frozen", "freezing" or why no forecast was made ("no-history", …). */
  forecastStatus: z.string(),
  /** The newest check made, or null before the first. */
  latestCheck: z
    .object({ days: outcomeCheckDaysSchema, within: z.int().min(0), total: z.int().min(0) })
    .nullable(),
  /** When the next check is due; null when every check was made, none can be, or the change has not taken effect. */
  nextCheckOn: z.date().nullable(),
});
export type RecentOutcome = z.infer<typeof recentOutcomeSchema>;

export const RECENT_OUTCOMES_SHOWN = 8;

export const recentOutcomesSchema = z.object({
  items: z.array(recentOutcomeSchema).max(RECENT_OUTCOMES_SHOWN),
});
export type RecentOutcomes = z.infer<typeof recentOutcomesSchema>;

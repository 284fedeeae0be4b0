import { isEpochDue } from "@/lib/domain/rewards/epoch-schedule";
import type { Band, DayMetrics, ModelMetricId } from "@/lib/domain/network-model/model-types";

const DAY_MS = 86_400_000;

/** "Did it work?" looks at the first 7 and the first 30 whole days under the new rules. */
export const OUTCOME_CHECK_DAYS = [7, 30] as const;
export type OutcomeCheckDays = (typeof OUTCOME_CHECK_DAYS)[number];

/** Figures this close to a band's edge (relative to the larger of the two) count as on it: float noise is no verdict. */
const EDGE_TOLERANCE = 1e-9;

/**
 * Day 1 under the new rules: the first UTC day that starts at or after activation, so every counted day
 * ran under the new rules from midnight to midnight.
 */
export function firstWholeDay(activatedAt: Date): Date {
  return new Date(Math.ceil(activatedAt.getTime() / DAY_MS) * DAY_MS);
}

/** The UTC day (midnight) on which day `days` after activation has ended: the check over days 1–`days` can run. */
export function checkDate(activatedAt: Date, days: number): Date {
  return new Date(firstWholeDay(activatedAt).getTime() + days * DAY_MS);
}

/** Whether the epoch of the `days`-th whole day after activation is due by `now`, i.e. the check can be made. */
export function isCheckDue({
  activatedAt,
  days,
  now,
}: {
  activatedAt: Date;
  days: number;
  now: Date;
}): boolean {
  const lastDay = new Date(checkDate(activatedAt, days).getTime() - DAY_MS);
  return isEpochDue({ day: lastDay, now });
}

export type OutcomeVerdict = "within" | "above" | "below";

export interface MetricOutcome {
  id: ModelMetricId;
  /** Mean over days 1–n of the forecast's daily 10th percentile, median and 90th percentile under the proposed rules. */
  forecast: { p10: number; median: number; p90: number };
  /** Mean over days 1–n of the forecast's daily median had the rules stayed as they were. */
  withoutChange: number;
  /** Mean of the real figures over the first n whole days after activation. */
  actual: number;
  verdict: OutcomeVerdict;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function bandMeans(bands: readonly Band[], days: number): { p10: number; median: number; p90: number } {
  const counted = bands.filter((band) => band.day >= 1 && band.day <= days);
  if (counted.length < days) {
    throw new RangeError(`The forecast covers ${counted.length} of the ${days} days to compare.`);
  }
  return {
    p10: mean(counted.map((band) => band.p10)),
    median: mean(counted.map((band) => band.median)),
    p90: mean(counted.map((band) => band.p90)),
  };
}

/** Where `actual` lies against [low, high], an edge counting as inside. */
export function verdictOf(actual: number, low: number, high: number): OutcomeVerdict {
  const slack = (value: number) => EDGE_TOLERANCE * Math.max(1, Math.abs(value), Math.abs(actual));
  if (actual < low - slack(low)) return "below";
  if (actual > high + slack(high)) return "above";
  return "within";
}

/**
 * The forecast made at ratification against what happened, per metric: the mean over simulated days 1–n of
 * the proposed rules' daily medians and 10–90 % bands, against the mean of the real figures over the first n
 * whole days after the change took effect. "Within" when the real mean lies between the mean 10th and the
 * mean 90th percentile. `actual` holds the real days in order, at least n of them.
 */
export function compareForecastWithOutcome({
  metrics,
  actual,
  days,
}: {
  metrics: readonly { id: ModelMetricId; current: readonly Band[]; proposed: readonly Band[] }[];
  actual: readonly DayMetrics[];
  days: number;
}): MetricOutcome[] {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
  if (actual.length < days) {
    throw new RangeError(`${actual.length} real days were given; comparing ${days} days needs all of them.`);
  }
  const counted = actual.slice(0, days);
  return metrics.map(({ id, current, proposed }) => {
    const forecast = bandMeans(proposed, days);
    const real = mean(counted.map((day) => day[id]));
    return {
      id,
      forecast,
      withoutChange: bandMeans(current, days).median,
      actual: real,
      verdict: verdictOf(real, Math.min(forecast.p10, forecast.p90), Math.max(forecast.p10, forecast.p90)),
    };
  });
}

/** "5 of 8 figures within the forecast range": how many of the compared figures landed inside their band. */
export function countWithin(outcomes: readonly { verdict: OutcomeVerdict }[]): {
  within: number;
  total: number;
} {
  return {
    within: outcomes.filter((outcome) => outcome.verdict === "within").length,
    total: outcomes.length,
  };
}

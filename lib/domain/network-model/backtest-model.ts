import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  MODEL_METRIC_IDS,
  type DayMetrics,
  type ModelMetricId,
  type ModelState,
  type SimulationInput,
  type SimulationRun,
} from "@/lib/domain/network-model/model-types";
import { bandsOf } from "@/lib/domain/network-model/bands";
import { simulateNetwork } from "@/lib/domain/network-model/simulate-network";

/** The most days a backtest compares, and the most days its start state reads. */
export const BACKTEST_MAX_DAYS = 30;
/** The fewest days the start state reads (and so the fewest days a comparison needs before it). */
export const BACKTEST_MIN_STATE_DAYS = 7;
/** The fewest days compared: with fewer than BACKTEST_MIN_STATE_DAYS + this many days of history there is no backtest. */
export const BACKTEST_MIN_COMPARE_DAYS = 7;

export interface MetricError {
  /** Mean over the days of |simulated median − actual|, in the metric's unit. */
  meanAbsError: number;
  /** meanAbsError ÷ mean |actual| × 100; null when the actual figures are all 0. */
  meanAbsPercentError: number | null;
}

export interface BacktestResult {
  /** Days compared. */
  days: number;
  runs: number;
  perMetric: Record<ModelMetricId, MetricError>;
  /** Mean of meanAbsPercentError over the metrics that have one; null when none has. */
  errorPercent: number | null;
  /** The simulated median of each metric per day (index 0 = the first day compared). */
  simulated: DayMetrics[];
  /** What happened, as given. */
  actual: DayMetrics[];
}

/**
 * How a history of `availableDays` computed days splits into a backtest: the last `compareDays` days
 * (min(30, available − 7)) are compared, and the start state reads the `stateDays` days before them (up to
 * 30, at least 7). Null when fewer than 14 days are available.
 */
export function backtestPlan({
  availableDays,
}: {
  availableDays: number;
}): { stateDays: number; compareDays: number } | null {
  const days = Math.floor(availableDays);
  if (days < BACKTEST_MIN_STATE_DAYS + BACKTEST_MIN_COMPARE_DAYS) return null;
  const compareDays = Math.min(BACKTEST_MAX_DAYS, days - BACKTEST_MIN_STATE_DAYS);
  const stateDays = Math.min(BACKTEST_MAX_DAYS, days - compareDays);
  return { stateDays, compareDays };
}

/** Each metric's error of the simulated medians against what happened, day by day. */
export function compareMetrics({
  simulated,
  actual,
}: {
  simulated: readonly DayMetrics[];
  actual: readonly DayMetrics[];
}): { perMetric: Record<ModelMetricId, MetricError>; errorPercent: number | null } {
  if (simulated.length !== actual.length) {
    throw new RangeError(
      `compareMetrics needs as many simulated days (${simulated.length}) as actual ones (${actual.length})`,
    );
  }
  const days = actual.length;
  const perMetric = {} as Record<ModelMetricId, MetricError>;
  for (const metric of MODEL_METRIC_IDS) {
    let absError = 0;
    let absActual = 0;
    for (let day = 0; day < days; day += 1) {
      absError += Math.abs(simulated[day]![metric] - actual[day]![metric]);
      absActual += Math.abs(actual[day]![metric]);
    }
    const meanAbsError = days === 0 ? 0 : absError / days;
    const meanAbsActual = days === 0 ? 0 : absActual / days;
    perMetric[metric] = {
      meanAbsError,
      meanAbsPercentError: meanAbsActual > 0 ? (meanAbsError / meanAbsActual) * 100 : null,
    };
  }
  const percents = MODEL_METRIC_IDS.map((metric) => perMetric[metric].meanAbsPercentError).filter(
    (percent) => percent !== null,
  );
  return {
    perMetric,
    errorPercent:
      percents.length === 0 ? null : percents.reduce((sum, percent) => sum + percent, 0) / percents.length,
  };
}

/**
 * The model's honesty check: simulate `runs` seeded runs (seed, seed + 1, …) from `start` for as many days
 * as `actual` holds under the rules that were in force (`paramsByDay` when they changed), take each
 * metric's median over the runs per day and compare it with what happened (compareMetrics).
 * `simulate` is the simulation to check (simulateNetwork unless a test substitutes one).
 */
export function backtestModel({
  start,
  params,
  paramsByDay,
  actual,
  runs,
  seed,
  simulate = simulateNetwork,
}: {
  start: ModelState;
  params: ParameterValues;
  paramsByDay?: readonly ParameterValues[];
  actual: readonly DayMetrics[];
  runs: number;
  seed: number;
  simulate?: (input: SimulationInput) => SimulationRun;
}): BacktestResult {
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const days = actual.length;
  const simulatedRuns = Array.from(
    { length: runs },
    (_, run) =>
      simulate({ state: start, params, ...(paramsByDay ? { paramsByDay } : {}), days, seed: seed + run })
        .days,
  );
  // The same median the forecasts show (bands.ts), per metric and day across the runs.
  const medians = Object.fromEntries(
    MODEL_METRIC_IDS.map((metric) => [
      metric,
      bandsOf(simulatedRuns.map((runDays) => runDays.map((day) => day[metric]))).map((band) => band.median),
    ]),
  ) as Record<ModelMetricId, number[]>;
  const simulated = Array.from(
    { length: days },
    (_, day) =>
      Object.fromEntries(MODEL_METRIC_IDS.map((metric) => [metric, medians[metric][day]!])) as DayMetrics,
  );
  return { days, runs, ...compareMetrics({ simulated, actual }), simulated, actual: [...actual] };
}

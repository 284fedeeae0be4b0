import { downsampleLttb } from "@/lib/domain/charts/downsample-lttb";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { BacktestSummary, GroupChange, MetricForecast } from "@/lib/schemas/forecast";

type MetricUnit = MetricForecast["unit"];
type Band = MetricForecast["current"][number];

/** A metric's figure in its unit: a share as "31.2 %", credits as "1,234 credits", a rating as "0.38". */
export function formatMetricValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case "share":
      return formatPercent(value);
    case "credits":
      return `${formatCredits(value)} credits`;
    case "count":
      return formatNumber(value, { maxFractionDigits: 1 });
    case "rating":
    case "index":
      return formatNumber(value, { minFractionDigits: 2, maxFractionDigits: 2 });
  }
}

/** A figure on a chart's axis: short, without the unit's word ("31 %", "1,234", "0.38"). */
export function formatMetricTick(value: number, unit: MetricUnit): string {
  switch (unit) {
    case "share":
      return `${formatNumber(value * 100, { maxFractionDigits: 0 })} %`;
    case "credits":
    case "count":
      return formatNumber(value, { maxFractionDigits: Math.abs(value) >= 10 ? 0 : 1 });
    case "rating":
    case "index":
      return formatNumber(value, { maxFractionDigits: 2 });
  }
}

/** How far off the model was, in the metric's unit: "±2.1 percentage points", "±310 credits", "±3 nodes". */
export function formatMetricError(error: number, unit: MetricUnit): string {
  switch (unit) {
    case "share":
      return `±${formatNumber(error * 100, { maxFractionDigits: 1 })} percentage points`;
    case "credits":
      return `±${formatCredits(error)} credits`;
    case "count": {
      const text = formatNumber(error, { maxFractionDigits: 1 });
      return `±${text} ${text === "1" ? "node" : "nodes"}`;
    }
    case "rating":
    case "index":
      return `±${formatNumber(error, { maxFractionDigits: 2 })}`;
  }
}

/** Credits to a sensible precision: whole credits from 100 up, cents below. */
export function formatCredits(value: number): string {
  const size = Math.abs(value);
  return formatNumber(value, { maxFractionDigits: size >= 100 ? 0 : size >= 10 ? 1 : 2 });
}

/** "28–32 %": a 10–90 % band in the metric's unit, the unit said once. */
export function formatBandRange(band: Pick<Band, "p10" | "p90">, unit: MetricUnit): string {
  if (unit === "share") {
    return `${formatNumber(band.p10 * 100, { maxFractionDigits: 1 })}–${formatPercent(band.p90)}`;
  }
  if (unit === "credits") return `${formatCredits(band.p10)}–${formatCredits(band.p90)} credits`;
  // Percentiles of node counts fall between whole nodes; a range reads in whole nodes.
  if (unit === "count") {
    return `${formatNumber(band.p10, { maxFractionDigits: 0 })}–${formatNumber(band.p90, { maxFractionDigits: 0 })}`;
  }
  return `${formatMetricValue(band.p10, unit)}–${formatMetricValue(band.p90, unit)}`;
}

/** One chart row per simulated day: each rule set's median and its 10–90 % band as a [low, high] pair. */
export interface BandChartRow {
  day: number;
  current: number | null;
  currentBand: [number, number] | null;
  proposed: number | null;
  proposedBand: [number, number] | null;
}

/** Joins the two rule sets' bands by day, first day first (a day missing from one side is a gap, not a zero). */
export function bandChartRows(metric: Pick<MetricForecast, "current" | "proposed">): BandChartRow[] {
  const byDay = new Map<number, BandChartRow>();
  const rowFor = (day: number): BandChartRow => {
    let row = byDay.get(day);
    if (!row) {
      row = { day, current: null, currentBand: null, proposed: null, proposedBand: null };
      byDay.set(day, row);
    }
    return row;
  };
  for (const band of metric.current) {
    const row = rowFor(band.day);
    row.current = band.median;
    row.currentBand = [band.p10, band.p90];
  }
  for (const band of metric.proposed) {
    const row = rowFor(band.day);
    row.proposed = band.median;
    row.proposedBand = [band.p10, band.p90];
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

/**
 * At most `maxPoints` rows (one per pixel), chosen by LTTB on the proposed median so its peaks and dips
 * survive; the current rules' figures stay on the same days, so the two lines are compared day by day.
 */
export function downsampleRows(rows: readonly BandChartRow[], maxPoints: number): BandChartRow[] {
  if (rows.length <= maxPoints) return [...rows];
  return downsampleLttb(
    rows,
    Math.max(2, Math.floor(maxPoints)),
    (row) => row.day,
    (row) => row.proposed ?? row.current ?? 0,
  );
}

/**
 * What the chart shows in words, for assistive technology: both medians from the first to the last day
 * and the band on the last day.
 */
export function describeBandChart(metric: MetricForecast): string {
  const side = (name: string, bands: readonly Band[]): string | null => {
    const first = bands[0];
    const last = bands[bands.length - 1];
    if (!first || !last) return null;
    return `${name}: median ${formatMetricValue(first.median, metric.unit)} on day ${first.day}, ${formatMetricValue(last.median, metric.unit)} on day ${last.day} (likely ${formatBandRange(last, metric.unit)}).`;
  };
  const days = Math.max(metric.current.length, metric.proposed.length);
  return [
    `Line chart of ${lowerFirst(metric.label)} over ${days} simulated ${days === 1 ? "day" : "days"}, current rules against the proposed values, each a median line with a shaded band where 8 runs in 10 fell.`,
    side("Current rules", metric.current),
    side("Proposed values", metric.proposed),
  ]
    .filter((part): part is string => part !== null)
    .join(" ");
}

function lowerFirst(text: string): string {
  // Keep acronyms and names ("Gini") as written; only a plain capitalised first word is lowered.
  return /^[A-Z][a-z]/.test(text) && !/^Gini/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** The direction of a group's change in words and a sign, so colour is never the only signal. */
export type ChangeDirection = "gains" | "loses" | "same";

// A change smaller than this reads as "no change": the runs' noise is larger.
const SAME_PERCENT = 0.05;

export function changeDirection(
  group: Pick<GroupChange, "current" | "proposed" | "changePercent">,
): ChangeDirection {
  // No percentage when a group earns nothing today: any credits at all are a gain.
  if (group.changePercent === null) return group.proposed > group.current ? "gains" : "same";
  if (Math.abs(group.changePercent) < SAME_PERCENT) return "same";
  return group.changePercent > 0 ? "gains" : "loses";
}

/** "+1,234 credits (+12.3 %)", "−310 credits (−4 %)", "no change", "+20 credits (from none)". */
export function formatGroupChange(
  group: Pick<GroupChange, "current" | "proposed" | "changePercent">,
): string {
  const direction = changeDirection(group);
  if (direction === "same") return "no change";
  const delta = group.proposed - group.current;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "";
  const credits = `${sign}${formatCredits(Math.abs(delta))} credits`;
  if (group.changePercent === null) return `${credits} (from none)`;
  const percentSign = group.changePercent > 0 ? "+" : "−";
  return `${credits} (${percentSign}${formatNumber(Math.abs(group.changePercent), { maxFractionDigits: 1 })} %)`;
}

/** The backtest's overall error: "±4.2 %" (one decimal below 10 %, whole percents above). */
export function formatErrorPercent(percent: number): string {
  return `±${formatNumber(percent, { maxFractionDigits: percent < 10 ? 1 : 0 })} %`;
}

function lastDays(days: number): string {
  return `On the last ${formatNumber(days)} ${days === 1 ? "day" : "days"}`;
}

/** The whole forecast's honesty line: "On the last 23 days the model was off by ±4.2 % on average." */
export function backtestSummaryLine(backtest: BacktestSummary | null): string {
  if (!backtest) {
    return "The model has not been checked against past days yet, so how far off it can be is not known.";
  }
  return `${lastDays(backtest.days)} the model was off by ${formatErrorPercent(backtest.errorPercent)} on average across its figures.`;
}

/** Beside one metric: "On the last 23 days the model was off by ±2.1 percentage points on this figure." */
export function backtestLine(
  metric: Pick<MetricForecast, "backtestError" | "unit">,
  backtest: BacktestSummary | null,
): string {
  if (!backtest || metric.backtestError === null) return backtestSummaryLine(backtest);
  return `${lastDays(backtest.days)} the model was off by ${formatMetricError(metric.backtestError, metric.unit)} on this figure.`;
}

// Tick spacings people read at a glance, times a power of ten.
const NICE_STEPS = [1, 2, 2.5, 5, 10];
const TARGET_INTERVALS = 4;

/**
 * A value axis from 0 to a round top with 4–5 round ticks covering `maxValue` ("0, 10, 20, 30, 40 %" rather
 * than "0, 9, 17, 26, 34 %"); counts step by whole nodes.
 */
export function niceAxis(maxValue: number, unit: MetricUnit): { top: number; ticks: number[] } {
  const max = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const raw = max / TARGET_INTERVALS;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = (NICE_STEPS.find((nice) => nice * magnitude >= raw - 1e-12) ?? 10) * magnitude;
  if (unit === "count") step = Math.max(1, Math.ceil(step));
  const intervals = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: intervals + 1 }, (_, index) => Number((index * step).toPrecision(12)));
  return { top: ticks[ticks.length - 1]!, ticks };
}

/** The highest figure a chart must show: the top of either band, or a median above it. */
export function bandChartMax(rows: readonly BandChartRow[]): number {
  let max = 0;
  for (const row of rows) {
    for (const value of [row.current, row.proposed, row.currentBand?.[1], row.proposedBand?.[1]]) {
      if (value !== null && value !== undefined && Number.isFinite(value) && value > max) max = value;
    }
  }
  return max;
}

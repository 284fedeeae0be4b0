import type { BadgeTone } from "@/components/ui/badge";
import { formatNumber } from "@/lib/domain/format-number";
import { formatFigure, type MetricUnit } from "@/lib/domain/network-model/forecast-view";

export type Verdict = "within" | "above" | "below";

export const VERDICT_LABELS: Record<Verdict, string> = {
  within: "Within the forecast range",
  above: "Above the forecast range",
  below: "Below the forecast range",
};

/** Short verdicts for a table whose caption says they are against the forecast range. */
export const VERDICT_SHORT_LABELS: Record<Verdict, string> = {
  within: "Within",
  above: "Above",
  below: "Below",
};

export const VERDICT_TONES: Record<Verdict, BadgeTone> = {
  within: "success",
  above: "warning",
  below: "warning",
};

/** "5 of 8 figures within the forecast range after 7 days". */
export function checkSummary({
  within,
  total,
  days,
}: {
  within: number;
  total: number;
  days: number;
}): string {
  return `${formatNumber(within)} of ${formatNumber(total)} ${total === 1 ? "figure" : "figures"} within the forecast range after ${formatNumber(days)} days`;
}

const UNIT_SUFFIXES: Record<MetricUnit, string> = {
  share: " %",
  credits: " credits",
  count: " nodes",
  rating: "",
  index: "",
};

/** A likely range with its unit written once: "30–31 %", "75–80.8 credits"; one figure when both ends read the same. */
export function likelyRange(unit: MetricUnit, low: number, high: number): string {
  const from = formatFigure(unit, low);
  const to = formatFigure(unit, high);
  if (from === to) return to;
  const suffix = UNIT_SUFFIXES[unit];
  return `${suffix && from.endsWith(suffix) ? from.slice(0, -suffix.length) : from}–${to}`;
}

/** A forecast's mean figure and its likely range: "6 nodes (likely 5–6 nodes)". */
export function forecastFigure(
  unit: MetricUnit,
  { p10, median, p90 }: { p10: number; median: number; p90: number },
): string {
  return `${formatFigure(unit, median)} (likely ${likelyRange(unit, p10, p90)})`;
}

/** Why no forecast was frozen, in plain words, from the forecast's status at the time. */
export function noForecastReason(status: string): string {
  switch (status) {
    case "no-history":
      return "the network did not yet have enough days of history turned into rewards for the model to start from";
    case "no-model-change":
      return "it only changed governance rules, which the network model does not act on";
    case "same-as-current":
      return "its values were already the rules in force, so there was no difference to forecast";
    default:
      return `the model gave no forecast (“${status}”)`;
  }
}

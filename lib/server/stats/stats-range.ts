import { DAY_MS, floorToStep } from "@/lib/domain/metrics/network-series";
import { STATS_RANGE_LABELS, STATS_RANGE_MS, type StatsRange } from "@/lib/schemas/network-stats";
import type { OperatorStatsRange } from "@/lib/schemas/operator-stats";

/** The range a dashboard covers, as its queries read it and as its sentences name it. */
export interface StatsWindow {
  range: StatsRange;
  /** Start of the range; null for "all". */
  from: Date | null;
  now: Date;
  /** "over the last 7 days": how a summary sentence ends. */
  period: string;
  /** "last 7 days". */
  rangeLabel: string;
}

export function statsWindow(range: StatsRange, now: Date): StatsWindow {
  return {
    range,
    from: range === "all" ? null : new Date(now.getTime() - STATS_RANGE_MS[range]),
    now,
    period: range === "all" ? "over the whole history" : `over the ${STATS_RANGE_LABELS[range]}`,
    rangeLabel: STATS_RANGE_LABELS[range],
  };
}

/** Midnight (UTC) of the range's first day, so whole epochs and daily rollups fall in or out; null for "all". */
export function operatorStatsRangeStart(range: OperatorStatsRange, now: Date): Date | null {
  if (range === "all") return null;
  return floorToStep(new Date(now.getTime() - STATS_RANGE_MS[range]), DAY_MS);
}

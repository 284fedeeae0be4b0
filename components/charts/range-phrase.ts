import { STATS_RANGE_LABELS, type StatsRange } from "@/lib/schemas/network-stats";

/** The range as it ends a sentence: "in the last 7 days", or "since the first report" for all time. */
export function rangePhrase(range: StatsRange): string {
  return range === "all" ? "since the first report" : `in the ${STATS_RANGE_LABELS[range]}`;
}

import type { SummaryBucket } from "@/lib/domain/metrics/dashboard-summaries";

const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const BUCKET_MS: Record<SummaryBucket, number> = { hour: HOUR_MS, day: DAY_MS };
/** Past this many hours a series is drawn from daily rollups: fewer rows to read, and LTTB would drop most hours. */
export const HOURLY_SERIES_MAX_HOURS = 8_000;

/** The start of the `stepMs`-wide bucket (counted from 1970, UTC) that holds `at`. */
export function floorToStep(at: Date, stepMs: number): Date {
  return new Date(Math.floor(at.getTime() / stepMs) * stepMs);
}

/** Hours while the series from `firstHour` to `hourEnd` spans at most HOURLY_SERIES_MAX_HOURS, else days. */
export function seriesBucket({ firstHour, hourEnd }: { firstHour: Date; hourEnd: Date }): SummaryBucket {
  return (hourEnd.getTime() - firstHour.getTime()) / HOUR_MS <= HOURLY_SERIES_MAX_HOURS ? "hour" : "day";
}

/** One bucket of the network's rollups, `at` in epoch ms. */
export interface NetworkSeriesRow {
  at: number;
  uptimeSeconds: number;
  nodes: number;
  bytesUp: number;
}

/** Every bucket from the first row to `lastAt`; a bucket nobody reported in is a real zero. */
export function fillSeriesGaps(
  rows: readonly NetworkSeriesRow[],
  { stepMs, lastAt }: { stepMs: number; lastAt: number },
): NetworkSeriesRow[] {
  const first = rows[0];
  if (!first) return [];
  const byAt = new Map(rows.map((row) => [row.at, row]));
  const filled: NetworkSeriesRow[] = [];
  for (let at = first.at; at <= lastAt; at += stepMs) {
    filled.push(byAt.get(at) ?? { at, uptimeSeconds: 0, nodes: 0, bytesUp: 0 });
  }
  return filled;
}

/** Nodes up on average in a bucket: the uptime reported in it ÷ the bucket's length. */
export function averageNodesUp(uptimeSeconds: number, bucket: SummaryBucket): number {
  return uptimeSeconds / (BUCKET_MS[bucket] / 1000);
}

/** The width, in whole minutes, that splits `start` to `now` (both included) into at most `buckets` buckets. */
export function coverageBucketWidthMs({
  start,
  now,
  buckets,
}: {
  start: Date;
  now: Date;
  buckets: number;
}): number {
  return Math.ceil((now.getTime() - start.getTime() + 1) / (buckets * MINUTE_MS)) * MINUTE_MS;
}

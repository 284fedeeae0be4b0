import { RangeSwitch } from "@/components/charts/range-switch";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDateTime } from "@/lib/domain/format-time";
import { STATS_CHART_MAX_POINTS } from "@/lib/schemas/network-stats";
import { SYNC_COVERAGE_RANGE_LABELS, SYNC_COVERAGE_RANGES } from "@/lib/schemas/sync";
import type { RouterOutputs } from "@/lib/trpc/server";
import { syncHref, type SyncPageQuery } from "./sync-href";
import { versionText } from "./sync-text";

export function CoverageHistorySection({
  series,
  query,
}: {
  series: RouterOutputs["sync"]["overview"]["series"];
  query: SyncPageQuery;
}) {
  const rangeLabel = SYNC_COVERAGE_RANGE_LABELS[query.range];
  const coverages = series.points.map((point) => point.coverage);
  const lastPoint = series.points.at(-1);
  const seriesSummary = lastPoint
    ? `Over the ${rangeLabel}, coverage ranged from ${formatPercent(Math.min(...coverages))} to ${formatPercent(Math.max(...coverages))}; the latest sample, ${formatDateTime(lastPoint.at)}, shows ${formatPercent(lastPoint.coverage)} (${formatNumber(lastPoint.synced)} of ${formatNumber(lastPoint.nodes)} nodes).`
    : `No coverage samples in the ${rangeLabel} yet: the sync worker records one every minute while it runs.`;
  return (
    <section aria-labelledby="coverage-history" className="mb-10">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="coverage-history" className="text-2xl font-semibold">
          Coverage over time
        </h2>
        <RangeSwitch
          options={SYNC_COVERAGE_RANGES.map((range) => ({
            key: range,
            label: (
              <>
                {range}
                <span className="sr-only">: {SYNC_COVERAGE_RANGE_LABELS[range]}</span>
              </>
            ),
            href: syncHref(query, { range }, "#coverage-history"),
            isCurrent: range === query.range,
          }))}
        />
      </div>
      <p className="mb-2 text-muted-foreground">
        The share of nodes with a config endpoint that were Synced, as the sync worker recorded it each
        minute.
      </p>
      <p id="coverage-summary" className="mb-3">
        {seriesSummary}
      </p>
      {series.points.length > 0 ? (
        <>
          {/* One point per pixel at most: the series is downsampled to this width. */}
          <div
            className="rounded-lg border border-border bg-surface p-3"
            style={{ maxWidth: STATS_CHART_MAX_POINTS }}
          >
            <TimeSeriesChart
              label={`Line chart of coverage over the ${rangeLabel}. ${seriesSummary}`}
              valueName="Coverage"
              unit="%"
              maxValue={100}
              points={series.points.map((point) => ({
                at: point.at.getTime(),
                value: point.coverage * 100,
              }))}
            />
          </div>
          <details className="mt-3">
            <summary className="cursor-pointer font-medium">
              Show the chart&apos;s data as a table ({formatNumber(series.points.length)} samples)
            </summary>
            <Table regionLabel="Coverage samples" className="mt-2">
              <TableCaption className="sr-only">
                Coverage samples over the {rangeLabel}, oldest first.
              </TableCaption>
              <TableHeader>
                <TableRow className="border-t-0">
                  <TableHead>Time</TableHead>
                  <TableHead>Coverage</TableHead>
                  <TableHead>Nodes synced</TableHead>
                  <TableHead>Latest config</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {series.points.map((point) => (
                  <TableRow key={point.at.getTime()}>
                    <TableCell className="whitespace-nowrap">{formatDateTime(point.at)}</TableCell>
                    <TableCell className="tabular-nums">{formatPercent(point.coverage)}</TableCell>
                    <TableCell className="tabular-nums">
                      {formatNumber(point.synced)} of {formatNumber(point.nodes)}
                    </TableCell>
                    <TableCell className="tabular-nums">{versionText(point.latestVersion)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </details>
        </>
      ) : null}
    </section>
  );
}

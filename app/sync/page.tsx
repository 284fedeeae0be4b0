import type { Metadata } from "next";
import Link from "next/link";
import { RangeSwitch } from "@/components/charts/range-switch";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { NotReady } from "@/components/not-ready";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SearchField } from "@/components/ui/filter-form";
import { Label, Select } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
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
import { SYNC_STATUSES } from "@/lib/domain/sync/sync-status";
import { STATS_CHART_MAX_POINTS } from "@/lib/schemas/network-stats";
import {
  DEFAULT_SYNC_NODE_PAGE_SIZE,
  SYNC_COVERAGE_RANGE_LABELS,
  SYNC_COVERAGE_RANGES,
  SYNC_SEARCH_MAX_LENGTH,
  SYNC_STATUS_EXPLANATIONS,
  syncPageQueryFromSearchParams,
} from "@/lib/schemas/sync";
import { getRequestTime, loadWhenReady } from "@/lib/trpc/server";
import { RetryNowButton } from "./retry-now-button";
import { SyncStatusBadge, syncStatusLabel } from "./sync-status-badge";
import { versionText } from "./sync-text";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Config sync",
  description:
    "Which nodes hold and run the latest config, coverage over time, and every node's delivery state.",
};

type PageQuery = ReturnType<typeof syncPageQueryFromSearchParams>;

/** The /sync URL for a query, leaving defaults out so links stay short. */
function syncHref(query: PageQuery, changes: Partial<PageQuery> = {}, hash = ""): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.range !== "24h") params.set("range", next.range);
  if (next.status) params.set("status", next.status);
  if (next.search) params.set("search", next.search);
  if (next.pageSize !== DEFAULT_SYNC_NODE_PAGE_SIZE) params.set("pageSize", String(next.pageSize));
  if (next.page !== 1) params.set("page", String(next.page));
  const text = params.toString();
  return `/sync${text ? `?${text}` : ""}${hash}`;
}

const WIDE_ONLY = "hidden md:table-cell";

export default async function SyncPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = syncPageQueryFromSearchParams(await searchParams);
  const result = await loadWhenReady((api) =>
    Promise.all([
      api.sync.overview({ range: query.range }),
      api.sync.nodes({
        status: query.status,
        search: query.search,
        page: query.page,
        pageSize: query.pageSize,
      }),
    ]),
  );
  if (!result.ready) return <NotReady />;
  const [overview, list] = result.data;
  const now = getRequestTime();
  const { withEndpoint, withoutEndpoint, series } = overview;
  const rangeLabel = SYNC_COVERAGE_RANGE_LABELS[query.range];
  const coverages = series.points.map((point) => point.coverage);
  const lastPoint = series.points.at(-1);
  const seriesSummary = lastPoint
    ? `Over the ${rangeLabel}, coverage ranged from ${formatPercent(Math.min(...coverages))} to ${formatPercent(Math.max(...coverages))}; the latest sample, ${formatDateTime(lastPoint.at)}, shows ${formatPercent(lastPoint.coverage)} (${formatNumber(lastPoint.synced)} of ${formatNumber(lastPoint.nodes)} nodes).`
    : `No coverage samples in the ${rangeLabel} yet: the sync worker records one every minute while it runs.`;
  const hasFilters = Boolean(query.status || query.search);
  const firstRow = (list.page - 1) * list.pageSize + 1;
  const caption =
    `${formatNumber(list.total)} ${list.total === 1 ? "node" : "nodes"}` +
    `${query.status ? ` with status ${syncStatusLabel(query.status)}` : ""}` +
    `${query.search ? ` matching “${query.search}”` : ""}, sorted by name. ` +
    `Showing ${formatNumber(firstRow)}–${formatNumber(firstRow + list.rows.length - 1)}.`;

  return (
    <>
      <PageHeader
        title="Config sync"
        description={
          <p>
            Every ratified config is signed and sent to each node&apos;s config endpoint. This page shows
            which nodes hold and run it, and what happened to every delivery.
          </p>
        }
      />

      <section
        aria-labelledby="coverage-now"
        className="mb-10 rounded-lg border border-border bg-surface p-5"
      >
        <h2 id="coverage-now" className="text-lg font-semibold">
          Coverage now
        </h2>
        <p className="mt-2 text-4xl font-bold tabular-nums">
          {withEndpoint.coverage === null ? "—" : formatPercent(withEndpoint.coverage)}
        </p>
        <p className="mt-2">
          {withEndpoint.nodes === 0
            ? "No node has a config endpoint yet, so there is nothing to measure."
            : `${formatNumber(withEndpoint.synced)} of ${formatNumber(withEndpoint.nodes)} nodes with a config endpoint hold and run the active config, ${versionText(overview.activeVersion)}.`}
        </p>
        {withoutEndpoint.nodes > 0 ? (
          <p className="mt-1 text-muted-foreground">
            Not counted above: {formatNumber(withoutEndpoint.nodes)}{" "}
            {withoutEndpoint.nodes === 1 ? "node has" : "nodes have"} no config endpoint, so the platform
            cannot send them configs; {formatNumber(withoutEndpoint.synced)} of them report running{" "}
            {versionText(overview.activeVersion)}.
          </p>
        ) : null}
        <p className="mt-1 text-muted-foreground">
          Latest config: {versionText(overview.latestVersion)}.
          {overview.scheduledVersions.map((scheduled) => (
            <span key={scheduled.version}>
              {" "}
              {versionText(scheduled.version)} takes effect{" "}
              <RelativeTime at={scheduled.activateAt} now={now} />.
            </span>
          ))}
        </p>
      </section>

      <section aria-labelledby="by-status" className="mb-10">
        <h2 id="by-status" className="mb-4 text-2xl font-semibold">
          Nodes by sync status
        </h2>
        <p className="mb-4 max-w-3xl text-muted-foreground">
          Nodes with a config endpoint, which the platform delivers to.
          {withoutEndpoint.nodes > 0
            ? ` The ${formatNumber(withoutEndpoint.nodes)} without one fetch configs themselves; the table below lists them too.`
            : null}
        </p>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {SYNC_STATUSES.map((status) => (
            <li key={status} className="rounded-lg border border-border bg-surface p-4">
              <p className="flex items-center justify-between gap-3">
                <Link href={syncHref(query, { status, page: 1 }, "#nodes")} className="font-semibold">
                  {syncStatusLabel(status)}
                  <span className="sr-only">: show these nodes</span>
                </Link>
                <span className="text-2xl font-bold tabular-nums">
                  {formatNumber(overview.counts[status])}
                </span>
              </p>
              <p className="mt-1 text-sm text-muted-foreground">{SYNC_STATUS_EXPLANATIONS[status]}</p>
            </li>
          ))}
        </ul>
      </section>

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

      <section aria-labelledby="nodes">
        <h2 id="nodes" className="mb-4 text-2xl font-semibold">
          Nodes
        </h2>
        <FilterForm
          action="/sync#nodes"
          label="Filter nodes by sync status or name"
          submitLabel="Show nodes"
          clearHref={
            hasFilters ? syncHref(query, { status: undefined, search: undefined, page: 1 }, "#nodes") : null
          }
          className="sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-end"
        >
          {query.range !== "24h" ? <input type="hidden" name="range" value={query.range} /> : null}
          <SearchField
            id="sync-search"
            label="Search by node name"
            defaultValue={query.search}
            maxLength={SYNC_SEARCH_MAX_LENGTH}
            placeholder="e.g. relay"
          />
          <div>
            <Label htmlFor="sync-status">Sync status</Label>
            <Select id="sync-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">All statuses</option>
              {SYNC_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {syncStatusLabel(status)}
                </option>
              ))}
            </Select>
          </div>
        </FilterForm>

        {list.total === 0 ? (
          <EmptyState
            headingLevel="h3"
            title={hasFilters ? "No nodes match these filters" : "No nodes to deliver to yet"}
            action={
              hasFilters ? (
                <Button asChild variant="secondary">
                  <Link href={syncHref(query, { status: undefined, search: undefined, page: 1 })}>
                    Clear the filters
                  </Link>
                </Button>
              ) : null
            }
          >
            <p>
              {hasFilters
                ? "Try another status, or search for part of the node's name."
                : "Nodes appear here once operators enrol them and the sync worker has seen them."}
            </p>
          </EmptyState>
        ) : list.rows.length === 0 ? (
          <EmptyState
            headingLevel="h3"
            title={`Page ${list.page} is past the end of the list`}
            action={
              <Button asChild variant="secondary">
                <Link href={syncHref(query, { page: list.pageCount }, "#nodes")}>
                  Go to the last page ({list.pageCount})
                </Link>
              </Button>
            }
          />
        ) : (
          <>
            <p aria-hidden="true" className="mb-3 text-muted-foreground">
              {caption}
            </p>
            <Table regionLabel="Nodes and their config delivery">
              <TableCaption className="sr-only">{caption}</TableCaption>
              <TableHeader>
                <TableRow className="border-t-0">
                  <TableHead>Node</TableHead>
                  <TableHead className={WIDE_ONLY}>Operator</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className={WIDE_ONLY}>Acknowledged</TableHead>
                  <TableHead className={WIDE_ONLY}>Observed</TableHead>
                  <TableHead className={WIDE_ONLY}>Last attempt</TableHead>
                  <TableHead className={WIDE_ONLY}>Last error</TableHead>
                  <TableHead className={WIDE_ONLY}>Next attempt</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.rows.map((row) => (
                  <TableRow key={row.nodeId}>
                    <TableHead scope="row">
                      <Link href={`/sync/${encodeURIComponent(row.nodeId)}`} className="break-all">
                        {row.name}
                      </Link>
                      <span className="block text-sm font-normal text-muted-foreground md:hidden">
                        {row.operatorName} · holds {versionText(row.acknowledgedVersion)}
                        {row.lastError ? ` · ${row.lastError}` : ""}
                      </span>
                    </TableHead>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>{row.operatorName}</TableCell>
                    <TableCell>
                      <SyncStatusBadge status={row.status} />
                    </TableCell>
                    <TableCell className={`${WIDE_ONLY} tabular-nums`}>
                      {versionText(row.acknowledgedVersion)}
                    </TableCell>
                    <TableCell className={`${WIDE_ONLY} tabular-nums`}>
                      {versionText(row.observedVersion)}
                    </TableCell>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>
                      {row.lastAttemptAt ? <RelativeTime at={row.lastAttemptAt} now={now} /> : "none yet"}
                    </TableCell>
                    <TableCell className={`${WIDE_ONLY} max-w-64 text-sm`}>{row.lastError ?? "—"}</TableCell>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>
                      {row.nextAttemptAt ? (
                        <RelativeTime at={row.nextAttemptAt} now={now} />
                      ) : row.hasEndpoint ? (
                        "none"
                      ) : (
                        "no endpoint"
                      )}
                    </TableCell>
                    <TableCell>
                      {row.canRetryNow ? <RetryNowButton nodeId={row.nodeId} nodeName={row.name} /> : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination
              label="Node table pages"
              page={list.page}
              pageCount={list.pageCount}
              hrefForPage={(page) => syncHref(query, { page }, "#nodes")}
            />
          </>
        )}
      </section>
    </>
  );
}

import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SearchField } from "@/components/ui/filter-form";
import { Label, Select } from "@/components/ui/form-controls";
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
import { SYNC_STATUSES } from "@/lib/domain/sync/sync-status";
import { SYNC_SEARCH_MAX_LENGTH } from "@/lib/schemas/sync";
import type { RouterOutputs } from "@/lib/trpc/server";
import { RetryNowButton } from "./retry-now-button";
import { syncHref, type SyncPageQuery } from "./sync-href";
import { SyncStatusBadge, syncStatusLabel } from "./sync-status-badge";
import { versionText } from "./sync-text";

const WIDE_ONLY = "hidden md:table-cell";

export function SyncNodesSection({
  list,
  query,
  now,
}: {
  list: RouterOutputs["sync"]["nodes"];
  query: SyncPageQuery;
  now: Date;
}) {
  const hasFilters = Boolean(query.status || query.search);
  const firstRow = (list.page - 1) * list.pageSize + 1;
  const caption =
    `${formatNumber(list.total)} ${list.total === 1 ? "node" : "nodes"}` +
    `${query.status ? ` with status ${syncStatusLabel(query.status)}` : ""}` +
    `${query.search ? ` matching “${query.search}”` : ""}, sorted by name. ` +
    `Showing ${formatNumber(firstRow)}–${formatNumber(firstRow + list.rows.length - 1)}.`;

  return (
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
  );
}

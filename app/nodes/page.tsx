import type { Metadata } from "next";
import Link from "next/link";
import { NodeStatusBadge } from "@/components/node-status-badge";
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
import {
  DEFAULT_NODE_PAGE_SIZE,
  NODE_PAGE_SIZES,
  NODE_SEARCH_MAX_LENGTH,
  NODE_STATUSES,
  nodeListQueryFromSearchParams,
  type NodeListQuery,
} from "@/lib/schemas/nodes";
import { getRequestTime, loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Nodes",
  description: "The nodes of the network: operator, region, status, last contact and config version.",
};

/** The /nodes URL for a query, leaving defaults out so links stay short and shareable. */
function nodesHref(query: NodeListQuery, changes: Partial<NodeListQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.search) params.set("search", next.search);
  if (next.status) params.set("status", next.status);
  if (next.region) params.set("region", next.region);
  if (next.pageSize !== DEFAULT_NODE_PAGE_SIZE) params.set("pageSize", String(next.pageSize));
  if (next.page !== 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `/nodes?${text}` : "/nodes";
}

/** Columns shown from the `sm` breakpoint up; on phones their values sit under the node name. */
const WIDE_ONLY = "hidden sm:table-cell";

function filterSummary(query: NodeListQuery): string {
  const parts = [
    query.search ? `matching “${query.search}”` : null,
    query.status ? `with status ${query.status}` : null,
    query.region ? `in ${query.region}` : null,
  ].filter(Boolean);
  return parts.join(", ");
}

export default async function NodesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = nodeListQueryFromSearchParams(await searchParams);
  const result = await loadWhenReady((api) => api.nodes.list(query));
  if (!result.ready) return <NotReady />;
  const list = result.data;
  const now = getRequestTime();
  const hasFilters = Boolean(query.search || query.status || query.region);
  const firstRow = (list.page - 1) * list.pageSize + 1;
  const lastRow = firstRow + list.rows.length - 1;
  const summary = filterSummary(query);
  const caption =
    `${formatNumber(list.total)} ${list.total === 1 ? "node" : "nodes"}${summary ? ` ${summary}` : ""}, ` +
    `sorted by name. Showing ${formatNumber(firstRow)}–${formatNumber(lastRow)}.`;

  return (
    <>
      <PageHeader
        title="Nodes"
        description={
          <p>The computers that make up the network, who runs them and whether they are keeping up.</p>
        }
      />

      <FilterForm
        action="/nodes"
        label="Filter nodes"
        submitLabel="Show nodes"
        clearHref={
          hasFilters
            ? nodesHref({ ...query, search: undefined, status: undefined, region: undefined, page: 1 })
            : null
        }
        className="sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]"
        actionsClassName="sm:col-span-2 lg:col-span-4"
      >
        <SearchField
          id="node-search"
          label="Search by node or operator name"
          defaultValue={query.search}
          maxLength={NODE_SEARCH_MAX_LENGTH}
          placeholder="e.g. relay or Alpha Cooperative"
        />
        <div>
          <Label htmlFor="node-status">Status</Label>
          <Select id="node-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">All statuses</option>
            {NODE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="node-region">Region</Label>
          <Select id="node-region" name="region" defaultValue={query.region ?? ""}>
            <option value="">All regions</option>
            {list.regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="node-page-size">Nodes per page</Label>
          <Select id="node-page-size" name="pageSize" defaultValue={String(query.pageSize)}>
            {NODE_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
      </FilterForm>

      {list.total === 0 ? (
        <EmptyState
          title={
            query.search
              ? `No nodes match “${query.search}”`
              : hasFilters
                ? "No nodes match these filters"
                : "No nodes yet"
          }
          action={
            query.search ? (
              <Button asChild variant="secondary">
                <Link href={nodesHref(query, { search: undefined, page: 1 })}>Clear the search</Link>
              </Button>
            ) : hasFilters ? (
              <Button asChild variant="secondary">
                <Link href="/nodes">Clear the filters</Link>
              </Button>
            ) : null
          }
        >
          <p>
            {query.search
              ? "Check the spelling, search for part of the name, or search for the operator instead. The search looks at node names and operator names."
              : hasFilters
                ? "Try another status or region."
                : "Nodes appear here once operators enrol them."}
          </p>
        </EmptyState>
      ) : list.rows.length === 0 ? (
        <EmptyState
          title={`Page ${list.page} is past the end of the list`}
          action={
            <Button asChild variant="secondary">
              <Link href={nodesHref(query, { page: list.pageCount })}>
                Go to the last page ({list.pageCount})
              </Link>
            </Button>
          }
        >
          <p>
            {formatNumber(list.total)} {list.total === 1 ? "node matches" : "nodes match"}, on{" "}
            {list.pageCount} {list.pageCount === 1 ? "page" : "pages"}.
          </p>
        </EmptyState>
      ) : (
        <>
          {/* The caption scrolls with a wide table on phones, so its text is also shown above it. */}
          <p aria-hidden="true" className="mb-3 text-muted-foreground">
            {caption}
          </p>
          <Table regionLabel="Nodes">
            <TableCaption className="sr-only">{caption}</TableCaption>
            <TableHeader>
              <TableRow className="border-t-0">
                <TableHead>Node</TableHead>
                <TableHead className={WIDE_ONLY}>Operator</TableHead>
                <TableHead className={WIDE_ONLY}>Region</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className={WIDE_ONLY}>Last seen</TableHead>
                <TableHead className={WIDE_ONLY}>Config version</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.rows.map((node) => {
                const configVersion =
                  node.reportedConfigVersion === null ? null : `v${node.reportedConfigVersion}`;
                const lastSeen = node.lastSeenAt ? <RelativeTime at={node.lastSeenAt} now={now} /> : "never";
                return (
                  <TableRow key={node.id}>
                    <TableHead scope="row" className="sm:whitespace-nowrap">
                      <Link href={`/nodes/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                      {/* On phones the hidden columns are folded into the node cell. */}
                      <span className="block text-sm font-normal text-muted-foreground sm:hidden">
                        {node.operatorName} · {node.region}
                        <br />
                        seen {lastSeen} · config {configVersion ?? "not reported"}
                      </span>
                    </TableHead>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>{node.operatorName}</TableCell>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>{node.region}</TableCell>
                    <TableCell>
                      <NodeStatusBadge status={node.status} />
                    </TableCell>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>{lastSeen}</TableCell>
                    <TableCell className={`${WIDE_ONLY} tabular-nums`}>
                      {configVersion ?? (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="sr-only">none reported</span>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Pagination
            label="Node list pages"
            page={list.page}
            pageCount={list.pageCount}
            hrefForPage={(page) => nodesHref(query, { page })}
          />
        </>
      )}
    </>
  );
}

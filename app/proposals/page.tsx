import type { Metadata } from "next";
import Link from "next/link";
import { NotReady } from "@/components/not-ready";
import { ProposalStateBadge } from "@/components/proposals/proposal-state-badge";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SearchField } from "@/components/ui/filter-form";
import { Label, Select } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { formatNumber } from "@/lib/domain/format-number";
import { PROPOSAL_SEARCH_MAX } from "@/lib/domain/governance/proposal-limits";
import { PROPOSAL_STATE_VALUES, PROPOSAL_STATES } from "@/lib/domain/governance/proposal-lifecycle";
import { PARAMETER_CATEGORIES, isParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import { proposalListQueryFromSearchParams, type ProposalListQuery } from "@/lib/schemas/proposal-list-query";
import {
  getRequestTime,
  getSessionOperatorForRequest,
  loadWhenReady,
  type RouterOutputs,
} from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Proposals",
  description:
    "Proposed changes to the network's rules: what they would change, and the discussion about them.",
};

type ProposalSummary = RouterOutputs["proposals"]["list"]["items"][number];

const SORTS: Record<ProposalListQuery["sort"], string> = {
  newest: "Newest first",
  updated: "Recently updated",
  title: "Title, A to Z",
  "discussion-ends": "Discussion ending soonest",
};

const LISTED_STATES = PROPOSAL_STATE_VALUES.filter((state) => state !== "Draft");
const DEFAULT_PAGE_SIZE = 20;

/** The /proposals URL for a query, leaving defaults out so links stay short and shareable. */
function proposalsHref(query: ProposalListQuery, changes: Partial<ProposalListQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.query) params.set("search", next.query);
  if (next.state) params.set("state", next.state);
  if (next.category) params.set("category", next.category);
  if (next.sort !== "newest") params.set("sort", next.sort);
  if (next.pageSize !== DEFAULT_PAGE_SIZE) params.set("pageSize", String(next.pageSize));
  if (next.page !== 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `/proposals?${text}` : "/proposals";
}

function stateLabel(state: string): string {
  if (state === "open") return "open (in discussion, queued or voting)";
  return Object.hasOwn(PROPOSAL_STATES, state)
    ? PROPOSAL_STATES[state as keyof typeof PROPOSAL_STATES].label.toLowerCase()
    : state;
}

function categoryLabel(id: string): string {
  return PARAMETER_CATEGORIES.find((category) => category.id === id)?.label ?? id;
}

function filterSummary(query: ProposalListQuery): string {
  return [
    query.query ? `matching “${query.query}”` : null,
    query.state ? `that are ${stateLabel(query.state)}` : null,
    query.category ? `about ${categoryLabel(query.category).toLowerCase()}` : null,
  ]
    .filter(Boolean)
    .join(", ");
}

function changeLine(change: ProposalSummary["changes"][number]): string {
  if (!isParameterKey(change.key)) return change.label;
  return `${change.label}: ${formatParameterValue(change.key, change.fromValue)} → ${formatParameterValue(change.key, change.toValue)}`;
}

function ProposalCard({ proposal, now }: { proposal: ProposalSummary; now: Date }) {
  const headingId = `proposal-${proposal.id}-title`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-border bg-surface p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <h3 id={headingId} className="text-lg font-semibold leading-snug">
          <Link href={`/proposals/${encodeURIComponent(proposal.id)}`}>{proposal.title}</Link>
        </h3>
        <ProposalStateBadge state={proposal.state} />
      </div>
      <p className="mt-2 max-w-3xl">{proposal.summary}</p>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label="Changes">
        {proposal.changes.map((change) => (
          <li key={change.key} className="rounded-md bg-surface-muted px-2 py-1 text-sm tabular-nums">
            {changeLine(change)}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-muted-foreground">
        by {proposal.author.displayName}
        {" · "}
        {proposal.publishedAt ? (
          <>
            published <RelativeTime at={proposal.publishedAt} now={now} />
          </>
        ) : (
          <>
            started <RelativeTime at={proposal.createdAt} now={now} />
          </>
        )}
        {proposal.state === "Discussion" && proposal.discussionEndsAt ? (
          <>
            {" · "}discussion ends <RelativeTime at={proposal.discussionEndsAt} now={now} /> at the earliest
          </>
        ) : null}
        {" · "}
        {formatNumber(proposal.commentCount)} {proposal.commentCount === 1 ? "comment" : "comments"}
        {proposal.categories.length > 0 ? ` · ${proposal.categories.map(categoryLabel).join(", ")}` : null}
      </p>
    </article>
  );
}

function YourProposals({ items, now }: { items: ProposalSummary[]; now: Date }) {
  return (
    <section aria-labelledby="your-proposals-heading" className="mb-10">
      <h2 id="your-proposals-heading" className="mb-3 text-xl font-semibold">
        Your proposals
      </h2>
      {items.length === 0 ? (
        <p className="text-muted-foreground">
          You have not written a proposal yet. Drafts you save appear here; only you can see them.
        </p>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
          {items.map((proposal) => (
            <li
              key={proposal.id}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3"
            >
              <Link href={`/proposals/${encodeURIComponent(proposal.id)}`} className="font-medium">
                {proposal.title}
              </Link>
              <span className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground">
                <ProposalStateBadge state={proposal.state} />
                <span>
                  updated <RelativeTime at={proposal.updatedAt} now={now} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default async function ProposalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = proposalListQueryFromSearchParams(await searchParams);
  const operator = await getSessionOperatorForRequest();
  const hasFilters = Boolean(query.query || query.state || query.category);
  const showMine = operator !== null && !hasFilters && query.page === 1;
  const result = await loadWhenReady(async (api) => {
    const [list, mine] = await Promise.all([
      api.proposals.list(query),
      showMine ? api.proposals.mine() : null,
    ]);
    return { list, mine };
  });
  if (!result.ready) return <NotReady />;
  const { list, mine } = result.data;
  const now = getRequestTime();
  const pageCount = Math.max(1, Math.ceil(list.total / list.pageSize));
  const firstRow = (list.page - 1) * list.pageSize + 1;
  const lastRow = firstRow + list.items.length - 1;
  const summary = filterSummary(query);

  return (
    <>
      <PageHeader
        title="Proposals"
        description={
          <p>
            Changes to the network’s rules that operators have proposed. Each one is discussed for a while,
            then put to a vote. <Link href="/how-it-works">How it works</Link>
          </p>
        }
        actions={
          <Button asChild>
            <Link href="/proposals/new">Propose a change</Link>
          </Button>
        }
      />

      {mine ? <YourProposals items={mine.items} now={now} /> : null}

      <section aria-labelledby="all-proposals-heading">
        <h2 id="all-proposals-heading" className="mb-3 text-xl font-semibold">
          All proposals
        </h2>
        <FilterForm
          action="/proposals"
          label="Filter proposals"
          submitLabel="Show proposals"
          clearHref={
            hasFilters
              ? proposalsHref({ ...query, query: undefined, state: undefined, category: undefined, page: 1 })
              : null
          }
          className="sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]"
          actionsClassName="sm:col-span-2 lg:col-span-4"
        >
          <SearchField
            id="proposal-search"
            label="Search titles"
            defaultValue={query.query}
            maxLength={PROPOSAL_SEARCH_MAX}
            placeholder="e.g. pay per GB"
          />
          <div>
            <Label htmlFor="proposal-state">State</Label>
            <Select id="proposal-state" name="state" defaultValue={query.state ?? ""}>
              <option value="">All states</option>
              <option value="open">Open: in discussion, queued or voting</option>
              {LISTED_STATES.map((state) => (
                <option key={state} value={state}>
                  {PROPOSAL_STATES[state].label}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="proposal-category">Rules about</Label>
            <Select id="proposal-category" name="category" defaultValue={query.category ?? ""}>
              <option value="">All kinds of rules</option>
              {PARAMETER_CATEGORIES.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.label}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="proposal-sort">Sort</Label>
            <Select id="proposal-sort" name="sort" defaultValue={query.sort}>
              {Object.entries(SORTS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          {query.pageSize !== DEFAULT_PAGE_SIZE ? (
            <input type="hidden" name="pageSize" value={query.pageSize} />
          ) : null}
        </FilterForm>

        {list.total === 0 ? (
          <EmptyState
            headingLevel="h3"
            title={hasFilters ? "No proposals match these filters" : "No proposals yet"}
            action={
              hasFilters ? (
                <Button asChild variant="secondary">
                  <Link href="/proposals">Clear the filters</Link>
                </Button>
              ) : (
                <Button asChild>
                  <Link href="/proposals/new">Propose a change</Link>
                </Button>
              )
            }
          >
            <p>
              {hasFilters
                ? "Try another state or kind of rule, or search for part of a title."
                : "Think a rule should change? Propose new values and explain why; others can discuss it before the vote."}
            </p>
          </EmptyState>
        ) : list.items.length === 0 ? (
          <EmptyState
            headingLevel="h3"
            title={`Page ${list.page} is past the end of the list`}
            action={
              <Button asChild variant="secondary">
                <Link href={proposalsHref(query, { page: pageCount })}>
                  Go to the last page ({pageCount})
                </Link>
              </Button>
            }
          >
            <p>
              {formatNumber(list.total)} {list.total === 1 ? "proposal matches" : "proposals match"}.
            </p>
          </EmptyState>
        ) : (
          <>
            <p className="mb-3 text-muted-foreground" aria-live="polite">
              {formatNumber(list.total)} {list.total === 1 ? "proposal" : "proposals"}
              {summary ? ` ${summary}` : ""}, {SORTS[query.sort].toLowerCase()}. Showing{" "}
              {formatNumber(firstRow)}–{formatNumber(lastRow)}.
            </p>
            <ul className="space-y-4">
              {list.items.map((proposal) => (
                <li key={proposal.id}>
                  <ProposalCard proposal={proposal} now={now} />
                </li>
              ))}
            </ul>
            {pageCount > 1 ? (
              <Pagination
                label="Proposal list pages"
                page={list.page}
                pageCount={pageCount}
                hrefForPage={(page) => proposalsHref(query, { page })}
              />
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

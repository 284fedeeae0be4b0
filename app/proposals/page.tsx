import type { Metadata } from "next";
import Link from "next/link";
import { NotReady } from "@/components/not-ready";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { formatNumber } from "@/lib/domain/format-number";
import { proposalListQueryFromSearchParams } from "@/lib/schemas/proposal-list-query";
import { getRequestTime, getSessionOperatorForRequest, loadWhenReady } from "@/lib/trpc/server";
import { ProposalCard } from "./proposal-card";
import { ProposalFilterForm } from "./proposal-filter-form";
import { filterSummary, SORT_LABELS } from "./proposal-list-text";
import { proposalsHref } from "./proposals-href";
import { YourProposals } from "./your-proposals";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Proposals",
  description:
    "Proposed changes to the network's rules: what they would change, and the discussion about them.",
};

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
  const firstRow = (list.page - 1) * list.pageSize + 1;
  const lastRow = firstRow + list.rows.length - 1;
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
        <ProposalFilterForm query={query} hasFilters={hasFilters} />

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
        ) : list.rows.length === 0 ? (
          <EmptyState
            headingLevel="h3"
            title={`Page ${list.page} is past the end of the list`}
            action={
              <Button asChild variant="secondary">
                <Link href={proposalsHref(query, { page: list.pageCount })}>
                  Go to the last page ({list.pageCount})
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
              {summary ? ` ${summary}` : ""}, {SORT_LABELS[query.sort].toLowerCase()}. Showing{" "}
              {formatNumber(firstRow)}–{formatNumber(lastRow)}.
            </p>
            <ul className="space-y-4">
              {list.rows.map((proposal) => (
                <li key={proposal.id}>
                  <ProposalCard proposal={proposal} now={now} />
                </li>
              ))}
            </ul>
            {list.pageCount > 1 ? (
              <Pagination
                label="Proposal list pages"
                page={list.page}
                pageCount={list.pageCount}
                hrefForPage={(page) => proposalsHref(query, { page })}
              />
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

import Link from "next/link";
import { ProposalStateBadge } from "@/components/proposals/proposal-state-badge";
import { RelativeTime } from "@/components/relative-time";
import type { ProposalSummary } from "./proposal-card";

export function YourProposals({ items, now }: { items: ProposalSummary[]; now: Date }) {
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

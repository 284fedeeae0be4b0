import Link from "next/link";
import { ProposalStateBadge } from "@/components/proposals/proposal-state-badge";
import { RelativeTime } from "@/components/relative-time";
import { formatNumber } from "@/lib/domain/format-number";
import { isParameterKey } from "@/lib/domain/parameters/catalogue";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import type { RouterOutputs } from "@/lib/trpc/server";
import { categoryLabel } from "./proposal-list-text";

export type ProposalSummary = RouterOutputs["proposals"]["list"]["rows"][number];

function changeLine(change: ProposalSummary["changes"][number]): string {
  if (!isParameterKey(change.key)) return change.label;
  return `${change.label}: ${formatParameterValue(change.key, change.fromValue)} → ${formatParameterValue(change.key, change.toValue)}`;
}

export function ProposalCard({ proposal, now }: { proposal: ProposalSummary; now: Date }) {
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

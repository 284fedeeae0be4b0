import Link from "next/link";
import { ProposalStateBadge } from "@/components/proposals/proposal-state-badge";
import { Card, CardTitle } from "@/components/ui/card";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { RoundOverview } from "./load-round";
import { formatSignedVotes } from "./round-text";
import { type ProposalOutcome, VoteDistribution } from "./vote-distribution";

/** "Passed" etc.: the round's outcome is the state the proposal ended in. */
function outcomeState(outcome: string): string {
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}

export function RoundProposalCard({
  proposal,
  outcome,
  round,
}: {
  proposal: RoundOverview["proposals"][number];
  outcome: ProposalOutcome | undefined;
  round: RoundOverview;
}) {
  const result = proposal.result;
  return (
    <li>
      <Card>
        <article aria-labelledby={`proposal-${proposal.id}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <CardTitle as="h3" id={`proposal-${proposal.id}`}>
              <Link href={`/proposals/${encodeURIComponent(proposal.id)}`}>{proposal.title}</Link>
            </CardTitle>
            {result ? <ProposalStateBadge state={outcomeState(result.outcome)} /> : null}
          </div>
          <p className="mt-1 text-muted-foreground">
            {proposal.summary} <span className="text-sm">Proposed by {proposal.author.displayName}.</span>
          </p>
          <ul className="mt-3 list-disc space-y-1 pl-5" data-testid="plain-language-diff">
            {proposal.changes.map((change) => (
              <li key={change.key}>{change.sentence}</li>
            ))}
          </ul>
          {proposal.touchesGov ? (
            <p className="mt-2 text-sm text-muted-foreground">
              It changes governance rules, so it needs {formatPercent(round.metaSupermajority)} of the votes
              cast in support.
            </p>
          ) : null}
          {result ? (
            <>
              <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
                {[
                  ["Net votes", formatSignedVotes(result.net)],
                  ["For", formatNumber(result.support)],
                  ["Against", formatNumber(result.opposition)],
                  ["Turnout", formatPercent(proposal.turnout)],
                ].map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-sm text-muted-foreground">{label}</dt>
                    <dd className="text-2xl font-bold tabular-nums">{value}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-3">
                <span className="font-medium">Why: </span>
                {result.reason}
              </p>
              {outcome ? <VoteDistribution proposal={outcome} /> : null}
            </>
          ) : (
            <p className="mt-4">
              <span className="font-medium">Turnout so far: {formatPercent(proposal.turnout)}</span>{" "}
              <span className="text-muted-foreground">
                ({formatNumber(proposal.participatingNodes)} of {formatNumber(round.eligibleNodes)} eligible
                nodes stand behind a vote on it; it needs {formatPercent(round.quorum)}).
              </span>
            </p>
          )}
        </article>
      </Card>
    </li>
  );
}

import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { VoteDistributionChart } from "@/components/voting/vote-distribution-chart";
import { formatNumber } from "@/lib/domain/format-number";
import type { RouterOutputs } from "@/lib/trpc/server";
import { formatCount, formatSignedVotes } from "./round-text";

export type ProposalOutcome = RouterOutputs["rounds"]["results"]["proposals"][number];

function distributionSummary(proposal: ProposalOutcome): string {
  const voted = proposal.distribution.reduce((sum, bar) => sum + bar.operators, 0);
  if (voted === 0) return `No operator voted on “${proposal.title}”.`;
  const isFor = (bar: { votes: number }) => bar.votes > 0;
  const forOperators = proposal.distribution.filter(isFor).reduce((sum, bar) => sum + bar.operators, 0);
  const largest = proposal.distribution.reduce((best, bar) =>
    Math.abs(bar.votes) > Math.abs(best.votes) ? bar : best,
  );
  return (
    `${formatCount(voted, "operator", "operators")} voted on “${proposal.title}”: ${formatNumber(forOperators)} for and ${formatNumber(voted - forOperators)} against` +
    `${proposal.abstained > 0 ? `; ${formatCount(proposal.abstained, "other voter", "other voters")} left it out` : ""}. ` +
    `The largest single vote was ${formatSignedVotes(largest.votes)}.`
  );
}

export function VoteDistribution({ proposal }: { proposal: ProposalOutcome }) {
  const summary = distributionSummary(proposal);
  return (
    <div className="mt-4">
      <h4 className="font-semibold">How operators voted</h4>
      <p className="mt-1 text-sm">{summary}</p>
      {proposal.distribution.length > 0 ? (
        <>
          <div className="mt-2 rounded-lg border border-border bg-surface p-3">
            <VoteDistributionChart
              bars={proposal.distribution}
              label={`Bar chart of operators per number of votes on “${proposal.title}”. ${summary}`}
            />
          </div>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium">
              Show the chart&apos;s data as a table
            </summary>
            <Table regionLabel={`Votes on ${proposal.title}`} className="mt-2">
              <TableCaption className="sr-only">
                Operators per number of votes on {proposal.title}.
              </TableCaption>
              <TableHeader>
                <TableRow className="border-t-0">
                  <TableHead>Votes</TableHead>
                  <TableHead>Operators</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {proposal.distribution.map((bar) => (
                  <TableRow key={bar.votes}>
                    <TableCell className="tabular-nums">
                      {formatSignedVotes(bar.votes)} ({bar.votes > 0 ? "for" : "against"})
                    </TableCell>
                    <TableCell className="tabular-nums">{formatNumber(bar.operators)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </details>
        </>
      ) : null}
    </div>
  );
}

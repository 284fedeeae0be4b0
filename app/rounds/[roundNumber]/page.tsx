import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { configVersionAnchor } from "@/components/config-links";
import { NotReady } from "@/components/not-ready";
import { ProposalStateBadge } from "@/components/proposals/proposal-state-badge";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { RoundPhaseBadge } from "@/components/voting/round-phase-badge";
import { VoteDistributionChart } from "@/components/voting/vote-distribution-chart";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { describeParameterChange } from "@/lib/domain/parameters/format";
import type { VotingPowerSummary } from "@/lib/domain/voting/voting-power";
import { getRequestTime, getServerApi, getServerOrigin, type RouterOutputs } from "@/lib/trpc/server";
import { loadRound, type RoundOverview } from "./load-round";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ roundNumber: string }> };
type RoundResults = RouterOutputs["rounds"]["results"];
type ProposalOutcome = RoundResults["proposals"][number];

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const round = await loadRound((await params).roundNumber);
  if (typeof round === "string") return { title: "Voting round" };
  return {
    title: `Round ${round.number}`,
    description: `Voting round ${round.number}: ${round.proposals.length} proposals.`,
  };
}

const signed = (votes: number) => (votes > 0 ? `+${formatNumber(votes)}` : formatNumber(votes));
const plural = (count: number, one: string, many: string) =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

/** "Passed" etc.: the round's outcome is the state the proposal ended in. */
function outcomeState(outcome: string): string {
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}

function distributionSummary(proposal: ProposalOutcome): string {
  const voted = proposal.distribution.reduce((sum, bar) => sum + bar.operators, 0);
  if (voted === 0) return `No operator voted on “${proposal.title}”.`;
  const isFor = (bar: { votes: number }) => bar.votes > 0;
  const forOperators = proposal.distribution.filter(isFor).reduce((sum, bar) => sum + bar.operators, 0);
  const largest = proposal.distribution.reduce((best, bar) =>
    Math.abs(bar.votes) > Math.abs(best.votes) ? bar : best,
  );
  return (
    `${plural(voted, "operator", "operators")} voted on “${proposal.title}”: ${formatNumber(forOperators)} for and ${formatNumber(voted - forOperators)} against` +
    `${proposal.abstained > 0 ? `; ${plural(proposal.abstained, "other voter", "other voters")} left it out` : ""}. ` +
    `The largest single vote was ${signed(largest.votes)}.`
  );
}

function Distribution({ proposal }: { proposal: ProposalOutcome }) {
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
                      {signed(bar.votes)} ({bar.votes > 0 ? "for" : "against"})
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

function ProposalCard({
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
                  ["Net votes", signed(result.net)],
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
              {outcome ? <Distribution proposal={outcome} /> : null}
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

function PowerFacts({ summary, what }: { summary: VotingPowerSummary; what: string }) {
  return (
    <dl className="mt-3 grid gap-3 sm:grid-cols-3">
      <div>
        <dt className="text-sm text-muted-foreground">Nakamoto coefficient</dt>
        <dd className="text-3xl font-bold tabular-nums">{formatNumber(summary.nakamoto)}</dd>
        <dd className="text-sm">
          The fewest operators who together hold more than half of the {what}: the higher, the harder for a
          few to decide alone.
        </dd>
      </div>
      <div>
        <dt className="text-sm text-muted-foreground">Gini coefficient</dt>
        <dd className="text-3xl font-bold tabular-nums">
          {formatNumber(summary.gini, { maxFractionDigits: 2 })}
        </dd>
        <dd className="text-sm">
          0 when every operator holds the same share of the {what}, near 1 when one holds nearly all.
        </dd>
      </div>
      <div>
        <dt className="text-sm text-muted-foreground">Largest operator</dt>
        <dd className="text-3xl font-bold tabular-nums">{formatPercent(summary.largestShare)}</dd>
        <dd className="text-sm">
          The biggest single share, among {plural(summary.operators, "operator", "operators")}.
        </dd>
      </div>
    </dl>
  );
}

function ClosedRoundSections({ results, server }: { results: RoundResults; server: string }) {
  const { votingPower, configVersion, round } = results;
  return (
    <div className="mb-10 grid gap-6 lg:grid-cols-2">
      <Card className="lg:col-span-2">
        <CardTitle>Decentralisation of voting power</CardTitle>
        <p className="mt-1 text-muted-foreground">
          Effective voting power is what each operator could put on one proposal: the square root of their
          budget, so pooling nodes under one operator buys less than the same nodes run independently.
        </p>
        <PowerFacts summary={votingPower.potential} what="effective voting power" />
        <h3 className="mt-5 font-semibold">Over the votes actually cast</h3>
        {votingPower.cast.operators === 0 ? (
          <p className="mt-1 text-muted-foreground">No ballot was cast in this round.</p>
        ) : (
          <PowerFacts summary={votingPower.cast} what="votes cast" />
        )}
      </Card>
      <Card>
        <CardTitle>The config it created</CardTitle>
        {configVersion ? (
          <>
            <p className="mt-1">
              Config version {configVersion.version}, issued <DateTime at={configVersion.issuedAt} />,{" "}
              {configVersion.activatedAt ? (
                <>
                  took effect <DateTime at={configVersion.activatedAt} />.
                </>
              ) : (
                <>
                  takes effect <DateTime at={configVersion.activateAt} />.
                </>
              )}
            </p>
            <h3 className="mt-3 font-semibold">What changed from version {configVersion.version - 1}</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {configVersion.changes.map((change) => (
                <li key={change.key}>{describeParameterChange(change.key, change.from, change.to)}</li>
              ))}
            </ul>
            <p className="mt-3">
              <Link
                href={`/config?before=${configVersion.version + 1}#${configVersionAnchor(configVersion.version)}`}
              >
                Version {configVersion.version} in the config history
              </Link>
            </p>
          </>
        ) : (
          <p className="mt-1">
            Nothing passed, so the round created no config version; the rules stay as they were.{" "}
            <Link href="/config">Config history</Link>
          </p>
        )}
      </Card>
      <Card>
        <CardTitle>Check the count yourself</CardTitle>
        <p className="mt-1">
          Every ballot that counted is public, each with its receipt; the receipts form a hash chain, so no
          ballot can be changed, dropped or reordered unnoticed.
        </p>
        <p className="mt-3">
          <a href={results.ballotsExportPath}>Ballots of round {round.number} (JSON)</a>
          {" · "}
          <a href={`${results.ballotsExportPath}?all=1`}>every stored ballot, replaced ones too</a>
        </p>
        <p className="mt-3 text-sm">Recompute the chain and every tally, independently of this server:</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-surface-muted px-3 py-2 text-sm">
          <code>npm run verify -- {server}</code>
        </pre>
        <p className="mt-2 text-sm text-muted-foreground">
          Run it from a checkout of Plenum; a saved export file works instead of the address.
        </p>
      </Card>
    </div>
  );
}

export default async function RoundPage({ params }: PageProps) {
  const round = await loadRound((await params).roundNumber);
  if (round === "not-found") notFound();
  if (round === "not-ready") return <NotReady />;
  const now = getRequestTime();
  const results =
    round.phase === "closed"
      ? await (await getServerApi()).rounds.results({ roundNumber: round.number })
      : null;
  const outcomes = new Map(results?.proposals.map((proposal) => [proposal.id, proposal]));

  return (
    <>
      <p className="mb-4">
        <Link href="/rounds">
          <span aria-hidden="true">←</span> All rounds
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Round {round.number} <RoundPhaseBadge phase={round.phase} />
          </span>
        }
        description={
          round.phase === "open" ? (
            <p>
              Voting closes <RelativeTime at={round.closesAt} now={now} /> (<DateTime at={round.closesAt} />
              ). Net votes stay hidden until then, so no one votes with the herd.
            </p>
          ) : round.phase === "counting" ? (
            <p>
              Voting ended <DateTime at={round.closesAt} />. The ballots are being recounted and the outcome
              ratified; the results appear here shortly.
            </p>
          ) : (
            <p>
              Closed <DateTime at={round.closedAt ?? round.closesAt} />. Every proposal below has its outcome
              and the numbers behind it.
            </p>
          )
        }
        actions={
          round.phase === "open" ? (
            <Button asChild>
              <Link href={`/rounds/${round.number}/ballot`}>Vote</Link>
            </Button>
          ) : null
        }
      />

      {round.closeBlockedReason && round.phase !== "closed" ? (
        <div
          role="alert"
          className="mb-8 rounded-md border-2 border-danger-fg bg-danger-bg p-4 text-danger-fg"
        >
          <p className="font-semibold">Closing this round is on hold</p>
          <p className="mt-1">{round.closeBlockedReason}</p>
        </div>
      ) : null}

      <dl className="mb-10 grid gap-4 rounded-lg border border-border bg-surface p-5 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-muted-foreground">
            {round.phase === "closed" ? "Voters" : "Voters so far"}
          </dt>
          <dd className="text-2xl font-bold tabular-nums">
            {formatNumber(round.votedOperators)}
            <span className="text-base font-normal text-muted-foreground">
              {" "}
              of {plural(round.eligibleOperators, "operator", "operators")}
            </span>
          </dd>
          <dd className="text-sm text-muted-foreground">
            {plural(round.votedOperators, "ballot", "ballots")} counted, from operators with{" "}
            {formatNumber(round.votedNodes)} of{" "}
            {plural(round.eligibleNodes, "eligible node", "eligible nodes")}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-muted-foreground">Budget</dt>
          <dd className="text-2xl font-bold tabular-nums">{formatNumber(round.creditsPerNode)}</dd>
          <dd className="text-sm text-muted-foreground">voice credits per eligible node</dd>
        </div>
        <div>
          <dt className="text-sm text-muted-foreground">To pass</dt>
          <dd className="text-sm">
            Each proposal needs a turnout of at least {formatPercent(round.quorum)} (the share of eligible
            nodes whose operator voted on it) and more votes for than against (rules of config version{" "}
            {round.rulesVersion}).
          </dd>
        </div>
      </dl>

      {results ? <ClosedRoundSections results={results} server={await getServerOrigin()} /> : null}

      <section aria-labelledby="round-proposals">
        <h2 id="round-proposals" className="mb-4 text-2xl font-semibold">
          {plural(round.proposals.length, "proposal", "proposals")}
          {round.phase === "closed" ? ", by net votes" : ""}
        </h2>
        <ol className="space-y-4">
          {round.proposals.map((proposal) => (
            <ProposalCard
              key={proposal.id}
              proposal={proposal}
              outcome={outcomes.get(proposal.id)}
              round={round}
            />
          ))}
        </ol>
      </section>
    </>
  );
}

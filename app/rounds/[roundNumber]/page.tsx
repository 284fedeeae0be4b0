import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { RoundPhaseBadge } from "@/components/voting/round-phase-badge";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { getRequestTime, getServerApi, getServerOrigin } from "@/lib/trpc/server";
import { ClosedRoundSections } from "./closed-round-sections";
import { ClusterPowerSection } from "./cluster-power-section";
import { loadRound } from "./load-round";
import { RoundProposalCard } from "./round-proposal-card";
import { formatCount } from "./round-text";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ roundNumber: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const round = await loadRound((await params).roundNumber);
  if (typeof round === "string") return { title: "Voting round" };
  return {
    title: `Round ${round.number}`,
    description: `Voting round ${round.number}: ${round.proposals.length} proposals.`,
  };
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
  const byNetwork = (
    <ClusterPowerSection
      power={round.votingPowerByCluster}
      creditsPerNode={round.creditsPerNode}
      className="lg:col-span-2"
    />
  );

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
              of {formatCount(round.eligibleOperators, "operator", "operators")}
            </span>
          </dd>
          <dd className="text-sm text-muted-foreground">
            {formatCount(round.votedOperators, "ballot", "ballots")} counted, from operators with{" "}
            {formatNumber(round.votedNodes)} of{" "}
            {formatCount(round.eligibleNodes, "eligible node", "eligible nodes")}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-muted-foreground">Voice credits per node</dt>
          <dd className="text-2xl font-bold tabular-nums">{formatNumber(round.creditsPerNode)}</dd>
          <dd className="text-sm text-muted-foreground">
            what an eligible node alone in its network brings; nodes that share a network share its votes
          </dd>
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

      {results ? (
        <ClosedRoundSections results={results} server={await getServerOrigin()} byNetwork={byNetwork} />
      ) : (
        <div className="mb-10">{byNetwork}</div>
      )}

      <section aria-labelledby="round-proposals">
        <h2 id="round-proposals" className="mb-4 text-2xl font-semibold">
          {formatCount(round.proposals.length, "proposal", "proposals")}
          {round.phase === "closed" ? ", by net votes" : ""}
        </h2>
        <ol className="space-y-4">
          {round.proposals.map((proposal) => (
            <RoundProposalCard
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

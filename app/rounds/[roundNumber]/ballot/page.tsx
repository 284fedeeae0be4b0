import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { BallotForm } from "@/components/voting/ballot-form";
import { BallotReceipt } from "@/components/voting/ballot-receipt";
import { OperatorVotes } from "@/components/voting/operator-votes";
import { UncountedNodes } from "@/components/voting/uncounted-nodes";
import type { OperatorBallot } from "@/lib/schemas/rounds";
import { getRequestTime, getServerApi, getSessionOperatorForRequest } from "@/lib/trpc/server";
import { loadRound } from "../load-round";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ roundNumber: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const round = await loadRound((await params).roundNumber);
  if (typeof round === "string") return { title: "Ballot" };
  return { title: `Your ballot in round ${round.number}` };
}

type CountedBallot = NonNullable<Extract<OperatorBallot, { isEligible: true }>["ballot"]>;

/** The counted ballot's receipt with where it came from: one of the operator's nodes, or the web. */
function receiptOf(ballot: CountedBallot, budget: number) {
  const { source, node, replaced, nodeReplacedWebBallot, ...receipt } = ballot;
  return { ...receipt, budget, origin: { source, node, replaced, nodeReplacedWebBallot } };
}

export default async function BallotPage({ params }: PageProps) {
  const round = await loadRound((await params).roundNumber);
  if (round === "not-found") notFound();
  if (round === "not-ready") return <NotReady />;
  const now = getRequestTime();
  const operator = await getSessionOperatorForRequest();
  const back = (
    <p className="mb-4">
      <Link href={`/rounds/${round.number}`}>
        <span aria-hidden="true">←</span> Round {round.number}
      </Link>
    </p>
  );
  const header = (
    <PageHeader
      title={`Your ballot in round ${round.number}`}
      description={
        round.phase === "open" ? (
          <p>
            Put votes for or against each proposal. A proposal&apos;s votes cost their square in voice credits
            (3 votes cost 9), so spreading your credits says more than piling them on one. Voting closes{" "}
            <RelativeTime at={round.closesAt} now={now} /> (<DateTime at={round.closesAt} />
            ).
          </p>
        ) : null
      }
    />
  );

  if (round.phase !== "open") {
    const mine = operator
      ? await (await getServerApi()).rounds.myBallot({ roundNumber: round.number })
      : null;
    const stored = mine?.isEligible && mine.ballot ? receiptOf(mine.ballot, mine.budget) : null;
    return (
      <>
        {back}
        {header}
        <EmptyState
          title={`Round ${round.number} takes no more ballots`}
          action={
            <Button asChild variant="secondary">
              <Link href={`/rounds/${round.number}`}>
                {round.phase === "closed" ? "See the results" : "See the round"}
              </Link>
            </Button>
          }
        >
          <p>
            Voting ended <DateTime at={round.closesAt} />.{" "}
            {round.phase === "closed"
              ? "The results are public, with every ballot and its receipt."
              : "The ballots are being counted; the results appear on the round's page shortly."}
          </p>
        </EmptyState>
        {stored ? (
          <div className="mx-auto mt-8 max-w-xl">
            <BallotReceipt
              receipt={{ ...stored, roundNumber: round.number }}
              isNew={false}
              isRoundClosed={round.phase === "closed"}
            />
          </div>
        ) : null}
      </>
    );
  }

  if (!operator) {
    return (
      <>
        {back}
        {header}
        <EmptyState
          title="Sign in to vote"
          action={
            <div className="flex flex-wrap justify-center gap-3">
              <Button asChild>
                <Link href={`/sign-in?next=${encodeURIComponent(`/rounds/${round.number}/ballot`)}`}>
                  Sign in
                </Link>
              </Button>
              <Button asChild variant="secondary">
                <Link href={`/rounds/${round.number}`}>See the proposals</Link>
              </Button>
            </div>
          }
        >
          <p>
            Ballots are cast by node operators: each of your nodes that has proved its service brings you
            voice credits. Anyone can read the round and, after it closes, every ballot.
          </p>
        </EmptyState>
      </>
    );
  }

  const mine = await (await getServerApi()).rounds.myBallot({ roundNumber: round.number });
  if (!mine.isEligible) {
    return (
      <>
        {back}
        {header}
        <EmptyState
          title="You have no vote in this round"
          action={
            <div className="flex flex-wrap justify-center gap-3">
              <Button asChild variant="secondary">
                <Link href="/my/nodes">Your nodes</Link>
              </Button>
              <Button asChild variant="ghost">
                <Link href={`/rounds/${round.number}`}>See the proposals</Link>
              </Button>
            </div>
          }
        >
          <p>{mine.reason}</p>
        </EmptyState>
        <div className="mt-8">
          <UncountedNodes
            roundNumber={round.number}
            nodes={mine.uncountedNodes}
            more={mine.moreUncountedNodes}
          />
        </div>
      </>
    );
  }

  return (
    <>
      {back}
      {header}
      <OperatorVotes budget={mine.budget} creditsPerNode={round.creditsPerNode} clusters={mine.clusters} />
      <UncountedNodes roundNumber={round.number} nodes={mine.uncountedNodes} more={mine.moreUncountedNodes} />
      <BallotForm
        roundId={round.id}
        roundNumber={round.number}
        budget={mine.budget}
        proposals={round.proposals.map((proposal) => ({
          id: proposal.id,
          title: proposal.title,
          summary: proposal.summary,
          sentences: proposal.changes.map((change) => change.sentence),
        }))}
        initialAllocations={mine.ballot?.allocations ?? []}
        storedReceipt={
          mine.ballot ? { ...receiptOf(mine.ballot, mine.budget), roundNumber: round.number } : null
        }
      />
    </>
  );
}

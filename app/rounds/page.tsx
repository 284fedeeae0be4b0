import type { Metadata } from "next";
import Link from "next/link";
import { NotReady } from "@/components/not-ready";
import { DateTime, RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pagination";
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
import { formatNumber } from "@/lib/domain/format-number";
import { ROUND_OUTCOMES } from "@/lib/domain/voting/ratify-round";
import { parseRoundNumber, ROUNDS_PAGE_SIZE } from "@/lib/schemas/rounds";
import type { SearchParams } from "@/lib/schemas/search-params";
import { getRequestTime, loadWhenReady, type RouterOutputs } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Voting rounds",
  description: "The voting round open now, and every past round with its outcomes and voters.",
};

type RoundItem = RouterOutputs["rounds"]["list"]["rounds"][number];

const WIDE_ONLY = "hidden md:table-cell";

function outcomeText(outcomes: NonNullable<RoundItem["outcomes"]>): string {
  const parts = ROUND_OUTCOMES.filter((outcome) => outcomes[outcome] > 0).map(
    (outcome) => `${formatNumber(outcomes[outcome])} ${outcome}`,
  );
  return parts.length > 0 ? parts.join(", ") : "—";
}

function CurrentRound({ round, now }: { round: RoundItem; now: Date }) {
  const isOpen = round.phase === "open";
  return (
    <section
      aria-labelledby="current-round"
      className="mb-10 rounded-lg border-2 border-accent bg-surface p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="current-round" className="text-2xl font-semibold">
          Round {round.number} {isOpen ? "is open" : "is being counted"}
        </h2>
        <RoundPhaseBadge phase={round.phase} />
      </div>
      <p className="mt-2 text-lg">
        {isOpen ? (
          <>
            Voting closes <RelativeTime at={round.closesAt} now={now} /> (<DateTime at={round.closesAt} />
            ).
          </>
        ) : (
          <>
            Voting ended <RelativeTime at={round.closesAt} now={now} />; the results appear once the worker
            has recounted the ballots and ratified the outcome.
          </>
        )}
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-muted-foreground">Proposals</dt>
          <dd className="text-3xl font-bold tabular-nums">{formatNumber(round.proposals)}</dd>
        </div>
        <div>
          <dt className="text-sm text-muted-foreground">Voters so far</dt>
          <dd className="text-3xl font-bold tabular-nums">
            {formatNumber(round.votedOperators)}
            <span className="text-base font-normal text-muted-foreground">
              {" "}
              of {formatNumber(round.eligibleOperators)}{" "}
              {round.eligibleOperators === 1 ? "operator" : "operators"}
            </span>
          </dd>
          <dd className="text-sm text-muted-foreground">
            with {formatNumber(round.votedNodes)} of {formatNumber(round.eligibleNodes)} eligible nodes
          </dd>
        </div>
      </dl>
      <p className="mt-4 text-muted-foreground">
        Net votes stay hidden until the round closes, so no one votes with the herd; each proposal&apos;s
        turnout so far is on the round&apos;s page.
      </p>
      <div className="mt-4 flex flex-wrap gap-3">
        {isOpen ? (
          <Button asChild>
            <Link href={`/rounds/${round.number}/ballot`}>Vote in round {round.number}</Link>
          </Button>
        ) : null}
        <Button asChild variant="secondary">
          <Link href={`/rounds/${round.number}`}>See the proposals</Link>
        </Button>
      </div>
    </section>
  );
}

export default async function RoundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const beforeNumber = parseRoundNumber((await searchParams).before);
  const result = await loadWhenReady((api) => api.rounds.list({ limit: ROUNDS_PAGE_SIZE, beforeNumber }));
  if (!result.ready) return <NotReady />;
  const { rounds, nextBeforeNumber } = result.data;
  const now = getRequestTime();
  const current = beforeNumber === undefined && rounds[0]?.phase !== "closed" ? rounds[0] : undefined;
  const past = rounds.filter((round) => round !== current);

  return (
    <>
      <PageHeader
        title="Voting rounds"
        description={
          <p>
            Operators decide proposals in voting rounds. Each eligible node brings its operator voice credits;
            a vote costs its square, so many small operators outweigh one big one.{" "}
            <Link href="/how-it-works">How quadratic voting works</Link>.
          </p>
        }
      />

      {current ? <CurrentRound round={current} now={now} /> : null}

      {rounds.length === 0 ? (
        <EmptyState
          title={beforeNumber === undefined ? "No voting round has opened yet" : "No earlier rounds"}
          action={
            <Button asChild variant="secondary">
              <Link href={beforeNumber === undefined ? "/proposals" : "/rounds"}>
                {beforeNumber === undefined ? "See the proposals" : "Back to the latest rounds"}
              </Link>
            </Button>
          }
        >
          <p>
            A round opens every few days (the <code>gov.roundLengthHours</code> rule) with every proposal
            whose discussion is over. An admin can open one now with <code>npm run admin -- round open</code>.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="past-rounds">
          <h2 id="past-rounds" className="mb-4 text-2xl font-semibold">
            {current ? "Earlier rounds" : "Rounds"}
          </h2>
          {past.length === 0 ? (
            <p className="text-muted-foreground">No earlier rounds yet: this is the first one.</p>
          ) : (
            <Table regionLabel="Voting rounds">
              <TableCaption className="sr-only">
                Voting rounds, newest first, with their proposals, outcomes and voters.
              </TableCaption>
              <TableHeader>
                <TableRow className="border-t-0">
                  <TableHead>Round</TableHead>
                  <TableHead className={WIDE_ONLY}>Voting</TableHead>
                  <TableHead>Outcomes</TableHead>
                  <TableHead>Voters</TableHead>
                  <TableHead className={WIDE_ONLY}>Config</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {past.map((round) => (
                  <TableRow key={round.id}>
                    <TableHead scope="row" className="whitespace-nowrap">
                      <Link href={`/rounds/${round.number}`}>Round {round.number}</Link>
                      {round.phase !== "closed" ? (
                        <span className="ml-2">
                          <RoundPhaseBadge phase={round.phase} />
                        </span>
                      ) : null}
                    </TableHead>
                    <TableCell className={`${WIDE_ONLY} whitespace-nowrap`}>
                      <DateTime at={round.opensAt} /> – <DateTime at={round.closedAt ?? round.closesAt} />
                    </TableCell>
                    <TableCell>
                      {formatNumber(round.proposals)} {round.proposals === 1 ? "proposal" : "proposals"}
                      {round.outcomes ? (
                        <span className="block text-muted-foreground">{outcomeText(round.outcomes)}</span>
                      ) : null}
                    </TableCell>
                    <TableCell className="tabular-nums">
                      {formatNumber(round.votedOperators)} of {formatNumber(round.eligibleOperators)}{" "}
                      {round.eligibleOperators === 1 ? "operator" : "operators"}
                    </TableCell>
                    <TableCell className={`${WIDE_ONLY} tabular-nums`}>
                      {round.configVersion === null ? "no change" : `v${round.configVersion}`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Pager
            label="Round pages"
            summary={`Rounds ${formatNumber(rounds.at(-1)!.number)}–${formatNumber(rounds[0]!.number)}`}
            previousHref={beforeNumber === undefined ? undefined : "/rounds"}
            previousText="Newest rounds"
            nextHref={nextBeforeNumber === null ? undefined : `/rounds?before=${nextBeforeNumber}`}
            nextText="Older rounds"
          />
        </section>
      )}
    </>
  );
}

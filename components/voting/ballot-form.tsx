"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { formatNumber } from "@/lib/domain/format-number";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";
import { creditsLeft, maxVotesFor, nextVoteCost, stepCost } from "@/lib/domain/voting/ballot-arithmetic";
import { voteCost } from "@/lib/domain/voting/quadratic-cost";
import { useTRPC } from "@/lib/trpc/client";
import { BallotReceipt, type ReceiptSummary } from "./ballot-receipt";

export interface BallotProposal {
  id: string;
  title: string;
  summary: string;
  /** The plain-language diff, one sentence per change. */
  sentences: string[];
}

const WHOLE = /^\s*-?\d{1,7}\s*$/;

const credits = (amount: number) =>
  `${formatNumber(amount)} ${Math.abs(amount) === 1 ? "credit" : "credits"}`;
const votesText = (votes: number) =>
  `${formatNumber(Math.abs(votes))} ${Math.abs(votes) === 1 ? "vote" : "votes"}`;

function stance(votes: number): string {
  if (votes === 0) return "No vote";
  return `${votesText(votes)} ${votes > 0 ? "for" : "against"}`;
}

/** A step towards zero refunds credits and is always allowed; a step away must fit in what is left. */
function canStep(votes: number, step: 1 | -1, left: number): boolean {
  const cost = stepCost(votes, step);
  return cost <= 0 || cost <= left;
}

function VoteControl({
  proposal,
  text,
  left,
  onChange,
}: {
  proposal: BallotProposal;
  /** What the number box holds; the votes are its whole number (0 while it holds anything else). */
  text: string;
  left: number;
  onChange: (text: string) => void;
}) {
  const id = useId();
  const isWhole = WHOLE.test(text);
  const votes = isWhole ? Number(text) : 0;
  const most = maxVotesFor(votes, Math.max(left, 0));
  const next = nextVoteCost(votes);
  return (
    <li className="rounded-lg border border-border bg-surface p-5">
      <fieldset aria-describedby={`${id}-status`}>
        <legend className="text-lg font-semibold">{proposal.title}</legend>
        <p className="mt-1 text-muted-foreground">{proposal.summary}</p>
        {proposal.sentences.length > 0 ? (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {proposal.sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        ) : null}
        <div className="mt-4 flex flex-wrap items-end gap-3">
          <Button
            variant="secondary"
            aria-label={`One vote less on “${proposal.title}” (towards against)`}
            disabled={!canStep(votes, -1, left)}
            onClick={() => onChange(String(votes - 1))}
            className="min-w-11 text-xl"
          >
            <span aria-hidden="true">−</span>
          </Button>
          <div className="w-48">
            <Label htmlFor={`${id}-votes`}>
              Votes<span className="sr-only"> on “{proposal.title}”</span> (− against, + for)
            </Label>
            <Input
              id={`${id}-votes`}
              type="number"
              inputMode="numeric"
              step={1}
              min={-most}
              max={most}
              value={text}
              aria-invalid={isWhole ? undefined : true}
              aria-describedby={`${id}-status`}
              onChange={(event) => onChange(event.currentTarget.value)}
              className="tabular-nums"
            />
          </div>
          <Button
            variant="secondary"
            aria-label={`One vote more on “${proposal.title}” (towards for)`}
            disabled={!canStep(votes, 1, left)}
            onClick={() => onChange(String(votes + 1))}
            className="min-w-11 text-xl"
          >
            <span aria-hidden="true">+</span>
          </Button>
        </div>
        <p id={`${id}-status`} className="mt-3 text-sm">
          {isWhole ? (
            <>
              <span className="font-medium">{stance(votes)}</span>, costing {formatNumber(Math.abs(votes))}² ={" "}
              {credits(voteCost(votes))}.{" "}
              {next <= left
                ? `One more vote ${votes === 0 ? "either way" : votes > 0 ? "for" : "against"} costs ${credits(next)}.`
                : `One more vote ${votes === 0 ? "" : votes > 0 ? "for " : "against "}would cost ${credits(next)}: more than you have left.`}
            </>
          ) : (
            <span className="font-medium text-danger-fg">
              Type a whole number: positive for, negative against, 0 for no vote.
            </span>
          )}
        </p>
      </fieldset>
    </li>
  );
}

function BudgetMeter({ budget, spent }: { budget: number; spent: number }) {
  const left = budget - spent;
  const share = budget === 0 ? 1 : Math.min(spent / budget, 1);
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold">Voice credits</span>
        <span aria-live="polite" className={`tabular-nums ${left < 0 ? "font-semibold text-danger-fg" : ""}`}>
          {left < 0 ? `${credits(-left)} over budget` : `${credits(left)} left of ${formatNumber(budget)}`}
        </span>
      </p>
      <div
        role="meter"
        aria-label="Voice credits spent"
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={Math.min(spent, budget)}
        aria-valuetext={`${credits(spent)} spent of ${formatNumber(budget)}`}
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-surface-muted"
      >
        <div
          className={`h-full ${left < 0 ? "bg-danger-fg" : "bg-accent"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <p className="mt-2 text-sm text-muted-foreground">
        Spent {credits(spent)}: each proposal costs its votes squared. Unspent credits expire with the round.
      </p>
    </div>
  );
}

/** The ballot: a −/+ control per proposal priced at votes², a budget meter, and a receipt after submitting. */
export function BallotForm({
  roundId,
  roundNumber,
  budget,
  proposals,
  initialAllocations,
  storedReceipt,
}: {
  roundId: string;
  roundNumber: number;
  budget: number;
  proposals: readonly BallotProposal[];
  initialAllocations: readonly BallotAllocation[];
  storedReceipt: ReceiptSummary | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorId = useId();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      proposals.map((proposal) => [
        proposal.id,
        String(initialAllocations.find((allocation) => allocation.proposalId === proposal.id)?.votes ?? 0),
      ]),
    ),
  );
  const [receipt, setReceipt] = useState<ReceiptSummary | null>(storedReceipt);
  const [justStored, setJustStored] = useState(false);
  const cast = useMutation(
    trpc.rounds.castBallot.mutationOptions({
      onSuccess: (result) => {
        // A web ballot, cast just now by the signed-in operator; it replaced the receipt shown before, if any.
        setReceipt((previous) => ({
          ...result,
          roundNumber,
          origin: {
            source: "web",
            node: null,
            replaced: previous
              ? {
                  source: previous.origin?.source ?? "web",
                  submittedAt: previous.submittedAt,
                  node: previous.origin?.node ?? null,
                }
              : null,
            nodeReplacedWebBallot: false,
          },
        }));
        setJustStored(true);
        void queryClient.invalidateQueries(trpc.rounds.pathFilter());
        router.refresh();
      },
    }),
  );
  const textOf = (proposalId: string) => texts[proposalId] ?? "0";
  const allocations: BallotAllocation[] = proposals.map((proposal) => ({
    proposalId: proposal.id,
    votes: WHOLE.test(textOf(proposal.id)) ? Number(textOf(proposal.id)) : 0,
  }));
  const hasUnreadable = proposals.some((proposal) => !WHOLE.test(textOf(proposal.id)));
  const left = creditsLeft(budget, allocations);
  const spent = budget - left;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (left < 0 || hasUnreadable) return;
    setJustStored(false);
    cast.mutate({ roundId, allocations });
  }

  const localProblem = hasUnreadable
    ? "Some vote boxes do not hold a whole number: type a number like 3 (for) or -2 (against), or 0 for no vote."
    : left < 0
      ? `This ballot costs ${credits(spent)} but your budget is ${formatNumber(budget)}: take some votes off before you submit.`
      : null;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <form noValidate onSubmit={onSubmit} aria-describedby={errorId} className="min-w-0 space-y-6">
        <ul className="space-y-4">
          {proposals.map((proposal) => (
            <VoteControl
              key={proposal.id}
              proposal={proposal}
              text={textOf(proposal.id)}
              left={left}
              onChange={(text) => setTexts((current) => ({ ...current, [proposal.id]: text }))}
            />
          ))}
        </ul>
        <div className="space-y-3">
          <p className="text-muted-foreground">
            {receipt
              ? "Submitting replaces the ballot you stored before; only your latest ballot counts."
              : "You can change your ballot until the round closes: a new one replaces the old, and only the latest counts."}
          </p>
          <Button type="submit" disabled={cast.isPending || localProblem !== null}>
            {cast.isPending ? "Storing your ballot…" : receipt ? "Replace my ballot" : "Submit my ballot"}
          </Button>
          <FormError
            id={errorId}
            message={
              localProblem ??
              (cast.error
                ? `${cast.error.message}${cast.error.data?.code === "TOO_MANY_REQUESTS" ? "" : " Your earlier ballot, if any, still counts."}`
                : null)
            }
          />
        </div>
      </form>
      <aside className="space-y-6 lg:sticky lg:top-6 lg:self-start" aria-label="Your budget and receipt">
        <BudgetMeter budget={budget} spent={spent} />
        {receipt ? <BallotReceipt receipt={receipt} isNew={justStored} isRoundClosed={false} /> : null}
      </aside>
    </div>
  );
}

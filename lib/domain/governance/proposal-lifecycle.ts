import type { RoundOutcome } from "@/lib/domain/voting/ratify-round";

/** Every state a proposal can be in, in the order a proposal normally passes through them. */
export const PROPOSAL_STATE_VALUES = [
  "Draft",
  "Discussion",
  "Queued",
  "Voting",
  "Passed",
  "Rejected",
  "Superseded",
  "Failed",
  "Withdrawn",
  "Cancelled",
] as const;

export type ProposalState = (typeof PROPOSAL_STATE_VALUES)[number];

/** Plain labels and descriptions for the UI. */
export const PROPOSAL_STATES: Readonly<
  Record<ProposalState, { label: string; description: string; isTerminal: boolean }>
> = {
  Draft: {
    label: "Draft",
    description: "Only the author can see it while they write it.",
    isTerminal: false,
  },
  Discussion: {
    label: "In discussion",
    description: "Published: anyone can read it and operators can discuss it before it goes to a vote.",
    isTerminal: false,
  },
  Queued: {
    label: "Queued for voting",
    description: "The discussion time is over; it will be put to the vote in the next voting round.",
    isTerminal: false,
  },
  Voting: {
    label: "In a voting round",
    description: "Operators are voting on it now.",
    isTerminal: false,
  },
  Passed: {
    label: "Passed",
    description: "The vote approved it; its changes go into a new config version.",
    isTerminal: true,
  },
  Rejected: {
    label: "Rejected",
    description: "The vote turned it down.",
    isTerminal: true,
  },
  Superseded: {
    label: "Superseded",
    description: "Another proposal that changes the same parameter got more support in the same round.",
    isTerminal: true,
  },
  Failed: {
    label: "Failed",
    description:
      "The vote approved it, but applying it would have broken a rule that ties parameters together; the reason is shown.",
    isTerminal: true,
  },
  Withdrawn: {
    label: "Withdrawn",
    description: "The author took it back before it went to a vote.",
    isTerminal: true,
  },
  Cancelled: {
    label: "Cancelled",
    description: "A steward removed it from the process, with a public reason.",
    isTerminal: true,
  },
};

const BEFORE_VOTING: readonly ProposalState[] = ["Draft", "Discussion", "Queued"];

/** The author and stewards can still act on a proposal until it goes to a vote. */
export function isBeforeVoting(state: ProposalState): boolean {
  return BEFORE_VOTING.includes(state);
}

export const PROPOSAL_ACTIONS = ["publish", "withdraw", "cancel", "queue", "start-voting", "decide"] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** Who asks for the transition: the worker (system) or a person, related to the proposal. */
export type ProposalActor =
  { kind: "system" } | { kind: "operator"; isAuthor: boolean; isModerator: boolean };

export interface ProposalTransitionContext {
  actor: ProposalActor;
  /** For "queue": the minimum discussion time has passed. */
  isDiscussionOver?: boolean;
  /** For "queue": a parameter the proposal touches changed since its base version. */
  needsBaseConfirmation?: boolean;
  /** For "decide": what the round's ratification made of the proposal. */
  outcome?: RoundOutcome;
}

/** Why an action is refused: the actor may not do it (who), or not in this state (when). */
export type ProposalRefusal = { reason: string; kind: "not-allowed" | "wrong-state" };

export type ProposalTransition = { ok: true; next: ProposalState } | ({ ok: false } & ProposalRefusal);

const DECIDED_STATES: Readonly<Record<RoundOutcome, ProposalState>> = {
  passed: "Passed",
  rejected: "Rejected",
  superseded: "Superseded",
  failed: "Failed",
};

const notAllowed = (reason: string): ProposalTransition => ({ ok: false, reason, kind: "not-allowed" });
const wrongState = (reason: string): ProposalTransition => ({ ok: false, reason, kind: "wrong-state" });

function closedReason(state: ProposalState, what: string): string {
  if (state === "Voting")
    return `This proposal is already in the voting round, so it can no longer be ${what}.`;
  return `This proposal is ${PROPOSAL_STATES[state].label.toLowerCase()} and its process is over, so it can no longer be ${what}.`;
}

const isAuthor = (actor: ProposalActor) => actor.kind === "operator" && actor.isAuthor;
const isModerator = (actor: ProposalActor) => actor.kind === "operator" && actor.isModerator;

/** The one rule for moving a proposal between states: who may do what, from which state. */
export function transitionProposal(
  state: ProposalState,
  action: ProposalAction,
  context: ProposalTransitionContext,
): ProposalTransition {
  const { actor } = context;
  switch (action) {
    case "publish":
      if (!isAuthor(actor)) return notAllowed("Only the author can publish a proposal.");
      if (state !== "Draft")
        return wrongState("This proposal is already published; only a draft can be published.");
      return { ok: true, next: "Discussion" };
    case "withdraw":
      if (!isAuthor(actor)) return notAllowed("Only the author can withdraw a proposal.");
      if (!isBeforeVoting(state)) return wrongState(closedReason(state, "withdrawn"));
      return { ok: true, next: "Withdrawn" };
    case "cancel":
      if (!isModerator(actor)) return notAllowed("Only stewards and admins can cancel a proposal.");
      if (!isBeforeVoting(state)) return wrongState(closedReason(state, "cancelled"));
      return { ok: true, next: "Cancelled" };
    case "queue":
      if (actor.kind !== "system") {
        return notAllowed(
          "Proposals are queued for voting automatically when their discussion time is over.",
        );
      }
      if (state !== "Discussion")
        return wrongState("Only a proposal in discussion can be queued for voting.");
      if (!context.isDiscussionOver) return wrongState("The minimum discussion time has not passed yet.");
      if (context.needsBaseConfirmation) {
        return wrongState(
          "A parameter this proposal changes has a new current value; the author must confirm the proposal before it can be queued.",
        );
      }
      return { ok: true, next: "Queued" };
    case "start-voting":
      if (actor.kind !== "system") return notAllowed("Proposals go to a vote when a voting round opens.");
      if (state !== "Queued") return wrongState("Only a proposal queued for voting can be put to the vote.");
      return { ok: true, next: "Voting" };
    case "decide":
      if (actor.kind !== "system") {
        return notAllowed("A proposal is decided by the votes when its voting round closes.");
      }
      if (state !== "Voting") return wrongState("Only a proposal in a voting round can be decided.");
      if (!context.outcome) return wrongState("A decision needs the round's outcome for the proposal.");
      return { ok: true, next: DECIDED_STATES[context.outcome] };
  }
}

const HOUR_MS = 3_600_000;

/** A published proposal is discussed for `discussionPeriodHours` (gov.discussionPeriodHours) from its publication. */
export function endOfDiscussion(publishedAt: Date, discussionPeriodHours: number): Date {
  return new Date(publishedAt.getTime() + discussionPeriodHours * HOUR_MS);
}

/** The discussion is over once its end has come; an unpublished proposal has none to be over. */
export function isDiscussionOver(proposal: { discussionEndsAt: Date | null }, now: Date): boolean {
  return proposal.discussionEndsAt !== null && proposal.discussionEndsAt <= now;
}

export function isProposalState(value: string): value is ProposalState {
  return (PROPOSAL_STATE_VALUES as readonly string[]).includes(value);
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PROPOSAL_ACTIONS,
  PROPOSAL_STATE_VALUES,
  PROPOSAL_STATES,
  endOfDiscussion,
  isDiscussionOver,
  transitionProposal,
  type ProposalAction,
  type ProposalActor,
  type ProposalState,
  type ProposalTransitionContext,
} from "@/lib/domain/governance/proposal-lifecycle";
import { ROUND_OUTCOMES } from "@/lib/domain/voting/ratify-round";

const ACTORS = {
  system: { kind: "system" },
  author: { kind: "operator", isAuthor: true, isModerator: false },
  authorSteward: { kind: "operator", isAuthor: true, isModerator: true },
  steward: { kind: "operator", isAuthor: false, isModerator: true },
  other: { kind: "operator", isAuthor: false, isModerator: false },
} as const satisfies Record<string, ProposalActor>;
type ActorName = keyof typeof ACTORS;

/** Every legal move; everything not listed must be refused. */
const LEGAL: readonly [ProposalState, ProposalAction, ActorName, ProposalState][] = [
  ["Draft", "publish", "author", "Discussion"],
  ["Draft", "publish", "authorSteward", "Discussion"],
  ["Draft", "withdraw", "author", "Withdrawn"],
  ["Draft", "withdraw", "authorSteward", "Withdrawn"],
  ["Discussion", "withdraw", "author", "Withdrawn"],
  ["Discussion", "withdraw", "authorSteward", "Withdrawn"],
  ["Queued", "withdraw", "author", "Withdrawn"],
  ["Queued", "withdraw", "authorSteward", "Withdrawn"],
  ["Draft", "cancel", "steward", "Cancelled"],
  ["Draft", "cancel", "authorSteward", "Cancelled"],
  ["Discussion", "cancel", "steward", "Cancelled"],
  ["Discussion", "cancel", "authorSteward", "Cancelled"],
  ["Queued", "cancel", "steward", "Cancelled"],
  ["Queued", "cancel", "authorSteward", "Cancelled"],
  ["Discussion", "queue", "system", "Queued"],
  ["Queued", "start-voting", "system", "Voting"],
  ["Voting", "decide", "system", "Passed"],
];

const READY = { isDiscussionOver: true, needsBaseConfirmation: false, outcome: "passed" } as const;

const combinations = PROPOSAL_STATE_VALUES.flatMap((state) =>
  PROPOSAL_ACTIONS.flatMap((action) =>
    (Object.keys(ACTORS) as ActorName[]).map((actor) => [state, action, actor] as const),
  ),
);

describe("transitionProposal", () => {
  it.each(combinations)("%s + %s by %s", (state, action, actor) => {
    const legal = LEGAL.find(([s, a, who]) => s === state && a === action && who === actor);
    const result = transitionProposal(state, action, { actor: ACTORS[actor], ...READY });
    if (legal) {
      expect(result).toEqual({ ok: true, next: legal[3] });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^[A-Z].*\.$/);
    }
  });

  it.each([
    ["withdraw", "other", "Discussion", "not-allowed", "Only the author can withdraw a proposal."],
    [
      "withdraw",
      "author",
      "Voting",
      "wrong-state",
      "This proposal is already in the voting round, so it can no longer be withdrawn.",
    ],
    [
      "withdraw",
      "author",
      "Cancelled",
      "wrong-state",
      "This proposal is cancelled and its process is over, so it can no longer be withdrawn.",
    ],
    ["cancel", "author", "Discussion", "not-allowed", "Only stewards and admins can cancel a proposal."],
    [
      "cancel",
      "steward",
      "Passed",
      "wrong-state",
      "This proposal is passed and its process is over, so it can no longer be cancelled.",
    ],
    ["publish", "steward", "Draft", "not-allowed", "Only the author can publish a proposal."],
    [
      "publish",
      "author",
      "Queued",
      "wrong-state",
      "This proposal is already published; only a draft can be published.",
    ],
    [
      "queue",
      "author",
      "Discussion",
      "not-allowed",
      "Proposals are queued for voting automatically when their discussion time is over.",
    ],
    ["queue", "system", "Queued", "wrong-state", "Only a proposal in discussion can be queued for voting."],
    ["start-voting", "steward", "Queued", "not-allowed", "Proposals go to a vote when a voting round opens."],
    [
      "start-voting",
      "system",
      "Discussion",
      "wrong-state",
      "Only a proposal queued for voting can be put to the vote.",
    ],
    [
      "decide",
      "authorSteward",
      "Voting",
      "not-allowed",
      "A proposal is decided by the votes when its voting round closes.",
    ],
    ["decide", "system", "Passed", "wrong-state", "Only a proposal in a voting round can be decided."],
  ] as const)("%s by %s from %s is refused as %s", (action, actor, state, kind, reason) => {
    expect(transitionProposal(state, action, { actor: ACTORS[actor], ...READY })).toEqual({
      ok: false,
      kind,
      reason,
    });
  });

  it("queues only when the discussion time is over and the base is confirmed", () => {
    const queue = (context: Omit<ProposalTransitionContext, "actor">) =>
      transitionProposal("Discussion", "queue", { actor: ACTORS.system, ...context });
    expect(queue({ isDiscussionOver: false, needsBaseConfirmation: false })).toMatchObject({
      ok: false,
      reason: "The minimum discussion time has not passed yet.",
    });
    expect(queue({ isDiscussionOver: true, needsBaseConfirmation: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("the author must confirm"),
    });
    expect(queue({})).toMatchObject({ ok: false });
    expect(queue(READY)).toEqual({ ok: true, next: "Queued" });
  });

  it.each([
    ["passed", "Passed"],
    ["rejected", "Rejected"],
    ["superseded", "Superseded"],
    ["failed", "Failed"],
  ] as const)("decides a proposal in voting that the round %s as %s", (outcome, next) => {
    expect(transitionProposal("Voting", "decide", { actor: ACTORS.system, outcome })).toEqual({
      ok: true,
      next,
    });
  });

  it("does not decide a proposal without the round's outcome", () => {
    expect(transitionProposal("Voting", "decide", { actor: ACTORS.system })).toEqual({
      ok: false,
      kind: "wrong-state",
      reason: "A decision needs the round's outcome for the proposal.",
    });
  });

  it("never moves a proposal out of a terminal state or into Draft, and votes only on queued proposals", () => {
    const step = fc.record({
      action: fc.constantFrom(...PROPOSAL_ACTIONS),
      actor: fc.constantFrom(...(Object.keys(ACTORS) as ActorName[])),
      isDiscussionOver: fc.boolean(),
      needsBaseConfirmation: fc.boolean(),
      outcome: fc.option(fc.constantFrom(...ROUND_OUTCOMES), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 16 }), (steps) => {
        let state: ProposalState = "Draft";
        const visited: ProposalState[] = [state];
        for (const { action, actor, ...flags } of steps) {
          const result = transitionProposal(state, action, { actor: ACTORS[actor], ...flags });
          if (!result.ok) continue;
          expect(PROPOSAL_STATES[state].isTerminal).toBe(false);
          expect(result.next).not.toBe("Draft");
          if (result.next === "Voting") expect([state, actor]).toEqual(["Queued", "system"]);
          if (["Passed", "Rejected", "Superseded", "Failed"].includes(result.next)) {
            expect([state, actor]).toEqual(["Voting", "system"]);
            expect(result.next.toLowerCase()).toBe(flags.outcome);
          }
          if (result.next === "Queued") {
            expect(state).toBe("Discussion");
            expect(flags).toMatchObject({ isDiscussionOver: true, needsBaseConfirmation: false });
          }
          if (result.next === "Discussion") expect(state).toBe("Draft");
          state = result.next;
          visited.push(state);
        }
        if (visited.includes("Queued")) expect(visited).toContain("Discussion");
        if (visited.includes("Voting")) expect(visited).toContain("Queued");
      }),
    );
  });
});

describe("endOfDiscussion", () => {
  it.each([
    ["2026-11-25T12:00:00.000Z", 48, "2026-11-27T12:00:00.000Z"],
    ["2026-11-25T12:00:00.000Z", 1, "2026-11-25T13:00:00.000Z"],
    ["2026-11-25T12:30:15.250Z", 24, "2026-11-26T12:30:15.250Z"],
    ["2026-12-31T23:00:00.000Z", 2, "2027-01-01T01:00:00.000Z"],
  ])("published at %s, discussed for %i hours, ends at %s", (publishedAt, hours, end) => {
    expect(endOfDiscussion(new Date(publishedAt), hours).toISOString()).toBe(end);
  });
});

describe("isDiscussionOver", () => {
  const END = new Date("2026-11-27T12:00:00.000Z");
  it.each([
    ["unpublished", false, null, END],
    ["1 ms before the end", false, END, new Date(END.getTime() - 1)],
    ["at the end", true, END, END],
    ["a minute after the end", true, END, new Date(END.getTime() + 60_000)],
  ] as const)("%s → %s", (_name, expected, discussionEndsAt, now) => {
    expect(isDiscussionOver({ discussionEndsAt }, now)).toBe(expected);
  });
});

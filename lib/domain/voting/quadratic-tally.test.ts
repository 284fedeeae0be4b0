import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyTallyDelta,
  differingTallies,
  emptyTally,
  tallyBallots,
  tallyDelta,
  turnout,
  type ProposalTally,
  type TallyBallot,
} from "@/lib/domain/voting/quadratic-tally";
import {
  permutationOf,
  propertyRuns,
  proposalIds,
  tallyBallotOver,
} from "@/lib/domain/voting/testing/voting-arbitraries";

const ballot = (eligibleNodes: number, votes: Record<string, number>): TallyBallot => ({
  eligibleNodes,
  allocations: Object.entries(votes).map(([proposalId, v]) => ({ proposalId, votes: v })),
});

/** Folds deltas into a running tally the way the ballot transaction does, proposal by proposal. */
function applyAll(running: Map<string, ProposalTally>, deltas: ReturnType<typeof tallyDelta>): void {
  for (const [proposalId, delta] of deltas) {
    running.set(proposalId, applyTallyDelta(running.get(proposalId)!, delta));
  }
}

const runningOf = (ids: readonly string[], ballots: readonly TallyBallot[]) =>
  new Map(tallyBallots(ids, ballots).map((tally) => [tally.proposalId, tally]));

describe("tallyBallots", () => {
  it("counts net, support, opposition and the nodes behind non-zero votes, in the round's proposal order", () => {
    const tallies = tallyBallots(
      ["p2", "p1", "p3"],
      [ballot(3, { p1: 4, p2: -2 }), ballot(1, { p1: -1, p2: 0 }), ballot(2, { p1: 2 })],
    );
    expect(tallies).toEqual([
      { proposalId: "p2", net: -2, support: 0, opposition: 2, participatingNodes: 3 },
      { proposalId: "p1", net: 5, support: 6, opposition: 1, participatingNodes: 6 },
      { proposalId: "p3", net: 0, support: 0, opposition: 0, participatingNodes: 0 },
    ]);
  });

  it("gives empty tallies when nobody voted", () => {
    expect(tallyBallots(["a", "b"], [])).toEqual([emptyTally("a"), emptyTally("b")]);
  });

  it("refuses a ballot on a proposal outside the round", () => {
    expect(() => tallyBallots(["p1"], [ballot(1, { p2: 1 })])).toThrow(RangeError);
  });

  it("keeps support − opposition = net and participation within the eligible nodes, for any ballots", () => {
    const round = proposalIds.chain((ids) =>
      fc.record({ ids: fc.constant(ids), ballots: fc.array(tallyBallotOver(ids), { maxLength: 12 }) }),
    );
    fc.assert(
      fc.property(round, ({ ids, ballots }) => {
        const nodes = ballots.reduce((sum, b) => sum + b.eligibleNodes, 0);
        for (const tally of tallyBallots(ids, ballots)) {
          expect(tally.support - tally.opposition).toBe(tally.net);
          expect(Math.min(tally.support, tally.opposition, tally.participatingNodes)).toBeGreaterThanOrEqual(
            0,
          );
          expect(tally.participatingNodes).toBeLessThanOrEqual(nodes);
        }
      }),
      propertyRuns("tally invariants"),
    );
  });

  it("does not depend on the order of the ballots", () => {
    const shuffled = proposalIds.chain((ids) =>
      fc.array(tallyBallotOver(ids), { maxLength: 12 }).chain((ballots) =>
        fc.record({
          ids: fc.constant(ids),
          ballots: fc.constant(ballots),
          reordered: permutationOf(ballots),
        }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ({ ids, ballots, reordered }) => {
        expect(tallyBallots(ids, reordered)).toEqual(tallyBallots(ids, ballots));
      }),
      propertyRuns("tallyBallots permutation invariance"),
    );
  });
});

describe("tallyDelta", () => {
  it("is the whole ballot for a first ballot", () => {
    expect(tallyDelta(null, ballot(2, { p1: 3, p2: -1 }))).toEqual(
      new Map([
        ["p1", { net: 3, support: 3, opposition: 0, participatingNodes: 2 }],
        ["p2", { net: -1, support: 0, opposition: 1, participatingNodes: 2 }],
      ]),
    );
  });

  it("moves support to opposition when a vote flips, drops a withdrawn vote's nodes, and leaves unchanged proposals out", () => {
    const deltas = tallyDelta(ballot(2, { p1: 3, p2: -1, p3: 4 }), ballot(2, { p1: -2, p3: 4 }));
    expect(deltas).toEqual(
      new Map([
        ["p1", { net: -5, support: -3, opposition: 2, participatingNodes: 0 }],
        ["p2", { net: 1, support: 0, opposition: -1, participatingNodes: -2 }],
      ]),
    );
  });

  it("is empty when the same ballot is sent again", () => {
    expect(tallyDelta(ballot(1, { p1: 2 }), ballot(1, { p1: 2 })).size).toBe(0);
  });

  it("folded over any run of submissions and replacements equals a recount of each operator's last ballot", () => {
    const submissions = proposalIds.chain((ids) =>
      fc.record({
        ids: fc.constant(ids),
        operators: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
        sent: fc.array(
          fc.record({ operator: fc.nat(), allocations: tallyBallotOver(ids).map((b) => b.allocations) }),
          { maxLength: 30 },
        ),
      }),
    );
    fc.assert(
      fc.property(submissions, ({ ids, operators, sent }) => {
        const running = runningOf(ids, []);
        const last = new Map<number, TallyBallot>();
        for (const { operator, allocations } of sent) {
          const index = operator % operators.length;
          const next = { eligibleNodes: operators[index]!, allocations };
          applyAll(running, tallyDelta(last.get(index) ?? null, next));
          last.set(index, next);
        }
        const recount = tallyBallots(ids, last.values());
        expect([...running.values()]).toEqual(recount);
        expect(differingTallies([...running.values()], recount)).toEqual([]);
      }),
      propertyRuns("incremental tally = recount"),
    );
  });

  it("replacing a ballot equals removing the old one and adding the new one", () => {
    const replacement = proposalIds.chain((ids) =>
      fc.record({
        ids: fc.constant(ids),
        others: fc.array(tallyBallotOver(ids), { maxLength: 8 }),
        nodes: fc.integer({ min: 1, max: 5 }),
        old: tallyBallotOver(ids),
        next: tallyBallotOver(ids),
      }),
    );
    fc.assert(
      fc.property(replacement, ({ ids, others, nodes, old, next }) => {
        const previous = { ...old, eligibleNodes: nodes };
        const replacing = { ...next, eligibleNodes: nodes };
        const replaced = runningOf(ids, [...others, previous]);
        applyAll(replaced, tallyDelta(previous, replacing));
        expect([...replaced.values()]).toEqual(tallyBallots(ids, [...others, replacing]));

        const removedThenAdded = runningOf(ids, [...others, previous]);
        for (const [proposalId, delta] of tallyDelta(null, previous)) {
          const tally = removedThenAdded.get(proposalId)!;
          removedThenAdded.set(proposalId, {
            proposalId,
            net: tally.net - delta.net,
            support: tally.support - delta.support,
            opposition: tally.opposition - delta.opposition,
            participatingNodes: tally.participatingNodes - delta.participatingNodes,
          });
        }
        expect([...removedThenAdded.values()]).toEqual(tallyBallots(ids, others));
        applyAll(removedThenAdded, tallyDelta(null, replacing));
        expect([...removedThenAdded.values()]).toEqual([...replaced.values()]);
      }),
      propertyRuns("replace = remove old + add new"),
    );
  });
});

describe("turnout", () => {
  it.each([
    [0, 10, 0],
    [2, 10, 0.2],
    [10, 10, 1],
    [0, 0, 0],
    [1, 3, 1 / 3],
  ])("%i of %i eligible nodes is %d", (participating, eligible, share) => {
    expect(turnout(participating, eligible)).toBe(share);
  });
});

describe("differingTallies", () => {
  const a = { proposalId: "a", net: 1, support: 1, opposition: 0, participatingNodes: 1 };
  const b = { proposalId: "b", net: -1, support: 0, opposition: 1, participatingNodes: 2 };

  it.each([
    ["agree", [a, b], [b, a], []],
    ["differ in net", [a, b], [{ ...a, net: 2 }, b], ["a"]],
    ["differ in support", [a, b], [a, { ...b, support: 1 }], ["b"]],
    ["differ in opposition", [a, b], [a, { ...b, opposition: 2 }], ["b"]],
    ["differ in participating nodes", [a, b], [{ ...a, participatingNodes: 0 }, b], ["a"]],
    ["miss one in the recount", [a, b], [a], ["b"]],
    ["miss one in the running count", [a], [a, b], ["b"]],
  ])("names the proposals when the counts %s", (_name, running, recount, differing) => {
    expect(differingTallies(running, recount)).toEqual(differing);
  });
});

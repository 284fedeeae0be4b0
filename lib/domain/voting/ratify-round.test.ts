import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultParameterValues,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { inBoundsValue, validParameterValues } from "@/lib/domain/parameters/testing/parameter-arbitraries";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import { tallyBallots, type TallyBallot } from "@/lib/domain/voting/quadratic-tally";
import {
  countOutcomes,
  decideVote,
  isRoundOutcome,
  ratifyRound,
  touchesGovernance,
  type RatifiableProposal,
  type RoundRules,
} from "@/lib/domain/voting/ratify-round";
import { permutationOf, propertyRuns, tallyBallotOver } from "@/lib/domain/voting/testing/voting-arbitraries";

const defaults = defaultParameterValues();
const rules = { quorum: 0.2, metaSupermajority: 0.66 };

const tally = (proposalId: string, support: number, opposition: number, participatingNodes = 10) => ({
  proposalId,
  net: support - opposition,
  support,
  opposition,
  participatingNodes,
});

function proposal(
  proposalId: string,
  [support, opposition]: [number, number],
  changes: Partial<Record<ParameterKey, number>>,
): RatifiableProposal {
  return {
    proposalId,
    changes: Object.entries(changes).map(([key, to]) => ({ key: key as ParameterKey, to: to! })),
    tally: tally(proposalId, support, opposition),
  };
}

const ratify = (proposals: RatifiableProposal[]) =>
  ratifyRound({ proposals, rules, eligibleNodes: 10, currentParams: defaults });
const outcomes = (result: ReturnType<typeof ratify>) =>
  Object.fromEntries(result.decisions.map((decision) => [decision.proposalId, decision.outcome]));

describe("touchesGovernance", () => {
  it.each([
    [[], false],
    [[{ key: "reward.perGbUploaded" }], false],
    [[{ key: "reward.perGbUploaded" }, { key: "gov.quorum" }], true],
    [[{ key: "gov.voiceCreditsPerNode" }], true],
  ])("%j → %s", (changes, touches) => {
    expect(touchesGovernance(changes)).toBe(touches);
  });
});

describe("isRoundOutcome", () => {
  it.each([
    ["passed", true],
    ["failed", true],
    ["Passed", false],
    ["", false],
    [null, false],
  ])("%j → %s", (value, isOutcome) => {
    expect(isRoundOutcome(value)).toBe(isOutcome);
  });
});

describe("countOutcomes", () => {
  it.each([
    [[], { passed: 0, rejected: 0, superseded: 0, failed: 0 }],
    [["passed", "rejected"], { passed: 1, rejected: 1, superseded: 0, failed: 0 }],
    [["failed", "failed", "superseded"], { passed: 0, rejected: 0, superseded: 1, failed: 2 }],
    [[null, "passed", "unknown"], { passed: 1, rejected: 0, superseded: 0, failed: 0 }],
  ])("%j → %j", (outcomes, counts) => {
    expect(countOutcomes(outcomes)).toEqual(counts);
  });
});

describe("decideVote", () => {
  it.each([
    [
      "turnout at quorum and net > 0",
      tally("p", 3, 1, 20),
      false,
      100,
      true,
      "Net votes 2 (3 for, 1 against) with 20 % turnout.",
    ],
    [
      "turnout below quorum",
      tally("p", 30, 0, 19),
      false,
      100,
      false,
      "Turnout was 19 %, below the 20 % quorum.",
    ],
    ["no eligible node", tally("p", 0, 0, 0), false, 0, false, "Turnout was 0 %, below the 20 % quorum."],
    [
      "net 0",
      tally("p", 4, 4, 50),
      false,
      100,
      false,
      "Net votes were 0 (4 for, 4 against); it needed more votes for than against.",
    ],
    ["net below 0", tally("p", 1, 5, 50), false, 100, false, "Net votes were -4"],
    ["a gov change at exactly 66 % support", tally("p", 66, 34, 50), true, 100, true, "Net votes 32"],
    [
      "a gov change at 65 % support",
      tally("p", 65, 35, 50),
      true,
      100,
      false,
      "needs 66 % of the votes cast in support; it had 65 %.",
    ],
    ["a non-gov change at 51 % support", tally("p", 51, 49, 50), false, 100, true, "Net votes 2"],
  ])("%s", (_name, counts, touchesGov, eligibleNodes, passes, reason) => {
    const vote = decideVote(counts, { touchesGov, eligibleNodes, rules });
    expect(vote.passes).toBe(passes);
    expect(vote.reason).toContain(reason);
  });

  // 0.55 × 100 is 55.00000000000001 in floating point: the rule must still see 55 of 100 as 55 %.
  it.each([
    [0.55, 55, 45],
    [0.56, 56, 44],
    [0.56, 28, 22],
    [0.5, 1, 1],
    [0.75, 3, 1],
    [1, 7, 0],
  ])(
    "passes a gov change whose support share is exactly the %d supermajority (%i for, %i against)",
    (metaSupermajority, support, opposition) => {
      const counts = tally("p", support, opposition, 100);
      const result = decideVote(counts, {
        touchesGov: true,
        eligibleNodes: 100,
        rules: { quorum: 0.2, metaSupermajority },
      });
      expect(result).toEqual({ passes: counts.net > 0, reason: expect.any(String) });
      const oneLess = tally("p", support - 1, opposition + 1, 100);
      expect(
        decideVote(oneLess, {
          touchesGov: true,
          eligibleNodes: 100,
          rules: { quorum: 0.2, metaSupermajority },
        }).passes,
      ).toBe(false);
    },
  );
});

describe("ratifyRound", () => {
  it("applies passed proposals, orders decisions by net then id, and reports each one's numbers", () => {
    const result = ratify([
      proposal("b", [5, 0], { "reward.perGbUploaded": 2 }),
      proposal("c", [1, 3], { "freeRider.graceDays": 10 }),
      proposal("a", [5, 0], { "reward.uptimeBonusPerDay": 3 }),
    ]);
    expect(result.decisions.map((decision) => [decision.proposalId, decision.outcome, decision.net])).toEqual(
      [
        ["a", "passed", 5],
        ["b", "passed", 5],
        ["c", "rejected", -2],
      ],
    );
    expect(result.decisions[0]).toMatchObject({ support: 5, opposition: 0, turnout: 1, touchesGov: false });
    expect(result.passedIds).toEqual(["a", "b"]);
    expect(result.params).toEqual({ ...defaults, "reward.uptimeBonusPerDay": 3, "reward.perGbUploaded": 2 });
  });

  it("creates no parameter set when nothing passed", () => {
    const result = ratify([proposal("a", [1, 1], { "reward.perGbUploaded": 2 })]);
    expect([result.passedIds, result.params]).toEqual([[], null]);
  });

  it("supersedes a passed proposal that sets a parameter a higher-net one already set, keeping all of its changes out", () => {
    const result = ratify([
      proposal("low", [5, 0], { "reward.perGbUploaded": 3, "freeRider.graceDays": 10 }),
      proposal("high", [9, 1], { "reward.perGbUploaded": 2 }),
    ]);
    expect(outcomes(result)).toEqual({ high: "passed", low: "superseded" });
    expect(result.decisions[1]!.reason).toBe(
      "Proposal high also changes reward.perGbUploaded and had more net votes (8 against 5).",
    );
    expect(result.params).toEqual({ ...defaults, "reward.perGbUploaded": 2 });
  });

  it("breaks a tie in net votes by proposal id", () => {
    const result = ratify([
      proposal("y", [4, 0], { "reward.perGbUploaded": 3 }),
      proposal("x", [4, 0], { "reward.perGbUploaded": 2 }),
    ]);
    expect(outcomes(result)).toEqual({ x: "passed", y: "superseded" });
    expect(result.decisions[1]!.reason).toBe(
      "Proposal x also changes reward.perGbUploaded and tied with it on 4 net votes; ties go by proposal id (the order ratification applies them), so x came first.",
    );
  });

  it("fails a proposal that breaks a constraint after the higher-net ones, and goes on with the rest", () => {
    const result = ratify([
      proposal("weights", [10, 0], { "selection.weightSpeed": 0.5, "selection.weightContribution": 0.2 }),
      proposal("throttle-off", [6, 0], { "freeRider.throttleFactor": 1 }),
      proposal("rule-off", [3, 0], { "freeRider.minShareRatio": 0 }),
      proposal("speed-only", [2, 0], { "selection.weightSpeed": 0.6 }),
      proposal("fees", [1, 0], { "reward.perGbUploaded": 4 }),
    ]);
    expect(outcomes(result)).toEqual({
      weights: "passed",
      "throttle-off": "failed",
      "rule-off": "passed",
      "speed-only": "superseded",
      fees: "passed",
    });
    expect(result.decisions[1]!.reason).toMatch(
      /^It passed the vote, but applied after the proposals with more net votes it breaks a rule: .*throttleFactor/,
    );
    expect(result.params).toEqual({
      ...defaults,
      "selection.weightSpeed": 0.5,
      "selection.weightContribution": 0.2,
      "freeRider.minShareRatio": 0,
      "reward.perGbUploaded": 4,
    });
  });

  it("lets a lower-net proposal set a parameter a failed one tried to set", () => {
    const result = ratify([
      proposal("broken", [9, 0], { "selection.weightSpeed": 0.5 }),
      proposal("fixed", [4, 0], { "selection.weightSpeed": 0.5, "selection.weightReliability": 0.2 }),
    ]);
    expect(outcomes(result)).toEqual({ broken: "failed", fixed: "passed" });
  });

  it("needs the supermajority for a proposal that mixes gov.* and other changes", () => {
    const result = ratify([proposal("mixed", [6, 4], { "gov.quorum": 0.3, "reward.perGbUploaded": 2 })]);
    expect(result.decisions[0]).toMatchObject({ outcome: "rejected", touchesGov: true });
  });
});

const changeableKeys: ParameterKey[] = [
  "reward.perGbUploaded",
  "freeRider.minShareRatio",
  "freeRider.throttleFactor",
  "selection.weightSpeed",
  "selection.weightContribution",
  "gov.quorum",
];

interface RoundCase {
  ids: string[];
  changes: { key: ParameterKey; to: number }[][];
  ballots: TallyBallot[];
  /** Eligible nodes whose operators did not vote. */
  absentNodes: number;
  rules: RoundRules;
  currentParams: ParameterValues;
}

const changesOf = fc.uniqueArray(
  fc.constantFrom(...changeableKeys).chain((key) => inBoundsValue(key).map((to) => ({ key, to }))),
  { minLength: 1, maxLength: 3, selector: (change) => change.key },
);

/** A round: up to 6 proposals of 1–3 changes on overlapping keys, tallied from random ballots. */
const roundToRatify: fc.Arbitrary<RoundCase> = fc.integer({ min: 1, max: 6 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, index) => `p${index}`);
  return fc.record({
    ids: fc.constant(ids),
    changes: fc.tuple(...ids.map(() => changesOf)),
    ballots: fc.array(tallyBallotOver(ids), { maxLength: 10 }),
    absentNodes: fc.integer({ min: 0, max: 10 }),
    rules: fc.record({
      quorum: fc.oneof(fc.constantFrom(0.01, 0.2, 0.5), fc.double({ min: 0.01, max: 1, noNaN: true })),
      metaSupermajority: fc.oneof(
        fc.constantFrom(0.5, 0.66, 1),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
      ),
    }),
    currentParams: validParameterValues,
  });
});

const eligibleNodesOf = (round: RoundCase) =>
  round.ballots.reduce((sum, ballot) => sum + ballot.eligibleNodes, round.absentNodes);

function proposalsOf(round: RoundCase, ballots: readonly TallyBallot[]): RatifiableProposal[] {
  const tallies = tallyBallots(round.ids, ballots);
  return round.ids.map((proposalId, index) => ({
    proposalId,
    changes: round.changes[index]!,
    tally: tallies[index]!,
  }));
}

function ratifyCase(round: RoundCase, ballots = round.ballots, order = round.ids.map((_, index) => index)) {
  const proposals = proposalsOf(round, ballots);
  return ratifyRound({
    proposals: order.map((index) => proposals[index]!),
    rules: round.rules,
    eligibleNodes: eligibleNodesOf(round),
    currentParams: round.currentParams,
  });
}

describe("ratifyRound properties", () => {
  it("decides the same for any order of the proposals and of the ballots they were tallied from", () => {
    const reordered = roundToRatify.chain((round) =>
      fc.record({
        round: fc.constant(round),
        ballots: permutationOf(round.ballots),
        order: permutationOf(round.ids.map((_, index) => index)),
      }),
    );
    fc.assert(
      fc.property(reordered, ({ round, ballots, order }) => {
        expect(ratifyCase(round, ballots, order)).toEqual(ratifyCase(round));
      }),
      propertyRuns("ratifyRound is order-independent"),
    );
  });

  it("never lets two passed proposals set one parameter, and every passed set of parameters validates", () => {
    let passedSomething = 0;
    fc.assert(
      fc.property(roundToRatify, (round) => {
        const result = ratifyCase(round);
        const byId = new Map(proposalsOf(round, round.ballots).map((p) => [p.proposalId, p]));
        expect(result.decisions.map((d) => d.proposalId).sort()).toEqual([...round.ids].sort());
        expect(result.passedIds).toEqual(
          result.decisions.filter((d) => d.outcome === "passed").map((d) => d.proposalId),
        );

        // Replay the decisions in order: each outcome must follow from the parameters as they stood.
        let params = round.currentParams;
        const setKeys = new Set<string>();
        let previousNet = Infinity;
        for (const decision of result.decisions) {
          const { changes, tally: counts } = byId.get(decision.proposalId)!;
          expect(counts.net).toBeLessThanOrEqual(previousNet);
          previousNet = counts.net;
          const vote = decideVote(counts, {
            touchesGov: decision.touchesGov,
            eligibleNodes: eligibleNodesOf(round),
            rules: round.rules,
          });
          expect(decision.outcome === "rejected").toBe(!vote.passes);
          if (decision.outcome === "rejected") continue;
          const overlaps = changes.some((change) => setKeys.has(change.key));
          expect(decision.outcome === "superseded").toBe(overlaps);
          if (overlaps) continue;
          const candidate = { ...params, ...Object.fromEntries(changes.map((c) => [c.key, c.to])) };
          expect(decision.outcome).toBe(validateParameterValues(candidate).ok ? "passed" : "failed");
          if (decision.outcome === "failed") continue;
          params = candidate;
          for (const change of changes) setKeys.add(change.key);
        }
        if (result.params === null) {
          expect(result.passedIds).toEqual([]);
          return;
        }
        passedSomething += 1;
        expect(result.params).toEqual(params);
        expect(validateParameterValues(result.params).ok).toBe(true);
        const passedKeys = result.passedIds.flatMap((id) =>
          byId.get(id)!.changes.map((change) => change.key),
        );
        expect(new Set(passedKeys).size).toBe(passedKeys.length);
      }),
      propertyRuns("ratifyRound: no key set twice, params validate"),
    );
    expect(passedSomething).toBeGreaterThan(50);
  });
});

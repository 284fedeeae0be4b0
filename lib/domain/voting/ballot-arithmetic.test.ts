import fc from "fast-check";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import { describe, expect, it } from "vitest";
import { ballotCost } from "./ballot";
import { creditsLeft, maxVotesFor, nextVoteCost, stepCost } from "./ballot-arithmetic";

const RUNS = propertyRuns("ballot arithmetic");

const votes = fc.integer({ min: -1000, max: 1000 });

describe("nextVoteCost", () => {
  it.each([
    [0, 1],
    [1, 3],
    [2, 5],
    [-3, 7],
    [9, 19],
  ])("the next vote after %i costs %i credits", (current, cost) => {
    expect(nextVoteCost(current)).toBe(cost);
  });

  it("is (|v|+1)² − v² and equals the step away from zero", () => {
    fc.assert(
      fc.property(votes, (v) => {
        expect(nextVoteCost(v)).toBe((Math.abs(v) + 1) ** 2 - v ** 2);
        expect(nextVoteCost(v)).toBe(stepCost(v, v < 0 ? -1 : 1));
      }),
      RUNS,
    );
  });
});

describe("stepCost", () => {
  it("refunds exactly what the step away cost: a step and its undo sum to zero", () => {
    fc.assert(
      fc.property(votes, fc.constantFrom(1 as const, -1 as const), (v, step) => {
        expect(stepCost(v, step) + stepCost(v + step, step === 1 ? -1 : 1)).toBe(0);
      }),
      RUNS,
    );
  });
});

describe("creditsLeft and maxVotesFor", () => {
  const ballot = fc.uniqueArray(fc.record({ proposalId: fc.constantFrom("a", "b", "c", "d"), votes }), {
    selector: (allocation) => allocation.proposalId,
  });

  it("creditsLeft is the budget minus Σv²", () => {
    expect(
      creditsLeft(100, [
        { proposalId: "a", votes: 6 },
        { proposalId: "b", votes: -8 },
      ]),
    ).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), ballot, (budget, allocations) => {
        expect(creditsLeft(budget, allocations)).toBe(budget - ballotCost(allocations));
      }),
      RUNS,
    );
  });

  it("maxVotesFor is the largest |v| on one proposal that keeps the ballot within budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), ballot, (budget, allocations) => {
        const left = creditsLeft(budget, allocations);
        fc.pre(left >= 0 && allocations.length > 0);
        const [first, ...rest] = allocations;
        const most = maxVotesFor(first!.votes, left);
        const withFirst = (votes: number) => [{ proposalId: first!.proposalId, votes }, ...rest];
        expect(Math.abs(first!.votes)).toBeLessThanOrEqual(most);
        expect(creditsLeft(budget, withFirst(most))).toBeGreaterThanOrEqual(0);
        expect(creditsLeft(budget, withFirst(-most - 1))).toBeLessThan(0);
      }),
      RUNS,
    );
  });
});

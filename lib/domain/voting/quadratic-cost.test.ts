import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxVotesOnOneProposal, operatorBudget, voteCost } from "./quadratic-cost";

describe("voteCost", () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 4],
    [3, 9],
    [4, 16],
    [5, 25],
    [-3, 9],
  ])("%i votes cost %i credits", (votes, cost) => {
    expect(voteCost(votes)).toBe(cost);
  });
});

describe("maxVotesOnOneProposal", () => {
  it.each([
    [0, 0],
    [-5, 0],
    [1, 1],
    [3, 1],
    [4, 2],
    [100, 10],
    [10_000, 100],
    [10_001, 100],
  ])("a budget of %i buys %i votes", (budget, votes) => {
    expect(maxVotesOnOneProposal(budget)).toBe(votes);
  });

  it("buys the most votes that fit and no more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (budget) => {
        const votes = maxVotesOnOneProposal(budget);
        expect(voteCost(votes)).toBeLessThanOrEqual(budget);
        expect(voteCost(votes + 1)).toBeGreaterThan(budget);
      }),
    );
  });
});

describe("pooling nodes under one operator", () => {
  it("gives one 100-node operator 100 votes and a hundred 1-node operators 1,000", () => {
    const pooled = maxVotesOnOneProposal(operatorBudget(100, 100));
    const spread = 100 * maxVotesOnOneProposal(operatorBudget(100, 1));
    expect([pooled, spread]).toEqual([100, 1000]);
  });

  it("never gives a pooled operator more votes than the same nodes run by separate operators", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (credits, nodes) => {
          const pooled = maxVotesOnOneProposal(operatorBudget(credits, nodes));
          const spread = nodes * maxVotesOnOneProposal(operatorBudget(credits, 1));
          expect(pooled).toBeLessThanOrEqual(spread);
        },
      ),
    );
  });
});

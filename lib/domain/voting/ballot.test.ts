import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotCost, checkBallot, normaliseAllocations } from "@/lib/domain/voting/ballot";
import { operatorBudget } from "@/lib/domain/voting/quadratic-cost";
import { allocationsOver, propertyRuns, proposalIds } from "@/lib/domain/voting/testing/voting-arbitraries";

const round = { proposalIds: ["p1", "p2", "p3"], budget: 100 };
const sumOfSquares = (allocations: readonly { votes: number }[]) =>
  allocations.reduce((sum, { votes }) => sum + votes * votes, 0);

describe("ballotCost", () => {
  it.each([
    [[], 0],
    [[{ proposalId: "p1", votes: 3 }], 9],
    [[{ proposalId: "p1", votes: -3 }], 9],
    [
      [
        { proposalId: "p1", votes: 6 },
        { proposalId: "p2", votes: -8 },
        { proposalId: "p3", votes: 0 },
      ],
      100,
    ],
  ])("%j costs %i credits", (allocations, cost) => {
    expect(ballotCost(allocations)).toBe(cost);
  });
});

describe("normaliseAllocations", () => {
  it("drops zero votes (also -0), sorts by proposal id in code-unit order and copies only the two fields", () => {
    const input = [
      { proposalId: "b", votes: 2 },
      { proposalId: "a", votes: 0 },
      { proposalId: "B", votes: -1, extra: true },
      { proposalId: "c", votes: -0 },
      { proposalId: "a1", votes: 4 },
    ];
    expect(normaliseAllocations(input)).toEqual([
      { proposalId: "B", votes: -1 },
      { proposalId: "a1", votes: 4 },
      { proposalId: "b", votes: 2 },
    ]);
    expect(input[0]).toEqual({ proposalId: "b", votes: 2 });
  });
});

describe("checkBallot", () => {
  it.each([
    ["an empty ballot", [], [], 0],
    ["all zeros", [{ proposalId: "p1", votes: 0 }], [], 0],
    [
      "a ballot under budget",
      [
        { proposalId: "p3", votes: -2 },
        { proposalId: "p1", votes: 5 },
      ],
      [
        { proposalId: "p1", votes: 5 },
        { proposalId: "p3", votes: -2 },
      ],
      29,
    ],
    [
      "the budget spent on one proposal",
      [{ proposalId: "p2", votes: -10 }],
      [{ proposalId: "p2", votes: -10 }],
      100,
    ],
    [
      "the budget spent exactly over three",
      [
        { proposalId: "p1", votes: 6 },
        { proposalId: "p2", votes: 8 },
        { proposalId: "p3", votes: 0 },
      ],
      [
        { proposalId: "p1", votes: 6 },
        { proposalId: "p2", votes: 8 },
      ],
      100,
    ],
  ])("accepts %s", (_name, allocations, normalised, cost) => {
    expect(checkBallot(allocations, round)).toEqual({ ok: true, allocations: normalised, cost });
  });

  it.each([
    ["11 votes on one proposal", [{ proposalId: "p1", votes: 11 }], 121],
    [
      "101 credits over two proposals",
      [
        { proposalId: "p1", votes: 10 },
        { proposalId: "p2", votes: -1 },
      ],
      101,
    ],
  ])("refuses %s as over budget, naming the cost and the budget", (_name, allocations, cost) => {
    const result = checkBallot(allocations, round);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        field: "allocations",
        message: expect.stringMatching(new RegExp(`costs ${cost} voice credits.*your budget is 100`)),
      },
    ]);
  });

  it("refuses any vote with a budget of 0", () => {
    expect(checkBallot([{ proposalId: "p1", votes: 1 }], { ...round, budget: 0 }).ok).toBe(false);
    expect(checkBallot([{ proposalId: "p1", votes: 0 }], { ...round, budget: 0 }).ok).toBe(true);
  });

  it.each([
    [
      "a proposal outside the round",
      { proposalId: "p9", votes: 1 },
      "allocations.1.proposalId",
      "not in this round",
    ],
    ["a proposal twice", { proposalId: "p1", votes: 1 }, "allocations.1.proposalId", "appears twice"],
    ["a fractional vote", { proposalId: "p2", votes: 1.5 }, "allocations.1.votes", "whole number"],
    ["NaN votes", { proposalId: "p2", votes: NaN }, "allocations.1.votes", "whole number"],
    ["infinite votes", { proposalId: "p2", votes: -Infinity }, "allocations.1.votes", "whole number"],
    [
      "votes beyond safe integers",
      { proposalId: "p2", votes: 2 ** 53 },
      "allocations.1.votes",
      "whole number",
    ],
  ])("refuses %s with a problem at its field", (_name, bad, field, message) => {
    const result = checkBallot([{ proposalId: "p1", votes: 2 }, bad], round);
    expect(result).toEqual({ ok: false, problems: [{ field, message: expect.stringContaining(message) }] });
  });

  it("reports every shape problem at once before looking at the cost", () => {
    const result = checkBallot(
      [
        { proposalId: "p1", votes: 50 },
        { proposalId: "p1", votes: 0.5 },
        { proposalId: "zz", votes: 1 },
      ],
      round,
    );
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
      "allocations.1.proposalId",
      "allocations.1.votes",
      "allocations.2.proposalId",
    ]);
  });

  it("accepts exactly the ballots with Σv² ≤ budget, and every accepted ballot is normalised and within budget", () => {
    let accepted = 0;
    let refused = 0;
    const ballotAndBudget = proposalIds.chain((ids) =>
      fc.record({
        ids: fc.constant(ids),
        allocations: allocationsOver(ids, 30),
        budget: fc.integer({ min: 0, max: 2_000 }),
      }),
    );
    fc.assert(
      fc.property(ballotAndBudget, ({ ids, allocations, budget }) => {
        const result = checkBallot(allocations, { proposalIds: ids, budget });
        const cost = sumOfSquares(allocations);
        expect(result.ok).toBe(cost <= budget);
        if (!result.ok) {
          refused += 1;
          expect(result.problems).toEqual([
            { field: "allocations", message: expect.stringContaining(`${cost}`) },
          ]);
          return;
        }
        accepted += 1;
        expect(result.cost).toBe(cost);
        expect(sumOfSquares(result.allocations)).toBeLessThanOrEqual(budget);
        expect(result.allocations).toEqual(normaliseAllocations(allocations));
        expect(checkBallot(result.allocations, { proposalIds: ids, budget })).toEqual(result);
      }),
      propertyRuns("checkBallot accepts exactly Σv² ≤ budget"),
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe("pooling nodes under one operator (checkBallot with operatorBudget)", () => {
  // Math.sqrt is exact enough here: n·C ≤ 10⁷.
  const maxOnOne = (budget: number) => Math.floor(Math.sqrt(budget));
  const canPut = (votes: number, budget: number) =>
    checkBallot([{ proposalId: "p", votes }], { proposalIds: ["p"], budget }).ok;

  it("lets an operator with n nodes put at most ⌊√(n·C)⌋ votes on one proposal, and n one-node operators n·⌊√C⌋", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.boolean(),
        (credits, nodes, against) => {
          const sign = against ? -1 : 1;
          const pooled = maxOnOne(operatorBudget(credits, nodes));
          expect(canPut(sign * pooled, operatorBudget(credits, nodes))).toBe(true);
          expect(canPut(sign * (pooled + 1), operatorBudget(credits, nodes))).toBe(false);
          const each = maxOnOne(operatorBudget(credits, 1));
          expect(canPut(sign * each, operatorBudget(credits, 1))).toBe(true);
          expect(canPut(sign * (each + 1), operatorBudget(credits, 1))).toBe(false);
          expect(pooled).toBeLessThanOrEqual(nodes * each);
        },
      ),
      propertyRuns("pooling: ⌊√(n·C)⌋ against n·⌊√C⌋"),
    );
  });

  it("gives the product brief's example: 100 nodes with C = 100 are 100 votes pooled, 1,000 spread", () => {
    expect([canPut(100, operatorBudget(100, 100)), canPut(101, operatorBudget(100, 100))]).toEqual([
      true,
      false,
    ]);
    expect([canPut(10, operatorBudget(100, 1)), canPut(11, operatorBudget(100, 1))]).toEqual([true, false]);
  });
});

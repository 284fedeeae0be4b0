import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operatorBudget } from "@/lib/domain/voting/quadratic-cost";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";
import { castVotingPower, potentialVotingPower } from "@/lib/domain/voting/voting-power";

const ballot = (...votes: number[]) => ({
  allocations: votes.map((v, index) => ({ proposalId: `p${index}`, votes: v })),
});

describe("potentialVotingPower", () => {
  it("measures what each operator can put on one proposal, not its credits", () => {
    // A 100-node cluster (10,000 credits → 100 votes) against ten 1-node operators (100 credits → 10 votes each).
    const budgets = [operatorBudget(100, 100), ...Array.from({ length: 10 }, () => operatorBudget(100, 1))];
    expect(potentialVotingPower(budgets)).toEqual({
      operators: 11,
      // The cluster holds exactly half, which is not more than half.
      nakamoto: 2,
      gini: expect.closeTo(9 / 22, 12),
      largestShare: 0.5,
    });
  });

  it("counts a cluster as one of equals when the others each match it", () => {
    expect(potentialVotingPower([100, 100, 100, 100])).toEqual({
      operators: 4,
      nakamoto: 3,
      gini: 0,
      largestShare: 0.25,
    });
  });

  it("is all zeros for no operators", () => {
    expect(potentialVotingPower([])).toEqual({ operators: 0, nakamoto: 0, gini: 0, largestShare: 0 });
  });

  it("handles hundreds of thousands of operators", () => {
    const budgets = Array.from({ length: 300_000 }, (_, index) => (index === 0 ? 400 : 100));
    expect(potentialVotingPower(budgets).largestShare).toBeCloseTo(20 / (20 + 299_999 * 10), 15);
  });

  it("never has a lower Nakamoto coefficient when a cluster's nodes are split among one-node operators", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 2, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 20 }),
        (credits, clusterNodes, others) => {
          const rest = others.map((nodes) => operatorBudget(credits, nodes));
          const pooled = potentialVotingPower([operatorBudget(credits, clusterNodes), ...rest]);
          const split = potentialVotingPower([
            ...Array.from({ length: clusterNodes }, () => operatorBudget(credits, 1)),
            ...rest,
          ]);
          expect(split.nakamoto).toBeGreaterThanOrEqual(pooled.nakamoto);
          expect(split.largestShare).toBeLessThanOrEqual(pooled.largestShare);
        },
      ),
      propertyRuns("splitting a cluster never concentrates power"),
    );
  });
});

describe("castVotingPower", () => {
  it("sums |v| per ballot and leaves out ballots with no votes", () => {
    expect(castVotingPower([ballot(3, -4), ballot(), ballot(0, 0), ballot(-1)])).toEqual({
      operators: 2,
      nakamoto: 1,
      gini: expect.closeTo(6 / 16, 12),
      largestShare: 7 / 8,
    });
  });

  it("is all zeros when nobody voted", () => {
    expect(castVotingPower([ballot()])).toEqual({ operators: 0, nakamoto: 0, gini: 0, largestShare: 0 });
  });
});

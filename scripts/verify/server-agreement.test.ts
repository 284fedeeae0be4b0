import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterBudget } from "@/lib/domain/clusters/cluster-budgets";
import { budgetFromClusters } from "./budget-rule";

/** Any operator's shares of clusters: 1 ≤ nodes ≤ clusterNodes, from tiny to 100,000-node clusters. */
const shares = fc.array(
  fc
    .record({ nodes: fc.integer({ min: 1, max: 100_000 }), extra: fc.integer({ min: 0, max: 100_000 }) })
    .map(({ nodes, extra }) => ({ nodes, clusterNodes: nodes + extra })),
  { minLength: 1, maxLength: 20 },
);

describe("the verifier's budget rule and the server's", () => {
  it("give every operator the same budget (property)", () => {
    fc.assert(
      fc.property(shares, fc.integer({ min: 1, max: 10_000 }), (operatorShares, creditsPerNode) => {
        expect(budgetFromClusters(operatorShares, creditsPerNode)).toBe(
          clusterBudget(operatorShares, creditsPerNode),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    [[{ nodes: 1, clusterNodes: 1 }], 1],
    [[{ nodes: 1, clusterNodes: 3 }], 100],
    [[{ nodes: 99_999, clusterNodes: 100_000 }], 10_000],
    [Array.from({ length: 500 }, () => ({ nodes: 1, clusterNodes: 500 })), 100],
  ])("agree on %#", (operatorShares, creditsPerNode) => {
    expect(budgetFromClusters(operatorShares, creditsPerNode)).toBe(
      clusterBudget(operatorShares, creditsPerNode),
    );
  });
});

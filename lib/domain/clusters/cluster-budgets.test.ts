import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  budgetsByCluster,
  ceilIntegerSqrt,
  clusterBudget,
  clusterRadiusMicros,
  operatorRadiusMicros,
  type ClusteredNode,
} from "./cluster-budgets";

const RUNS = { numRuns: 1_000 };
const credits = fc.integer({ min: 1, max: 10_000 });

/** Nodes spread over a few clusters and filed under a few accounts, two filings of the same nodes. */
const network = fc
  .record({
    clusters: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 60 }),
    filingA: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 60, maxLength: 60 }),
    filingB: fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 60, maxLength: 60 }),
  })
  .map(({ clusters, filingA, filingB }) => ({
    clusterOf: clusters.map((cluster) => `c${cluster}`),
    filingA: clusters.map((_, index) => `a${filingA[index]}`),
    filingB: clusters.map((_, index) => `b${filingB[index]}`),
  }));

function nodesFiled(clusterOf: readonly string[], filing: readonly string[]): ClusteredNode[] {
  return clusterOf.map((clusterId, index) => ({
    nodeId: `n${String(index).padStart(3, "0")}`,
    operatorId: filing[index]!,
    clusterId,
  }));
}

function radiusSum(nodes: readonly ClusteredNode[], creditsPerNode: number): bigint {
  return budgetsByCluster(nodes, creditsPerNode).reduce(
    (sum, operator) => sum + operatorRadiusMicros(operator.clusters, creditsPerNode),
    0n,
  );
}

const pairs = (nodes: readonly ClusteredNode[]) =>
  new Set(nodes.map((node) => `${node.operatorId} ${node.clusterId}`)).size;

describe("ceilIntegerSqrt", () => {
  it.each([
    [0n, 0n],
    [1n, 1n],
    [2n, 2n],
    [4n, 2n],
    [5n, 3n],
    [10n ** 24n, 10n ** 12n],
    [10n ** 24n + 1n, 10n ** 12n + 1n],
  ])("⌈√%s⌉ = %s", (value, root) => {
    expect(ceilIntegerSqrt(value)).toBe(root);
  });

  it("is the smallest integer whose square reaches the value (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), (value) => {
        const root = ceilIntegerSqrt(value);
        expect(root * root >= value).toBe(true);
        expect(root === 0n || (root - 1n) * (root - 1n) < value).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("clusterBudget (product.md 'Who counts')", () => {
  it.each([
    // [shares, C, budget]
    [[{ nodes: 1, clusterNodes: 1 }], 100, 100],
    [[{ nodes: 100, clusterNodes: 100 }], 100, 10_000],
    [[{ nodes: 1, clusterNodes: 2 }], 100, 50],
    [[{ nodes: 1, clusterNodes: 100 }], 100, 1],
    [[{ nodes: 3, clusterNodes: 9 }], 100, 100],
    // Two nodes in two networks hold 2·√C votes on one proposal: a budget of 4·C.
    [
      [
        { nodes: 1, clusterNodes: 1 },
        { nodes: 1, clusterNodes: 1 },
      ],
      100,
      400,
    ],
  ])("%j at C = %i is %i", (shares, creditsPerNode, budget) => {
    expect(clusterBudget(shares, creditsPerNode)).toBe(budget);
  });

  it("gives an operator whose nodes are the whole of one cluster exactly C × n (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), credits, (nodes, creditsPerNode) => {
        expect(clusterBudget([{ nodes, clusterNodes: nodes }], creditsPerNode)).toBe(creditsPerNode * nodes);
      }),
      RUNS,
    );
  });

  it("gives n nodes each alone in its own network (n·√C)² credits, as if n people ran them (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100 }), (nodes, root) => {
        const creditsPerNode = root * root;
        const alone = Array.from({ length: nodes }, () => ({ nodes: 1, clusterNodes: 1 }));
        expect(clusterBudget(alone, creditsPerNode)).toBe(nodes * nodes * creditsPerNode);
      }),
      RUNS,
    );
  });

  it("refuses a share that cannot exist", () => {
    expect(() => clusterRadiusMicros({ nodes: 0, clusterNodes: 3 }, 100)).toThrow(/1 ≤ nodes ≤ clusterNodes/);
    expect(() => clusterRadiusMicros({ nodes: 4, clusterNodes: 3 }, 100)).toThrow(/got 4 of 3/);
  });
});

describe("budgetsByCluster", () => {
  it("is an integer for every operator and does not depend on the order of the nodes (property)", () => {
    fc.assert(
      fc.property(network, credits, fc.integer(), ({ clusterOf, filingA }, creditsPerNode, seed) => {
        const nodes = nodesFiled(clusterOf, filingA);
        const shuffled = [...nodes].sort(
          (a, b) =>
            ((Number(a.nodeId.slice(1)) * 7919 + seed) % 61) -
            ((Number(b.nodeId.slice(1)) * 7919 + seed) % 61),
        );
        const budgets = budgetsByCluster(nodes, creditsPerNode);
        expect(budgetsByCluster(shuffled, creditsPerNode)).toEqual(budgets);
        for (const operator of budgets) {
          expect(Number.isSafeInteger(operator.budget)).toBe(true);
          expect(operator.eligibleNodes).toBe(operator.clusters.reduce((sum, share) => sum + share.nodes, 0));
        }
      }),
      RUNS,
    );
  });

  it("lists each cluster with the same size for every operator in it, the sum of their nodes there (property)", () => {
    fc.assert(
      fc.property(network, credits, ({ clusterOf, filingA }, creditsPerNode) => {
        const sizes = new Map<string, { clusterNodes: number; sum: number }>();
        for (const operator of budgetsByCluster(nodesFiled(clusterOf, filingA), creditsPerNode)) {
          for (const share of operator.clusters) {
            const seen = sizes.get(share.clusterId) ?? { clusterNodes: share.clusterNodes, sum: 0 };
            expect(share.clusterNodes).toBe(seen.clusterNodes);
            sizes.set(share.clusterId, { ...seen, sum: seen.sum + share.nodes });
          }
        }
        for (const [clusterId, { clusterNodes, sum }] of sizes) {
          expect(sum, clusterId).toBe(clusterNodes);
          expect(clusterNodes).toBe(clusterOf.filter((cluster) => cluster === clusterId).length);
        }
      }),
      RUNS,
    );
  });

  it("never lets re-filing nodes under other accounts change their summed radius beyond per-cluster rounding (property)", () => {
    fc.assert(
      fc.property(network, credits, ({ clusterOf, filingA, filingB }, creditsPerNode) => {
        const asA = nodesFiled(clusterOf, filingA);
        const asB = nodesFiled(clusterOf, filingB);
        const difference = radiusSum(asA, creditsPerNode) - radiusSum(asB, creditsPerNode);
        // Each (account, cluster) term is rounded up by less than one millionth of a vote.
        const rounding = BigInt(pairs(asA) + pairs(asB));
        expect(difference <= rounding && -difference <= rounding).toBe(true);
        // And both equal the real-valued Σ_k N_k·√(C/N_k) = Σ_k √(N_k·C) up to that rounding.
        const sizes = new Map<string, number>();
        for (const cluster of clusterOf) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
        const exact = [...sizes.values()].reduce((sum, size) => sum + Math.sqrt(size * creditsPerNode), 0);
        const micros = Number(radiusSum(asA, creditsPerNode)) / 1e6;
        expect(Math.abs(micros - exact)).toBeLessThanOrEqual((pairs(asA) + 1) / 1e6 + exact * 1e-12);
      }),
      RUNS,
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterBudget, operatorRadiusMicros } from "./cluster-budgets";
import {
  captureCost,
  clusterShareVotes,
  clusterVotes,
  networkVotes,
  orderClusterShares,
  roundClusterPower,
} from "./cluster-votes";

describe("clusterShareVotes", () => {
  it.each([
    // [nodes, clusterNodes, C, votes]
    [1, 1, 100, 10],
    [2, 2, 100, Math.sqrt(200)],
    [1, 2, 100, Math.sqrt(50)],
    [3, 5, 100, 3 * Math.sqrt(20)],
    [100, 100, 100, 100],
    [1, 100, 100, 1],
  ])("%i of %i nodes at C = %i bring %f votes", (nodes, clusterNodes, creditsPerNode, votes) => {
    expect(clusterShareVotes({ nodes, clusterNodes }, creditsPerNode)).toBeCloseTo(votes, 5);
  });

  it("adds up, over an operator's clusters, to the radius whose square is its budget (property)", () => {
    const share = fc
      .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 }))
      .map(([nodes, others]) => ({ nodes, clusterNodes: nodes + others }));
    fc.assert(
      fc.property(
        fc.array(share, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        (shares, c) => {
          const radius = shares.reduce((sum, one) => sum + clusterShareVotes(one, c), 0);
          expect(radius).toBeCloseTo(Number(operatorRadiusMicros(shares, c)) / 1e6, 6);
          // The budget is the radius squared, rounded down (to within the float's precision).
          expect(Math.abs(radius * radius - clusterBudget(shares, c))).toBeLessThan(1 + radius * 1e-6);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("clusterVotes and networkVotes", () => {
  it("gives a cluster of N nodes √(N·C) votes whoever runs them", () => {
    expect(clusterVotes(100, 100)).toBe(100);
    expect(clusterVotes(1, 100)).toBe(10);
    expect(clusterVotes(5, 100)).toBeCloseTo(22.36068, 5);
  });

  it("sums the clusters: a 100-node data centre holds what 10 home nodes hold", () => {
    expect(networkVotes([100], 100)).toBe(100);
    expect(
      networkVotes(
        Array.from({ length: 10 }, () => 1),
        100,
      ),
    ).toBe(100);
    expect(networkVotes([], 100)).toBe(0);
  });
});

describe("captureCost (product.md: k·√C votes need k² nodes in one cluster or k networks)", () => {
  it.each([
    // [votes, C, nodes in one network, separate networks]
    [100, 100, 100, 10],
    [10, 100, 1, 1],
    [0, 100, 0, 0],
    [101, 100, 103, 11],
    [Math.sqrt(300), 100, 3, 2],
  ])("%f votes at C = %i", (votes, creditsPerNode, nodesInOneNetwork, separateNetworks) => {
    expect(captureCost(votes, creditsPerNode)).toEqual({ nodesInOneNetwork, separateNetworks });
  });

  it("is k² nodes or k networks for k·√C votes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 100 }), (k, root) => {
        const creditsPerNode = root * root;
        expect(captureCost(k * root, creditsPerNode)).toEqual({
          nodesInOneNetwork: k * k,
          separateNetworks: k,
        });
      }),
      { numRuns: 500 },
    );
  });

  it("always buys at least the votes asked for (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }).map((milli) => milli / 1_000),
        fc.integer({ min: 1, max: 10_000 }),
        (votes, c) => {
          const { nodesInOneNetwork, separateNetworks } = captureCost(votes, c);
          expect(clusterVotes(nodesInOneNetwork, c)).toBeGreaterThanOrEqual(votes * (1 - 1e-9));
          expect(
            networkVotes(
              Array.from({ length: separateNetworks }, () => 1),
              c,
            ),
          ).toBeGreaterThanOrEqual(votes * (1 - 1e-9));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refuses a negative or endless number of votes", () => {
    expect(() => captureCost(-1, 100)).toThrow(RangeError);
    expect(() => captureCost(Number.POSITIVE_INFINITY, 100)).toThrow(RangeError);
  });
});

describe("orderClusterShares", () => {
  it("lists the clusters that bring most first, then the larger share, then by key", () => {
    const share = (key: string, votes: number, nodes: number) => ({
      key,
      votes,
      nodes,
      clusterNodes: nodes,
      otherOperators: 0,
    });
    const ordered = orderClusterShares([
      share("b", 10, 1),
      share("a", 10, 1),
      share("c", 14.1, 2),
      share("d", 10, 3),
    ]);
    expect(ordered.map((entry) => entry.key)).toEqual(["c", "d", "a", "b"]);
  });
});

describe("roundClusterPower", () => {
  it("is all zeros for a round without eligible nodes", () => {
    expect(roundClusterPower([], [], 100)).toEqual({
      clusters: 0,
      sharedClusters: 0,
      operatorsSharing: 0,
      largestClusterShare: 0,
      largestClusterNodes: 0,
      nakamotoOverClusters: 0,
      eligibleNodes: 0,
      operators: 0,
      nakamotoOverOperators: 0,
      networkVotes: 0,
    });
  });

  it("sets the clusters beside the operators: one account splitting a data centre does not change the clusters", () => {
    // A data centre of 9 nodes filed under 3 accounts (√(9 · 100) = 30 votes in all), and 3 home nodes (10 each).
    const memberships = [
      { clusterId: "dc", operatorId: "s1", nodes: 3 },
      { clusterId: "dc", operatorId: "s2", nodes: 3 },
      { clusterId: "dc", operatorId: "s3", nodes: 3 },
      { clusterId: "h1", operatorId: "h1", nodes: 1 },
      { clusterId: "h2", operatorId: "h2", nodes: 1 },
      { clusterId: "h3", operatorId: "h3", nodes: 1 },
    ];
    const summary = roundClusterPower(memberships, [100, 100, 100, 100, 100, 100], 100);
    expect(summary).toMatchObject({
      clusters: 4,
      sharedClusters: 1,
      operatorsSharing: 3,
      largestClusterNodes: 9,
      eligibleNodes: 12,
      operators: 6,
      nakamotoOverOperators: 4,
      nakamotoOverClusters: 2,
      networkVotes: 60,
    });
    expect(summary.largestClusterShare).toBeCloseTo(0.5, 12);
  });
});

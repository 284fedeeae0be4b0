import { describe, expect, it } from "vitest";
import { clusterBudget } from "./cluster-budgets";
import { clusterShareVotes, type SharedClusterShare } from "./cluster-votes";
import { describeOperatorVotes, listNodeNames } from "./describe-operator-votes";

const C = 100;

function explain(clusters: (SharedClusterShare & { nodeNames?: string[] })[], creditsPerNode = C) {
  const explained = clusters.map((cluster) => ({
    ...cluster,
    nodeNames: cluster.nodeNames ?? [],
    votes: clusterShareVotes(cluster, creditsPerNode),
  }));
  return describeOperatorVotes({
    budget: clusterBudget(clusters, creditsPerNode),
    creditsPerNode,
    clusters: explained,
  });
}

describe("describeOperatorVotes", () => {
  it("explains nodes that are a whole network of their own: C × n, nothing to compare", () => {
    const text = explain([{ nodes: 3, clusterNodes: 3, otherOperators: 0, nodeNames: ["a", "b", "c"] }]);
    expect(text).toEqual({
      headline: "Your 3 nodes hold up to 17 votes on one proposal (a budget of 300 voice credits).",
      clusters: [
        "3 nodes (a, b and c) in a network only you use: together they hold √(3 × 100) ≈ 17.3 votes, about 5.8 per node.",
      ],
      total:
        "Your budget is that number times itself: 300 voice credits. Votes cost their square, so it buys up to 17 votes on one proposal (17 × 17 = 289 credits), or fewer on each of several.",
      comparison: null,
    });
  });

  it("explains a single node alone in its network", () => {
    const text = explain([{ nodes: 1, clusterNodes: 1, otherOperators: 0, nodeNames: ["solo"] }]);
    expect(text.headline).toBe(
      "Your node holds up to 10 votes on one proposal (a budget of 100 voice credits).",
    );
    expect(text.clusters).toEqual(["1 node (solo) in a network only you use: √100 = 10 votes."]);
    expect(text.comparison).toBeNull();
  });

  it("explains a network shared with other operators, and what sharing costs against C × n", () => {
    const text = explain([{ nodes: 3, clusterNodes: 5, otherOperators: 2, nodeNames: ["a", "b", "c"] }]);
    expect(text.headline).toBe(
      "Your 3 nodes hold up to 13 votes on one proposal (a budget of 180 voice credits).",
    );
    expect(text.clusters).toEqual([
      "3 nodes (a, b and c) in a network you share with 2 other operators: that network's 5 nodes share √(5 × 100) ≈ 22.4 votes, about 4.5 per node, so your 3 bring about 13.4.",
    ]);
    expect(text.comparison).toBe(
      "That is less than the 300 voice credits (3 × 100) 3 nodes would bring in a network of their own, because they share a network with other operators' nodes, and a network's votes are shared by all of its nodes, whoever runs them.",
    );
  });

  it("explains one node among a neighbour's: the documented price of sharing a prefix", () => {
    const text = explain([{ nodes: 1, clusterNodes: 2, otherOperators: 1, nodeNames: ["uni"] }]);
    expect(text.clusters).toEqual([
      "1 node (uni) in a network you share with 1 other operator: that network's 2 nodes share √(2 × 100) ≈ 14.1 votes, so your node brings about 7.1.",
    ]);
    expect(text.headline).toBe(
      "Your node holds up to 7 votes on one proposal (a budget of 50 voice credits).",
    );
    expect(text.comparison).toMatch(
      /^That is less than the 100 voice credits \(1 × 100\) your node would bring in a network of its own, because it shares/,
    );
  });

  it("adds up nodes spread over several networks, which count like separate people", () => {
    const text = explain([
      { nodes: 1, clusterNodes: 1, otherOperators: 0, nodeNames: ["home"] },
      { nodes: 1, clusterNodes: 1, otherOperators: 0, nodeNames: ["office"] },
      { nodes: 2, clusterNodes: 4, otherOperators: 1, nodeNames: ["dc-1", "dc-2"] },
    ]);
    expect(text.headline).toBe(
      "Your 4 nodes hold up to 30 votes on one proposal (a budget of 900 voice credits).",
    );
    expect(text.clusters[2]).toBe(
      "2 nodes (dc-1 and dc-2) in a network you share with 1 other operator: that network's 4 nodes share √(4 × 100) = 20 votes, 5 per node, so your 2 bring 10.",
    );
    expect(text.total).toMatch(
      /^Together your nodes hold 30 votes on one proposal; your budget is that number times itself: 900 voice credits\./,
    );
    expect(text.comparison).toBe(
      "That is more than the 400 voice credits (4 × 100) 4 nodes would bring in one network of their own: your nodes sit in 3 different networks, and separate networks count like separate people.",
    );
  });

  it("names a budget too small for one vote, and keeps tiny shares from reading as 0", () => {
    const text = explain([{ nodes: 1, clusterNodes: 300, otherOperators: 299 }], 1);
    expect(text.headline).toBe(
      "Your node holds up to 0 votes on one proposal (a budget of 0 voice credits).",
    );
    expect(text.total).toContain("less than the 1 credit a single vote costs");
    expect(text.clusters[0]).toContain("so your node brings about 0.06.");
  });
});

describe("listNodeNames", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b"], "a and b"],
    [["a", "b", "c", "d"], "a, b, c and d"],
    [["a", "b", "c", "d", "e"], "a, b, c and 2 more"],
  ])("%j → %s", (names, text) => {
    expect(listNodeNames(names)).toBe(text);
  });
});

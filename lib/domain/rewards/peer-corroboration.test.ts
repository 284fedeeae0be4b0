import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  corroborateDay,
  paidBytes,
  type NodeDayClaim,
  type PeerDayReport,
} from "@/lib/domain/rewards/peer-corroboration";
import { permutationOf, propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const NET_A = "203.0.113.0/24";
const NET_B = "198.51.100.0/24";
const NET_C = "2001:db8:7::/48";

const claim = (nodeId: string, clusterPrefix: string | null, claimedBytesUp: bigint): NodeDayClaim => ({
  nodeId,
  clusterPrefix,
  claimedBytesUp,
});
const report = (nodeId: string, peerNodeId: string, bytesUp: bigint, bytesDown: bigint): PeerDayReport => ({
  nodeId,
  peerNodeId,
  bytesUp,
  bytesDown,
});

/** Each node's corroborated bytes, by node id. */
function corroborated(claims: readonly NodeDayClaim[], reports: readonly PeerDayReport[]) {
  return Object.fromEntries(
    corroborateDay({ claims, reports }).nodes.map((node) => [node.nodeId, node.corroboratedBytesUp]),
  );
}

describe("corroborateDay", () => {
  it("confirms what both sides of a pair in different clusters report, in each direction", () => {
    const day = corroborateDay({
      claims: [claim("b", NET_B, 1_000n), claim("a", NET_A, 1_000n)],
      reports: [report("a", "b", 100n, 30n), report("b", "a", 40n, 60n)],
    });
    // a → b: min(a's 100 up, b's 60 down); b → a: min(b's 40 up, a's 30 down).
    expect(day).toEqual({
      nodes: [
        { nodeId: "a", claimedBytesUp: 1_000n, corroboratedBytesUp: 60n },
        { nodeId: "b", claimedBytesUp: 1_000n, corroboratedBytesUp: 30n },
      ],
      pairs: [
        { nodeId: "a", peerNodeId: "b", bytesUp: 60n },
        { nodeId: "b", peerNodeId: "a", bytesUp: 30n },
      ],
    });
  });

  it.each<[string, NodeDayClaim[], PeerDayReport[], Record<string, bigint>]>([
    [
      "partners in one cluster confirm nothing",
      [claim("a", NET_A, 500n), claim("b", NET_A, 500n)],
      [report("a", "b", 100n, 100n), report("b", "a", 100n, 100n)],
      { a: 0n, b: 0n },
    ],
    [
      "a peer whose cluster is unknown confirms nothing",
      [claim("a", NET_A, 500n), claim("b", null, 500n)],
      [report("a", "b", 100n, 0n), report("b", "a", 0n, 100n)],
      { a: 0n, b: 0n },
    ],
    [
      "a node whose cluster is unknown gets nothing confirmed",
      [claim("a", null, 500n), claim("b", NET_B, 500n)],
      [report("a", "b", 100n, 0n), report("b", "a", 0n, 100n)],
      { a: 0n, b: 0n },
    ],
    [
      "a peer that does not report the exchange confirms nothing",
      [claim("a", NET_A, 500n), claim("b", NET_B, 500n)],
      [report("a", "b", 100n, 0n)],
      { a: 0n, b: 0n },
    ],
    [
      "a peer that is not a node of the day confirms nothing",
      [claim("a", NET_A, 500n)],
      [report("a", "ghost", 100n, 0n), report("ghost", "a", 0n, 100n)],
      { a: 0n },
    ],
    ["a node cannot confirm itself", [claim("a", NET_A, 500n)], [report("a", "a", 100n, 100n)], { a: 0n }],
    [
      "the sum over peers is capped at the node's claim",
      [claim("a", NET_A, 150n), claim("b", NET_B, 0n), claim("c", NET_C, 0n)],
      [
        report("a", "b", 100n, 0n),
        report("b", "a", 0n, 100n),
        report("a", "c", 100n, 0n),
        report("c", "a", 0n, 100n),
      ],
      { a: 150n, b: 0n, c: 0n },
    ],
    [
      "one node's reports of one peer add up",
      [claim("a", NET_A, 500n), claim("b", NET_B, 500n)],
      [report("a", "b", 70n, 0n), report("a", "b", 50n, 0n), report("b", "a", 0n, 200n)],
      { a: 120n, b: 0n },
    ],
  ])("%s", (_label, claims, reports, expected) => {
    expect(corroborated(claims, reports)).toEqual(expected);
  });

  const NODE_IDS: readonly string[] = ["a", "b", "c", "d", "e"];
  const clusters = fc.constantFrom<string | null>(NET_A, NET_B, NET_C, null);
  const bytes = fc.oneof(fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 2n ** 62n }));
  const days = fc
    .record({
      claims: fc.uniqueArray(
        fc.record({ nodeId: fc.constantFrom(...NODE_IDS), clusterPrefix: clusters, claimedBytesUp: bytes }),
        { selector: (entry) => entry.nodeId, maxLength: NODE_IDS.length },
      ),
      reports: fc.array(
        fc.record({
          nodeId: fc.constantFrom(...NODE_IDS, "ghost"),
          peerNodeId: fc.constantFrom(...NODE_IDS, "ghost"),
          bytesUp: bytes,
          bytesDown: bytes,
        }),
        { maxLength: 30 },
      ),
    })
    .chain((day) =>
      fc.record({
        claims: fc.constant(day.claims),
        reports: fc.constant(day.reports),
        shuffledClaims: permutationOf(day.claims),
        shuffledReports: permutationOf(day.reports),
      }),
    );

  const reported = (reports: readonly PeerDayReport[], nodeId: string, peerNodeId: string) =>
    reports
      .filter((entry) => entry.nodeId === nodeId && entry.peerNodeId === peerNodeId)
      .reduce((sum, entry) => ({ up: sum.up + entry.bytesUp, down: sum.down + entry.bytesDown }), {
        up: 0n,
        down: 0n,
      });

  it("never confirms more than either side of a pair reports, nor more than a node claims", () => {
    fc.assert(
      fc.property(days, ({ claims, reports }) => {
        const day = corroborateDay({ claims, reports });
        const clusterOf = new Map(claims.map((entry) => [entry.nodeId, entry.clusterPrefix]));
        for (const pair of day.pairs) {
          expect(pair.bytesUp > 0n).toBe(true);
          expect(pair.bytesUp <= reported(reports, pair.nodeId, pair.peerNodeId).up).toBe(true);
          expect(pair.bytesUp <= reported(reports, pair.peerNodeId, pair.nodeId).down).toBe(true);
          // A pair inside one cluster (or with an unknown cluster) adds no corroborated bytes.
          const [cluster, peerCluster] = [clusterOf.get(pair.nodeId), clusterOf.get(pair.peerNodeId)];
          expect(cluster != null && peerCluster != null && cluster !== peerCluster).toBe(true);
        }
        expect(day.nodes.map((node) => node.nodeId)).toEqual(claims.map((entry) => entry.nodeId).sort());
        for (const node of day.nodes) {
          const pairsSum = day.pairs
            .filter((pair) => pair.nodeId === node.nodeId)
            .reduce((sum, pair) => sum + pair.bytesUp, 0n);
          expect(node.corroboratedBytesUp).toBe(
            pairsSum < node.claimedBytesUp ? pairsSum : node.claimedBytesUp,
          );
        }
      }),
      propertyRuns("corroboration bounds"),
    );
  });

  it("gives the same answer whatever order the claims and reports come in", () => {
    fc.assert(
      fc.property(days, ({ claims, reports, shuffledClaims, shuffledReports }) => {
        expect(corroborateDay({ claims: shuffledClaims, reports: shuffledReports })).toEqual(
          corroborateDay({ claims, reports }),
        );
      }),
      propertyRuns("corroboration order"),
    );
  });

  it("is unchanged by any traffic two nodes of one cluster report between them", () => {
    fc.assert(
      fc.property(days, bytes, ({ claims, reports }, extra) => {
        const sameCluster = claims.flatMap((a) =>
          claims
            .filter((b) => a.clusterPrefix !== null && b.clusterPrefix === a.clusterPrefix)
            .map((b) => [report(a.nodeId, b.nodeId, extra, 0n), report(b.nodeId, a.nodeId, 0n, extra)]),
        );
        expect(corroborateDay({ claims, reports: [...reports, ...sameCluster.flat()] })).toEqual(
          corroborateDay({ claims, reports }),
        );
      }),
      propertyRuns("corroboration within a cluster"),
    );
  });
});

describe("paidBytes", () => {
  it.each<[string, bigint, bigint, number, bigint]>([
    ["at the plausibility bound, unconfirmed, weight 0.5", 7_500_000_000n, 0n, 0.5, 3_750_000_000n],
    ["all confirmed", 7_500_000_000n, 7_500_000_000n, 0.5, 7_500_000_000n],
    ["part confirmed", 1_000n, 400n, 0.5, 700n],
    ["the unconfirmed share is floored", 3n, 0n, 0.5, 1n],
    ["a catalogue step is exact", 100n, 0n, 0.35, 35n],
    ["weight 0 pays only what peers confirm", 1_000n, 400n, 0, 400n],
    ["weight 1 pays the claim", 1_000n, 400n, 1, 1_000n],
    ["a confirmation above the claim pays the claim", 1_000n, 5_000n, 0.5, 1_000n],
  ])("%s", (_label, claimed, corroborated, uncorroboratedWeight, paid) => {
    expect(paidBytes({ claimed, corroborated, uncorroboratedWeight })).toBe(paid);
  });

  const nodes = fc.array(
    fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }))
      .map(([a, b]) => (a <= b ? { corroborated: a, claimed: b } : { corroborated: b, claimed: a })),
    { maxLength: 20 },
  );
  const weights = fc.integer({ min: 0, max: 20 }).map((twentieths) => twentieths / 20);

  it("pays between the corroborated bytes and the claim, so Σ paid ≤ Σ claimed; weight 0 and 1 are the ends", () => {
    fc.assert(
      fc.property(nodes, weights, weights, (day, weight, otherWeight) => {
        const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);
        const paid = day.map((node) => paidBytes({ ...node, uncorroboratedWeight: weight }));
        expect(sum(paid) <= sum(day.map((node) => node.claimed))).toBe(true);
        for (const [index, node] of day.entries()) {
          expect(paid[index]! >= node.corroborated && paid[index]! <= node.claimed).toBe(true);
          expect(paidBytes({ ...node, uncorroboratedWeight: 1 })).toBe(node.claimed);
          expect(paidBytes({ ...node, uncorroboratedWeight: 0 })).toBe(node.corroborated);
          // A larger weight never pays less.
          const other = paidBytes({ ...node, uncorroboratedWeight: otherWeight });
          expect(otherWeight >= weight ? other >= paid[index]! : other <= paid[index]!).toBe(true);
        }
      }),
      propertyRuns("paid bytes"),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  peerTrafficOf,
  planPeerExchanges,
  type PeerCapacity,
  type PeerExchange,
} from "@/demo/data/peer-exchanges";
import { createRandom } from "@/lib/domain/random";
import { MAX_PEER_TRAFFIC_ENTRIES } from "@/lib/schemas/node-protocol";

const ROUNDS = [
  [3, 6],
  [1, 2],
] as const;

const participantsArbitrary = fc
  .uniqueArray(
    fc.record({
      nodeId: fc.stringMatching(/^n[0-9a-z]{1,6}$/),
      cluster: fc.constantFrom("198.18.0.0/24", "198.18.1.0/24", "203.0.113.0/24", "2001:db8:1::/48"),
      sendable: fc.bigInt({ min: 0n, max: 10n ** 13n }),
      receivable: fc.bigInt({ min: 0n, max: 10n ** 13n }),
    }),
    { selector: (participant) => participant.nodeId, maxLength: 40 },
  )
  .map((participants): PeerCapacity[] => participants);

const plan = (participants: readonly PeerCapacity[], seed: number) =>
  planPeerExchanges(participants, { random: createRandom(seed), peersPerRound: ROUNDS });

function sumBy(exchanges: readonly PeerExchange[], side: "from" | "to"): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const exchange of exchanges)
    sums.set(exchange[side], (sums.get(exchange[side]) ?? 0n) + exchange.bytes);
  return sums;
}

describe("planPeerExchanges", () => {
  it("never sends more than a node can send, nor receives more than it can receive, nor serves itself", () => {
    fc.assert(
      fc.property(participantsArbitrary, fc.integer(), (participants, seed) => {
        const exchanges = plan(participants, seed);
        const sent = sumBy(exchanges, "from");
        const received = sumBy(exchanges, "to");
        for (const participant of participants) {
          expect(sent.get(participant.nodeId) ?? 0n).toBeLessThanOrEqual(participant.sendable);
          expect(received.get(participant.nodeId) ?? 0n).toBeLessThanOrEqual(participant.receivable);
        }
        for (const exchange of exchanges) {
          expect(exchange.from).not.toBe(exchange.to);
          expect(exchange.bytes).toBeGreaterThan(0n);
        }
        const pairs = exchanges.map((exchange) => `${exchange.from}>${exchange.to}`);
        expect(new Set(pairs).size).toBe(pairs.length);
      }),
    );
  });

  it("is the same for the same seed", () => {
    fc.assert(
      fc.property(participantsArbitrary, fc.integer(), (participants, seed) => {
        expect(plan(participants, seed)).toEqual(plan(participants, seed));
      }),
    );
  });

  it("keeps exchanges between clusters while another cluster has room, and serves a handful of peers", () => {
    fc.assert(
      fc.property(participantsArbitrary, fc.integer(), (participants, seed) => {
        const totalSendable = participants.reduce((sum, participant) => sum + participant.sendable, 0n);
        // Every node can take everything anyone sends: no sender ever runs out of peers elsewhere.
        const roomy = participants.map((participant) => ({ ...participant, receivable: totalSendable + 1n }));
        const clusterOf = new Map(roomy.map((participant) => [participant.nodeId, participant.cluster]));
        const exchanges = plan(roomy, seed);
        const hasElsewhere = (nodeId: string) =>
          roomy.some((other) => other.cluster !== clusterOf.get(nodeId));
        for (const exchange of exchanges.filter((candidate) => hasElsewhere(candidate.from))) {
          expect(clusterOf.get(exchange.to)).not.toBe(clusterOf.get(exchange.from));
        }
        const peersOf = new Map<string, number>();
        for (const exchange of exchanges) peersOf.set(exchange.from, (peersOf.get(exchange.from) ?? 0) + 1);
        for (const count of peersOf.values()) expect(count).toBeLessThanOrEqual(6 + 2);
      }),
    );
  });

  it("places nearly everything when the receivers have room: only rounding is lost", () => {
    const participants: PeerCapacity[] = [
      { nodeId: "a", cluster: "one", sendable: 1_000_000n, receivable: 0n },
      { nodeId: "b", cluster: "two", sendable: 500_000n, receivable: 10_000_000n },
      { nodeId: "c", cluster: "three", sendable: 0n, receivable: 10_000_000n },
    ];
    const sent = sumBy(plan(participants, 7), "from");
    expect(sent.get("a")! + sent.get("b")!).toBeGreaterThan(1_500_000n - 10n);
  });

  it("shares an over-asked receiver's room among its senders, then finds others for the rest", () => {
    const participants: PeerCapacity[] = [
      { nodeId: "s1", cluster: "one", sendable: 1_000n, receivable: 0n },
      { nodeId: "s2", cluster: "one", sendable: 1_000n, receivable: 0n },
      { nodeId: "small", cluster: "two", sendable: 0n, receivable: 500n },
      { nodeId: "large", cluster: "three", sendable: 0n, receivable: 100_000n },
    ];
    const exchanges = plan(participants, 3);
    expect(sumBy(exchanges, "to").get("small") ?? 0n).toBeLessThanOrEqual(500n);
    expect(sumBy(exchanges, "from").get("s1")).toBeGreaterThan(990n);
    expect(sumBy(exchanges, "from").get("s2")).toBeGreaterThan(990n);
  });

  it("serves inside the own cluster only when no other cluster can receive", () => {
    const participants: PeerCapacity[] = [
      { nodeId: "a", cluster: "one", sendable: 1_000n, receivable: 1_000n },
      { nodeId: "b", cluster: "one", sendable: 1_000n, receivable: 1_000n },
    ];
    expect(plan(participants, 1)).toEqual([
      { from: "a", to: "b", bytes: 1_000n },
      { from: "b", to: "a", bytes: 1_000n },
    ]);
  });

  it("gives no node more peers than a report may list, however popular it is", () => {
    const participants: PeerCapacity[] = [
      { nodeId: "hub", cluster: "hub", sendable: 0n, receivable: 10n ** 15n },
      ...Array.from({ length: 400 }, (_, i) => ({
        nodeId: `n${i}`,
        cluster: `c${i}`,
        sendable: 1_000n,
        receivable: 1n,
      })),
    ];
    const traffic = peerTrafficOf(plan(participants, 11));
    expect(traffic.get("hub")!.length).toBe(MAX_PEER_TRAFFIC_ENTRIES);
    for (const entries of traffic.values())
      expect(entries.length).toBeLessThanOrEqual(MAX_PEER_TRAFFIC_ENTRIES);
  });
});

describe("peerTrafficOf", () => {
  it("gives both sides of every exchange the same bytes: A's bytesUp to B is B's bytesDown from A", () => {
    fc.assert(
      fc.property(participantsArbitrary, fc.integer(), (participants, seed) => {
        const exchanges = plan(participants, seed);
        const traffic = peerTrafficOf(exchanges);
        const entry = (nodeId: string, peer: string) =>
          traffic.get(nodeId)?.find((candidate) => candidate.peerNodeId === peer);
        for (const [nodeId, entries] of traffic) {
          expect(new Set(entries.map((candidate) => candidate.peerNodeId)).size).toBe(entries.length);
          for (const { peerNodeId, bytesUp, bytesDown } of entries) {
            expect(peerNodeId).not.toBe(nodeId);
            expect(entry(peerNodeId, nodeId)).toEqual({
              peerNodeId: nodeId,
              bytesUp: bytesDown,
              bytesDown: bytesUp,
            });
          }
        }
        const up = [...traffic.values()].flat().reduce((sum, item) => sum + item.bytesUp, 0n);
        expect(up).toBe(exchanges.reduce((sum, exchange) => sum + exchange.bytes, 0n));
      }),
    );
  });

  it("lists the largest exchanges first", () => {
    const traffic = peerTrafficOf([
      { from: "a", to: "b", bytes: 5n },
      { from: "a", to: "c", bytes: 50n },
      { from: "b", to: "a", bytes: 100n },
    ]);
    expect(traffic.get("a")).toEqual([
      { peerNodeId: "b", bytesUp: 5n, bytesDown: 100n },
      { peerNodeId: "c", bytesUp: 50n, bytesDown: 0n },
    ]);
  });
});

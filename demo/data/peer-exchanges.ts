import type { Random } from "@/lib/domain/random";
import { MAX_PEER_TRAFFIC_ENTRIES } from "@/lib/schemas/node-protocol";

/** What one node can exchange with the others in a period (bytes, or bytes per second for a rate). */
export interface PeerCapacity {
  nodeId: string;
  /** Its network cluster: exchanges inside one cluster corroborate nothing, so peers elsewhere come first. */
  cluster: string;
  /** The most it sends to other nodes of the network. */
  sendable: bigint;
  /** The most it receives from them. */
  receivable: bigint;
}

/** Bytes `from` sent to `to` (and `to` received from `from`): both sides report the same number. */
export interface PeerExchange {
  from: string;
  to: string;
  bytes: bigint;
}

/** A node's exchanges with one peer added up, as it reports them in `peerTraffic` (node-protocol.md). */
export interface PeerTrafficTotals {
  peerNodeId: string;
  bytesUp: bigint;
  bytesDown: bigint;
}

const WEIGHT_STEPS = 1_000;

/**
 * Who serves whom, in rounds: each sender offers what it has left to a few peers (`peersPerRound`: how
 * many in each round), drawn by the room they have left among the nodes in other clusters (its own
 * cluster only when there is no other), in random shares; a receiver offered more than its room takes
 * each offer in proportion. Later rounds place what the first left over, so little capacity stays
 * idle. No node sends more than `sendable` nor receives more than `receivable`, nobody serves itself,
 * and no node has more than MAX_PEER_TRAFFIC_ENTRIES peers.
 */
export function planPeerExchanges(
  participants: readonly PeerCapacity[],
  {
    random,
    peersPerRound,
  }: { random: Random; peersPerRound: readonly (readonly [min: number, max: number])[] },
): PeerExchange[] {
  // Indices, not ids, in the loops: the demo history runs this for 300 nodes on each of 31 days.
  const count = participants.length;
  const sendable = participants.map((participant) => participant.sendable);
  const receivable = participants.map((participant) => participant.receivable);
  const peers = participants.map(() => new Set<number>());
  const exchanged = new Map<number, bigint>();
  for (const peersPerSender of peersPerRound) {
    const offers: { from: number; to: number; bytes: bigint }[] = [];
    const offered = receivable.map(() => 0n);
    // Receivers are drawn by the room no earlier offer has claimed, so offers spread over the free capacity.
    const unclaimed = receivable.map(Number);
    const hasRoom = receivable.map((bytes) => bytes > 0n);
    for (let from = 0; from < count; from++) {
      const left = sendable[from]!;
      if (left <= 0n) continue;
      const elsewhere: number[] = [];
      const alongside: number[] = [];
      for (let to = 0; to < count; to++) {
        if (to === from || !hasRoom[to] || !canPair(peers, from, to)) continue;
        (participants[to]!.cluster === participants[from]!.cluster ? alongside : elsewhere).push(to);
      }
      const pool = elsewhere.length > 0 ? elsewhere : alongside;
      const picks = Math.min(
        random.int(...peersPerSender),
        pool.length,
        MAX_PEER_TRAFFIC_ENTRIES - peers[from]!.size,
      );
      const weights = pool.map((to) => Math.max(1, unclaimed[to]!));
      const chosen: { to: number; weight: bigint }[] = [];
      for (let pick = 0; pick < picks; pick++) {
        const at = weightedIndex(random, weights);
        chosen.push({ to: pool[at]!, weight: BigInt(random.int(WEIGHT_STEPS / 2, WEIGHT_STEPS)) });
        weights[at] = 0;
      }
      const totalWeight = chosen.reduce((sum, { weight }) => sum + weight, 0n);
      for (const { to, weight } of chosen) {
        const bytes = (left * weight) / totalWeight;
        offers.push({ from, to, bytes });
        offered[to]! += bytes;
        unclaimed[to]! -= Number(bytes);
        peers[from]!.add(to);
        peers[to]!.add(from);
      }
    }
    const room = [...receivable];
    for (const { from, to, bytes: asked } of offers) {
      const bytes = offered[to]! <= room[to]! ? asked : (asked * room[to]!) / offered[to]!;
      const key = from * count + to;
      exchanged.set(key, (exchanged.get(key) ?? 0n) + bytes);
      sendable[from]! -= bytes;
      receivable[to]! -= bytes;
    }
  }
  return [...exchanged]
    .filter(([, bytes]) => bytes > 0n)
    .map(([key, bytes]) => ({
      from: participants[Math.floor(key / count)]!.nodeId,
      to: participants[key % count]!.nodeId,
      bytes,
    }));
}

/** A pair may trade when they already do, or when neither has reached the protocol's limit of peers. */
function canPair(peers: readonly Set<number>[], a: number, b: number): boolean {
  return (
    (peers[a]!.size < MAX_PEER_TRAFFIC_ENTRIES && peers[b]!.size < MAX_PEER_TRAFFIC_ENTRIES) ||
    peers[a]!.has(b)
  );
}

/** A position drawn with probability proportional to its weight; at least one weight is positive. */
function weightedIndex(random: Random, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let remaining = random.nextFloat() * total;
  let last = -1;
  for (let index = 0; index < weights.length; index++) {
    if (weights[index]! <= 0) continue;
    last = index;
    remaining -= weights[index]!;
    if (remaining < 0) return index;
  }
  // Floating-point rounding can leave a sliver after the last weight: it belongs to the last positive one.
  return last;
}

/**
 * Each node's `peerTraffic` from the exchanges: one entry per peer, bytes sent to it and received from
 * it, largest exchanges first.
 */
export function peerTrafficOf(exchanges: Iterable<PeerExchange>): Map<string, PeerTrafficTotals[]> {
  const byNode = new Map<string, Map<string, PeerTrafficTotals>>();
  const entry = (nodeId: string, peerNodeId: string) => {
    const entries = byNode.get(nodeId) ?? new Map<string, PeerTrafficTotals>();
    byNode.set(nodeId, entries);
    const existing = entries.get(peerNodeId);
    if (existing) return existing;
    const created = { peerNodeId, bytesUp: 0n, bytesDown: 0n };
    entries.set(peerNodeId, created);
    return created;
  };
  for (const { from, to, bytes } of exchanges) {
    entry(from, to).bytesUp += bytes;
    entry(to, from).bytesDown += bytes;
  }
  const size = (item: PeerTrafficTotals) => item.bytesUp + item.bytesDown;
  return new Map(
    [...byNode].map(([nodeId, entries]) => [
      nodeId,
      [...entries.values()].sort((a, b) =>
        size(a) === size(b) ? (a.peerNodeId < b.peerNodeId ? -1 : 1) : size(b) > size(a) ? 1 : -1,
      ),
    ]),
  );
}

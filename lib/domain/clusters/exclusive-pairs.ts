/**
 * A steward warning sign (product.md "Proof of service"): two nodes that only trade with each other.
 * Peer corroboration cannot stop two colluding nodes in different networks from confirming each other's
 * invented traffic; such a pair shows up as nodes whose reported exchanges are almost all with each other.
 * Evidence to look at, never proof, and nothing acts on it.
 */

/** A node trades only with one peer when at least this percentage of its reported bytes were with that peer. */
export const EXCLUSIVE_PEER_PERCENT = 95n;

/** How far back the sign looks: this many UTC days, today included. */
export const EXCLUSIVE_PAIR_WINDOW_DAYS = 7;

/** What a node reported exchanging with one peer (sent + received), over the window. */
export interface PeerExchange {
  nodeId: string;
  peerNodeId: string;
  bytes: bigint;
}

/** The peer a node trades with almost only. */
export interface MainPeer {
  nodeId: string;
  peerNodeId: string;
  /** What the node reported exchanging with that peer. */
  bytes: bigint;
  /** What the node reported exchanging with all its peers. */
  totalBytes: bigint;
}

/** Two nodes that are each other's main peer; `a` has the smaller node id. */
export interface ExclusivePair {
  a: MainPeer;
  b: MainPeer;
}

/**
 * Each node's main peer: the one peer with at least EXCLUSIVE_PEER_PERCENT % of all the bytes the node
 * reported exchanging with peers (rows of the same node and peer add up). A node that reported no bytes
 * has none; a report about itself is ignored. Every node's rows must all be in `exchanges`.
 */
export function mainPeers(exchanges: Iterable<PeerExchange>): MainPeer[] {
  const byNode = new Map<string, Map<string, bigint>>();
  for (const { nodeId, peerNodeId, bytes } of exchanges) {
    if (nodeId === peerNodeId || bytes <= 0n) continue;
    const peers = byNode.get(nodeId) ?? new Map<string, bigint>();
    peers.set(peerNodeId, (peers.get(peerNodeId) ?? 0n) + bytes);
    byNode.set(nodeId, peers);
  }
  const found: MainPeer[] = [];
  for (const [nodeId, peers] of byNode) {
    let totalBytes = 0n;
    let top: { peerNodeId: string; bytes: bigint } | null = null;
    for (const [peerNodeId, bytes] of peers) {
      totalBytes += bytes;
      if (!top || bytes > top.bytes) top = { peerNodeId, bytes };
    }
    if (top && top.bytes * 100n >= totalBytes * EXCLUSIVE_PEER_PERCENT)
      found.push({ nodeId, ...top, totalBytes });
  }
  return found;
}

/**
 * The pairs of nodes that are each other's main peer: each reported traffic with the other, and at least
 * EXCLUSIVE_PEER_PERCENT % of each one's reported bytes were with the other. Most bytes first (then by id),
 * so the result does not depend on the order of the input. A node is in one pair at most.
 */
export function pairsTradingOnlyWithEachOther(mains: Iterable<MainPeer>): ExclusivePair[] {
  const byNode = new Map<string, MainPeer>();
  for (const main of mains) byNode.set(main.nodeId, main);
  const pairs: ExclusivePair[] = [];
  for (const main of byNode.values()) {
    const other = byNode.get(main.peerNodeId);
    if (other?.peerNodeId === main.nodeId && main.nodeId < other.nodeId) pairs.push({ a: main, b: other });
  }
  const exchanged = (pair: ExclusivePair) => pair.a.bytes + pair.b.bytes;
  return pairs.sort((x, y) => {
    const [bytesX, bytesY] = [exchanged(x), exchanged(y)];
    if (bytesX !== bytesY) return bytesX > bytesY ? -1 : 1;
    return x.a.nodeId < y.a.nodeId ? -1 : 1;
  });
}

/** The pairs of nodes that only trade with each other, from every node's reported exchanges. */
export function findExclusivePairs(exchanges: Iterable<PeerExchange>): ExclusivePair[] {
  return pairsTradingOnlyWithEachOther(mainPeers(exchanges));
}

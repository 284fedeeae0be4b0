import { toMicro } from "@/lib/domain/rewards/epoch-reward";

const MICRO = 1_000_000n;

/** A node's epoch day as corroboration reads it (one per node). */
export interface NodeDayClaim {
  nodeId: string;
  /** The network cluster most of its hours that day came from; null when none is known. */
  clusterPrefix: string | null;
  /** Bytes served as the node claims them (its daily rollup), ≥ 0. */
  claimedBytesUp: bigint;
}

/** One node's reported exchange with one peer over the day (NodePeerDayTraffic), bytes ≥ 0. */
export interface PeerDayReport {
  nodeId: string;
  peerNodeId: string;
  /** Bytes the node says it sent to the peer. */
  bytesUp: bigint;
  /** Bytes the node says it received from the peer. */
  bytesDown: bigint;
}

/** Bytes `nodeId` served `peerNodeId` that the peer, in another network cluster, confirms receiving. */
export interface CorroboratedPair {
  nodeId: string;
  peerNodeId: string;
  bytesUp: bigint;
}

export interface NodeCorroboration {
  nodeId: string;
  claimedBytesUp: bigint;
  /** Σ of its corroborated pairs, never above its claim. */
  corroboratedBytesUp: bigint;
}

export interface DayCorroboration {
  /** One per claim, in node id order. */
  nodes: NodeCorroboration[];
  /** Every pair with corroborated bytes, in (node id, peer id) order. */
  pairs: CorroboratedPair[];
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each node's reports summed per peer (a node's reports of one peer over the day are one exchange). */
function exchangesByNode(
  reports: readonly PeerDayReport[],
): Map<string, Map<string, { bytesUp: bigint; bytesDown: bigint }>> {
  const exchanges = new Map<string, Map<string, { bytesUp: bigint; bytesDown: bigint }>>();
  for (const { nodeId, peerNodeId, bytesUp, bytesDown } of reports) {
    const peers = exchanges.get(nodeId) ?? new Map<string, { bytesUp: bigint; bytesDown: bigint }>();
    const sum = peers.get(peerNodeId) ?? { bytesUp: 0n, bytesDown: 0n };
    peers.set(peerNodeId, { bytesUp: sum.bytesUp + bytesUp, bytesDown: sum.bytesDown + bytesDown });
    exchanges.set(nodeId, peers);
  }
  return exchanges;
}

/**
 * Peer corroboration of one epoch day (product.md "Proof of service"): for each ordered pair (A serves
 * B) whose day clusters are both known and different, min(A's bytesUp to B, B's bytesDown from A); a
 * node's corroborated bytes are the sum over its peers, capped at its claim.
 */
export function corroborateDay({
  claims,
  reports,
}: {
  claims: readonly NodeDayClaim[];
  reports: readonly PeerDayReport[];
}): DayCorroboration {
  const clusterOf = new Map(claims.map((claim) => [claim.nodeId, claim.clusterPrefix]));
  const exchanges = exchangesByNode(reports);
  const pairs: CorroboratedPair[] = [];
  for (const [nodeId, peers] of exchanges) {
    const cluster = clusterOf.get(nodeId) ?? null;
    if (cluster === null) continue;
    for (const [peerNodeId, sent] of peers) {
      const peerCluster = clusterOf.get(peerNodeId) ?? null;
      // Partners in one cluster cannot vouch for each other (a node is in its own cluster).
      if (peerCluster === null || peerCluster === cluster) continue;
      const received = exchanges.get(peerNodeId)?.get(nodeId);
      const bytesUp = received ? min(sent.bytesUp, received.bytesDown) : 0n;
      if (bytesUp > 0n) pairs.push({ nodeId, peerNodeId, bytesUp });
    }
  }
  pairs.sort((a, b) => byCodeUnits(a.nodeId, b.nodeId) || byCodeUnits(a.peerNodeId, b.peerNodeId));
  const confirmed = new Map<string, bigint>();
  for (const pair of pairs) confirmed.set(pair.nodeId, (confirmed.get(pair.nodeId) ?? 0n) + pair.bytesUp);
  return {
    nodes: [...claims]
      .sort((a, b) => byCodeUnits(a.nodeId, b.nodeId))
      .map(({ nodeId, claimedBytesUp }) => ({
        nodeId,
        claimedBytesUp,
        corroboratedBytesUp: min(confirmed.get(nodeId) ?? 0n, claimedBytesUp),
      })),
    pairs,
  };
}

/**
 * Bytes served that are paid for: corroborated + floor(uncorroboratedWeight × (claimed − corroborated)),
 * the weight in millionths (exact for every catalogue step); a corroborated figure above the claim
 * counts as the claim, so paid never exceeds claimed.
 */
export function paidBytes({
  claimed,
  corroborated,
  uncorroboratedWeight,
}: {
  claimed: bigint;
  corroborated: bigint;
  uncorroboratedWeight: number;
}): bigint {
  const confirmed = min(corroborated, claimed);
  return confirmed + (toMicro(uncorroboratedWeight) * (claimed - confirmed)) / MICRO;
}

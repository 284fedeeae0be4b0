import { DEMO_INFLATION_FACTOR } from "../../demo/data/demo-peer-roles";
import { DEMO_PEERS_PER_ROUND } from "../../demo/data/demo-peer-traffic";
import { peerTrafficOf, planPeerExchanges } from "../../demo/data/peer-exchanges";
import {
  diurnalBytesBetween,
  peerShare,
  typicalRates,
  type TrafficProfile,
} from "../../demo/data/traffic-model";
import { networkPrefix } from "../../lib/domain/clusters/network-prefix";
import { createRandom } from "../../lib/domain/random";
import type { PeerTraffic } from "../../lib/schemas/node-protocol";
import type { TelemetrySource, TelemetryWindow } from "../telemetry-source";

/** One enrolled fleet node as its peers see it. */
export interface FleetPeer {
  nodeId: string;
  profile: TrafficProfile;
  /** The address its requests leave from; undefined when the OS chooses (then the platform sees one network). */
  sourceAddress: string | undefined;
}

export interface FleetPeerTraffic {
  /** The fleet node that claims DEMO_INFLATION_FACTOR × the upload its peers see, if any. */
  inflatorId: string | null;
  /** What `nodeId` exchanged with each of its peers in the `windowSeconds` up to `at`. */
  peerTrafficOf(nodeId: string, windowSeconds: number, at: Date): PeerTraffic[];
}

/** A source whose every window lists the node's exchanges with its fleet peers. */
export interface PeerTrafficSource extends TelemetrySource {
  window(windowSeconds: number, at: Date): TelemetryWindow & { peerTraffic: PeerTraffic[] };
}

const INFLATOR_PROFILES: readonly TrafficProfile[] = ["seeder", "normal"];
const DEFAULT_WIDTHS = { v4Bits: 24, v6Bits: 48 };
/** Salt of the exchange draws: the plan's and the synthetic traffic's draws stay as they were. */
const EXCHANGES_SEED_SALT = 0x0f1e_e7aa;
const MIN_EXCHANGE_BYTES_PER_SECOND = 1_000n;

/**
 * The fleet's swarm: which fleet nodes serve which, at steady rates that follow the daily rhythm (each
 * serves its profile's typical peer share to a handful of peers in other /24s, each receiver taking
 * what fits its typical download), so a node's bytes to a peer in any window are exactly the bytes that
 * peer received from it in the same window. The last seeder or normal node inflates its claims.
 * Deterministic for the seed and the nodes, so a restarted fleet keeps its swarm.
 */
export function planFleetPeerTraffic({
  nodes,
  seed,
}: {
  nodes: readonly FleetPeer[];
  seed: number;
}): FleetPeerTraffic {
  const exchanges = planPeerExchanges(
    nodes.map((node) => {
      const rates = typicalRates(node.profile);
      return {
        nodeId: node.nodeId,
        cluster: (node.sourceAddress && networkPrefix(node.sourceAddress, DEFAULT_WIDTHS)) ?? "",
        sendable: BigInt(Math.round(rates.upBytesPerSecond * peerShare(node.profile))),
        receivable: BigInt(rates.downBytesPerSecond),
      };
    }),
    { random: createRandom(seed ^ EXCHANGES_SEED_SALT), peersPerRound: DEMO_PEERS_PER_ROUND },
  );
  // Entries of bytes per second: each is turned into the bytes of a window when a report asks. A trickle
  // below MIN_EXCHANGE_BYTES_PER_SECOND is left out: over a short window one end could count a byte the
  // other rounds away, and the two ends must agree on who trades with whom. Both ends of an exchange
  // carry the same sum of both directions, so they are kept or left out together.
  const rates = new Map(
    [...peerTrafficOf(exchanges)].map(([nodeId, entries]) => [
      nodeId,
      entries.filter((rate) => rate.bytesUp + rate.bytesDown >= MIN_EXCHANGE_BYTES_PER_SECOND),
    ]),
  );
  return {
    inflatorId: nodes.findLast((node) => INFLATOR_PROFILES.includes(node.profile))?.nodeId ?? null,
    peerTrafficOf(nodeId, windowSeconds, at) {
      const to = at.getTime();
      const from = to - windowSeconds * 1000;
      const bytes = (bytesPerSecond: bigint) => Number(diurnalBytesBetween(bytesPerSecond, from, to));
      return (rates.get(nodeId) ?? [])
        .map((rate) => ({
          peerNodeId: rate.peerNodeId,
          bytesUp: bytes(rate.bytesUp),
          bytesDown: bytes(rate.bytesDown),
        }))
        .filter((entry) => entry.bytesUp + entry.bytesDown > 0);
    },
  };
}

/**
 * `source` with the node's peerTraffic: its totals are at least what it exchanged with its peers (the
 * reporter would otherwise cut entries to fit the totals, and the two ends would no longer agree), and
 * an inflating node claims DEMO_INFLATION_FACTOR × the upload it served while its peerTraffic stays true.
 */
export function withPeerTraffic(
  source: TelemetrySource,
  nodeId: string,
  swarm: FleetPeerTraffic,
): PeerTrafficSource {
  const claimFactor = swarm.inflatorId === nodeId ? DEMO_INFLATION_FACTOR : 1;
  return {
    description: `${source.description}, with per-peer traffic${claimFactor > 1 ? ` (claims ${claimFactor}× its upload)` : ""}`,
    window(windowSeconds, at) {
      const window = source.window(windowSeconds, at);
      const peerTraffic = swarm.peerTrafficOf(nodeId, windowSeconds, at);
      const sum = (field: "bytesUp" | "bytesDown") =>
        peerTraffic.reduce((total, entry) => total + entry[field], 0);
      return {
        ...window,
        bytesUp: Math.max(window.bytesUp, sum("bytesUp")) * claimFactor,
        bytesDown: Math.max(window.bytesDown, sum("bytesDown")),
        peerTraffic,
      };
    },
  };
}

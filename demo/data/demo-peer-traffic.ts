import { DEMO_INFLATION_FACTOR } from "@/demo/data/demo-peer-roles";
import type { DemoTelemetry } from "@/demo/data/demo-telemetry";
import {
  planPeerExchanges,
  peerTrafficOf,
  type PeerCapacity,
  type PeerExchange,
} from "@/demo/data/peer-exchanges";
import { peerShare } from "@/demo/data/traffic-model";
import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";
import type { NodeBucketRollup } from "@/lib/domain/metrics/telemetry-rollup";
import { createRandom } from "@/lib/domain/random";

/** One node's reported exchanges with one peer over one UTC day: a NodePeerDayTraffic row. */
export interface DemoPeerDayTraffic {
  nodeId: string;
  day: Date;
  peerNodeId: string;
  bytesUp: bigint;
  bytesDown: bigint;
}

/** Each node serves a handful of peers a day, then one or two more with what they could not take. */
export const DEMO_PEERS_PER_ROUND = [
  [3, 6],
  [1, 2],
] as const;
const DAY_MS = 86_400_000;
const SHARE_STEPS = 1_000_000n;
/** Salt of the exchange draws: the other demo draws stay as they were. */
const EXCHANGES_SEED_SALT = 0x9ee2_7a3f;

/**
 * What each demo node reported of its exchanges with other nodes, per day of its rollups, so the two
 * sides of every exchange agree: an honest node offers its profile's peer share of the day's upload to
 * a handful of peers in other clusters, an inflating node the same share of the upload it really served
 * (its claim ÷ DEMO_INFLATION_FACTOR), each receiver taking what fits its day's download; the colluding
 * pair sends all it can only to each other. `rollups` are recomputeRollups(telemetry.samples).
 */
export function generateDemoPeerTraffic({
  seed,
  telemetry,
  rollups,
}: {
  seed: number;
  telemetry: Pick<DemoTelemetry, "profiles" | "roles">;
  rollups: { nodeHourly: readonly NodeBucketRollup[]; nodeDaily: readonly NodeBucketRollup[] };
}): DemoPeerDayTraffic[] {
  const { profiles, roles } = telemetry;
  const clusterOfDay = dayClusters(rollups.nodeHourly);
  const colluders = new Set(roles.colludingPair);
  const days = new Map<number, NodeBucketRollup[]>();
  for (const row of rollups.nodeDaily) {
    const day = row.start.getTime();
    const list = days.get(day) ?? [];
    list.push(row);
    days.set(day, list);
  }
  const rows: DemoPeerDayTraffic[] = [];
  for (const [day, dayRows] of days) {
    const participants: PeerCapacity[] = [];
    for (const row of dayRows) {
      const cluster = clusterOfDay.get(row.nodeId)?.get(day);
      if (cluster === undefined || colluders.has(row.nodeId)) continue;
      const served = roles.inflators.has(row.nodeId)
        ? row.bytesUp / BigInt(DEMO_INFLATION_FACTOR)
        : row.bytesUp;
      const share = BigInt(Math.round(peerShare(profiles.get(row.nodeId)!) * Number(SHARE_STEPS)));
      participants.push({
        nodeId: row.nodeId,
        cluster,
        sendable: (served * share) / SHARE_STEPS,
        receivable: row.bytesDown,
      });
    }
    const exchanges = [
      ...planPeerExchanges(participants, {
        random: createRandom((seed ^ EXCHANGES_SEED_SALT) + day / DAY_MS),
        peersPerRound: DEMO_PEERS_PER_ROUND,
      }),
      ...collusion(roles.colludingPair, dayRows),
    ];
    for (const [nodeId, entries] of peerTrafficOf(exchanges)) {
      for (const entry of entries) rows.push({ nodeId, day: new Date(day), ...entry });
    }
  }
  return rows;
}

/** The colluding pair's day: each sends the other all it can, up to what the other downloaded. */
function collusion(
  pair: readonly [string, string] | null,
  dayRows: readonly NodeBucketRollup[],
): PeerExchange[] {
  if (!pair) return [];
  const [a, b] = pair.map((nodeId) => dayRows.find((row) => row.nodeId === nodeId));
  if (!a || !b) return [];
  const min = (x: bigint, y: bigint) => (x < y ? x : y);
  return [
    { from: a.nodeId, to: b.nodeId, bytes: min(a.bytesUp, b.bytesDown) },
    { from: b.nodeId, to: a.nodeId, bytes: min(b.bytesUp, a.bytesDown) },
  ].filter((exchange) => exchange.bytes > 0n);
}

/**
 * Each node's cluster on each day (node id → day → prefix): the one most of its hours that day came
 * from, as peer corroboration decides it.
 */
function dayClusters(nodeHourly: readonly NodeBucketRollup[]): Map<string, Map<number, string>> {
  const hours = new Map<string, Map<number, Map<string, number>>>();
  for (const { nodeId, start, clusterPrefix } of nodeHourly) {
    if (!clusterPrefix) continue;
    const days = hours.get(nodeId) ?? new Map<number, Map<string, number>>();
    hours.set(nodeId, days);
    const day = Math.floor(start.getTime() / DAY_MS) * DAY_MS;
    const counts = days.get(day) ?? new Map<string, number>();
    days.set(day, counts);
    counts.set(clusterPrefix, (counts.get(clusterPrefix) ?? 0) + 1);
  }
  return new Map(
    [...hours].map(([nodeId, days]) => [
      nodeId,
      new Map([...days].map(([day, counts]) => [day, mostFrequentPrefix(counts)!])),
    ]),
  );
}

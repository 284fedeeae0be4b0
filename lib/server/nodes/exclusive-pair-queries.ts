import {
  EXCLUSIVE_PAIR_WINDOW_DAYS,
  EXCLUSIVE_PEER_PERCENT,
  mainPeers,
  pairsTradingOnlyWithEachOther,
  type MainPeer,
} from "@/lib/domain/clusters/exclusive-pairs";
import { mostFrequentPrefix, UNKNOWN_CLUSTER_PREFIX } from "@/lib/domain/clusters/network-prefix";
import { DAY_MS, floorToStep } from "@/lib/domain/metrics/network-series";
import type { ExclusivePairs, ExclusivePairSign } from "@/lib/schemas/warning-signs";
import type { DbOrTransaction } from "../platform/db";

/** The most nodes one check compares: every node of a large network, bounded for the database. */
const MAX_NODES_CHECKED = 20_000;
/** Nodes whose per-peer sums one query reads: their peers over a week stay a few thousand rows. */
const NODES_PER_QUERY = 200;
/** Pairs listed on the page; the count says how many there are in all. */
const LISTED_PAIRS = 50;

interface Window {
  since: Date;
  today: Date;
}

/** Each checked node's main peer, read a batch of nodes at a time (each node's rows all in one batch). */
async function mainPeersOf(db: DbOrTransaction, nodeIds: readonly string[], { since, today }: Window) {
  const found: MainPeer[] = [];
  for (let start = 0; start < nodeIds.length; start += NODES_PER_QUERY) {
    const sums = await db.nodePeerDayTraffic.groupBy({
      by: ["nodeId", "peerNodeId"],
      where: {
        nodeId: { in: nodeIds.slice(start, start + NODES_PER_QUERY) },
        day: { gte: since, lte: today },
      },
      _sum: { bytesUp: true, bytesDown: true },
    });
    found.push(
      ...mainPeers(
        sums.map(({ nodeId, peerNodeId, _sum }) => ({
          nodeId,
          peerNodeId,
          bytes: (_sum.bytesUp ?? 0n) + (_sum.bytesDown ?? 0n),
        })),
      ),
    );
  }
  return found;
}

/** Each node's network cluster over the window: the prefix most of its hours came from; null when not known. */
async function clustersOf(db: DbOrTransaction, nodeIds: readonly string[], { since }: Window) {
  const counts = await db.nodeHourlyRollup.groupBy({
    by: ["nodeId", "clusterPrefix"],
    where: { nodeId: { in: [...nodeIds] }, hourStart: { gte: since }, clusterPrefix: { not: null } },
    _count: { _all: true },
  });
  const byNode = new Map<string, [string, number][]>();
  for (const { nodeId, clusterPrefix, _count } of counts) {
    if (clusterPrefix === null || clusterPrefix === UNKNOWN_CLUSTER_PREFIX) continue;
    byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), [clusterPrefix, _count._all]]);
  }
  return new Map(nodeIds.map((id) => [id, mostFrequentPrefix(byNode.get(id) ?? [])]));
}

/** Days on which either node of each pair reported traffic with the other, keyed "a:b". */
async function tradingDaysOf(
  db: DbOrTransaction,
  pairs: readonly { a: string; b: string }[],
  { since, today }: Window,
) {
  const rows = await db.nodePeerDayTraffic.findMany({
    where: {
      day: { gte: since, lte: today },
      OR: pairs.flatMap(({ a, b }) => [
        { nodeId: a, peerNodeId: b },
        { nodeId: b, peerNodeId: a },
      ]),
    },
    select: { nodeId: true, peerNodeId: true, day: true },
  });
  const days = new Map<string, Set<number>>();
  for (const row of rows) {
    const key =
      row.nodeId < row.peerNodeId ? `${row.nodeId}:${row.peerNodeId}` : `${row.peerNodeId}:${row.nodeId}`;
    days.set(key, (days.get(key) ?? new Set<number>()).add(row.day.getTime()));
  }
  return days;
}

/**
 * Node pairs that only trade with each other over the last EXCLUSIVE_PAIR_WINDOW_DAYS UTC days (today
 * included): each reported traffic with the other, and at least EXCLUSIVE_PEER_PERCENT % of each one's
 * reported per-peer bytes were with the other. For stewards: a sign of colluding nodes confirming each
 * other's invented traffic, never proof. Reads per-peer sums a batch of nodes at a time, at most
 * MAX_NODES_CHECKED nodes, and lists the LISTED_PAIRS pairs with the most data.
 */
export async function getExclusivePairs(
  db: DbOrTransaction,
  { now }: { now: Date },
): Promise<ExclusivePairs> {
  const today = floorToStep(now, DAY_MS);
  const window: Window = {
    today,
    since: new Date(today.getTime() - (EXCLUSIVE_PAIR_WINDOW_DAYS - 1) * DAY_MS),
  };
  const reporters = await db.nodePeerDayTraffic.groupBy({
    by: ["nodeId"],
    where: { day: { gte: window.since, lte: window.today } },
    orderBy: { nodeId: "asc" },
    take: MAX_NODES_CHECKED + 1,
  });
  const checked = reporters.slice(0, MAX_NODES_CHECKED).map((row) => row.nodeId);
  const pairs = pairsTradingOnlyWithEachOther(await mainPeersOf(db, checked, window));
  const listed = pairs.slice(0, LISTED_PAIRS);
  const nodeIds = listed.flatMap(({ a, b }) => [a.nodeId, b.nodeId]);
  const [nodes, clusters, tradingDays] = await Promise.all([
    nodeIds.length
      ? db.node.findMany({
          where: { id: { in: nodeIds } },
          select: { id: true, name: true, operator: { select: { displayName: true } } },
        })
      : [],
    nodeIds.length ? clustersOf(db, nodeIds, window) : new Map<string, string | null>(),
    listed.length
      ? tradingDaysOf(
          db,
          listed.map(({ a, b }) => ({ a: a.nodeId, b: b.nodeId })),
          window,
        )
      : new Map<string, Set<number>>(),
  ]);
  const nodesById = new Map(nodes.map((node) => [node.id, node]));
  // Both nodes of a pair reported per-peer traffic, so both are enrolled nodes.
  const describe = (side: MainPeer) => {
    const node = nodesById.get(side.nodeId)!;
    return {
      id: side.nodeId,
      name: node.name,
      operatorName: node.operator.displayName,
      bytesWithOther: side.bytes,
      bytesWithAll: side.totalBytes,
    };
  };
  return {
    days: EXCLUSIVE_PAIR_WINDOW_DAYS,
    since: window.since,
    sharePercent: Number(EXCLUSIVE_PEER_PERCENT),
    nodesChecked: checked.length,
    isNodeCheckCapped: reporters.length > MAX_NODES_CHECKED,
    pairCount: pairs.length,
    pairs: listed.map(({ a, b }): ExclusivePairSign => {
      const [clusterA, clusterB] = [clusters.get(a.nodeId) ?? null, clusters.get(b.nodeId) ?? null];
      return {
        nodes: [describe(a), describe(b)],
        network:
          clusterA === null || clusterB === null ? "unknown" : clusterA === clusterB ? "same" : "different",
        days: tradingDays.get(`${a.nodeId}:${b.nodeId}`)!.size,
      };
    }),
  };
}

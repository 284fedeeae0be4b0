import { reliabilityScore } from "@/lib/domain/metrics/service-rating";
import { rollupLatencyMs } from "@/lib/domain/metrics/telemetry-rollup";
import type { ModelCalibration, ModelNode, ModelState } from "@/lib/domain/network-model/model-types";
import { nodeKinds } from "@/lib/domain/network-model/node-kind";
import { medianOf, type LedgerDayEntry } from "@/lib/domain/network-model/observed-metrics";

export type { LedgerDayEntry } from "@/lib/domain/network-model/observed-metrics";

const DAY_MS = 86_400_000;
/** How many days the model state reads by default: the network's last 30 days. */
export const MODEL_WINDOW_DAYS = 30;
/** Days at each end of the window the leave rate compares (see leavesPerDayOf). */
export const LEAVE_EDGE_DAYS = 3;

interface NodeWindow {
  nodeId: string;
  entries: LedgerDayEntry[];
}

/** The cluster seen on most of the node's days (ties: the one seen most recently), else the node id. */
function clusterOf({ nodeId, entries }: NodeWindow): string {
  const seen = new Map<string, { count: number; newest: number }>();
  for (const entry of entries) {
    if (entry.clusterPrefix === null) continue;
    const at = entry.day.getTime();
    const prior = seen.get(entry.clusterPrefix);
    seen.set(entry.clusterPrefix, {
      count: (prior?.count ?? 0) + 1,
      newest: Math.max(prior?.newest ?? -Infinity, at),
    });
  }
  let best: { prefix: string; count: number; newest: number } | null = null;
  for (const [prefix, { count, newest }] of seen) {
    if (!best || count > best.count || (count === best.count && newest > best.newest)) {
      best = { prefix, count, newest };
    }
  }
  return best?.prefix ?? nodeId;
}

/** A node as it stood over the window, without its kind (that needs every node's cluster); null when never up. */
function measureNode(
  node: NodeWindow,
  {
    observedDays,
    startDay,
    firstReportedAt,
  }: {
    /** The window's observed days (their UTC midnights in ms), oldest first. */
    observedDays: readonly number[];
    startDay: Date;
    firstReportedAt: Date | null;
  },
): Omit<ModelNode, "kind"> | null {
  const upDays = node.entries.filter((entry) => entry.uptimeSeconds > 0);
  if (upDays.length === 0) return null;
  const sum = (entries: readonly LedgerDayEntry[], figure: (entry: LedgerDayEntry) => number) =>
    entries.reduce((total, entry) => total + figure(entry), 0);
  const claimed = sum(node.entries, (entry) => entry.bytesUp);
  const corroborated = sum(node.entries, (entry) => entry.corroboratedBytesUp);
  const newest = node.entries.reduce((a, b) => (b.day.getTime() > a.day.getTime() ? b : a));
  const oldest = node.entries.reduce((a, b) => (b.day.getTime() < a.day.getTime() ? b : a));
  // A node that was up has reported; without a recorded first report its oldest line in the window stands in.
  const since = firstReportedAt ?? oldest.day;
  // A node that joined during the window could only be up from the day of its first report on.
  const sinceDay = Math.floor(since.getTime() / DAY_MS) * DAY_MS;
  const daysPresent = Math.max(upDays.length, observedDays.filter((day) => day >= sinceDay).length);
  return {
    nodeId: node.nodeId,
    operatorId: newest.operatorId,
    cluster: clusterOf(node),
    capacityBytesPerDay: Math.max(0, ...node.entries.map((entry) => entry.bytesUp)),
    demandBytesPerDay: sum(upDays, (entry) => entry.bytesDown) / upDays.length,
    // As the epoch reads it: Σ latency × window seconds ÷ Σ window seconds (uptime when no window is given).
    latencyMs: rollupLatencyMs({
      windowSeconds: sum(upDays, (entry) => entry.windowSeconds ?? entry.uptimeSeconds),
      latencyMsSeconds: BigInt(Math.round(sum(upDays, (entry) => entry.latencyMsSeconds))),
    }),
    upShare: upDays.length / daysPresent,
    reliability: sum(upDays, (entry) => reliabilityScore(entry.uptimeSeconds)) / upDays.length,
    confirmedShare: claimed > 0 ? Math.min(1, Math.max(0, corroborated / claimed)) : 1,
    rating: newest.rating,
    ageDays: Math.max(0, Math.floor((startDay.getTime() - since.getTime()) / DAY_MS)),
  };
}

/**
 * The share per day of the nodes up at the window's start that stopped for good. Of the nodes up on any
 * of the first LEAVE_EDGE_DAYS observed days (F), the ones up on none of the last LEAVE_EDGE_DAYS observed
 * days have left (L); they left somewhere in the `span` days between the end of the first block and the
 * start of the last one, so the daily leave probability q that keeps 1 − L/F of them over the span is
 * q = 1 − (1 − L/F)^(1/span). 0 when fewer than 2 × LEAVE_EDGE_DAYS days were observed or nobody was up at
 * the start. It overstates leaving for nodes that are often down (a node up a share u of days looks gone
 * with chance (1 − u)^3) and cannot see nodes that leave and come back.
 */
function leavesPerDayOf(
  observedDays: readonly number[],
  upOn: ReadonlyMap<number, ReadonlySet<string>>,
): number {
  if (observedDays.length < 2 * LEAVE_EDGE_DAYS) return 0;
  const first = observedDays.slice(0, LEAVE_EDGE_DAYS);
  const last = observedDays.slice(-LEAVE_EDGE_DAYS);
  const upIn = (days: readonly number[]) => new Set(days.flatMap((day) => [...(upOn.get(day) ?? [])]));
  const atStart = upIn(first);
  if (atStart.size === 0) return 0;
  const atEnd = upIn(last);
  const left = [...atStart].filter((nodeId) => !atEnd.has(nodeId)).length;
  const span = Math.max(1, Math.round((last[0]! - first.at(-1)!) / DAY_MS));
  return 1 - (1 - left / atStart.size) ** (1 / span);
}

/**
 * The network as it stands at `startDay`, from the reward ledger's lines of the `windowDays` days before it
 * (lines outside the window are ignored). Per node: its most frequent cluster (ties: the newest), capacity =
 * the most it claimed to serve on any day, demand = mean download on its up days, latency as the epoch
 * reads it, up share over the observed days since its first report, reliability on its up days, confirmed
 * share of its claimed bytes, its newest rating and its age. Nodes never up in the window have gone and are
 * left out. Calibration: joins = nodes whose first report falls after the window's first observed day ÷
 * the observed days after it (nodes that reported before were already there); leaves as in leavesPerDayOf;
 * the outside demand = the median day's max(0, Σ bytesUp − Σ bytesDown): bytes the nodes served beyond
 * their own downloads, to downloaders outside the network (on the demo about 70 % of the bytes served).
 */
export function buildModelState({
  startDay,
  entries,
  firstReportedAt,
  windowDays = MODEL_WINDOW_DAYS,
}: {
  startDay: Date;
  entries: readonly LedgerDayEntry[];
  firstReportedAt: ReadonlyMap<string, Date | null>;
  windowDays?: number;
}): ModelState {
  const end = startDay.getTime();
  const windowStart = end - windowDays * DAY_MS;
  const byNode = new Map<string, NodeWindow>();
  const upOn = new Map<number, Set<string>>();
  const traffic = new Map<number, { up: number; down: number }>();
  for (const entry of entries) {
    const day = entry.day.getTime();
    if (day < windowStart || day >= end) continue;
    const dayTraffic = traffic.get(day) ?? { up: 0, down: 0 };
    dayTraffic.up += entry.bytesUp;
    dayTraffic.down += entry.bytesDown;
    traffic.set(day, dayTraffic);
    const node = byNode.get(entry.nodeId) ?? { nodeId: entry.nodeId, entries: [] };
    node.entries.push(entry);
    byNode.set(entry.nodeId, node);
    if (entry.uptimeSeconds > 0) {
      const up = upOn.get(day) ?? new Set<string>();
      up.add(entry.nodeId);
      upOn.set(day, up);
    }
  }
  const observedDays = [...traffic.keys()].sort((a, b) => a - b);
  const measured = [...byNode.values()]
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0))
    .map((node) =>
      measureNode(node, {
        observedDays,
        startDay,
        firstReportedAt: firstReportedAt.get(node.nodeId) ?? null,
      }),
    )
    .filter((node) => node !== null);
  const kinds = nodeKinds(new Map(measured.map((node) => [node.nodeId, node.cluster])));
  const nodes: ModelNode[] = measured.map((node) => ({ ...node, kind: kinds.get(node.nodeId) ?? "home" }));

  // Nodes that first reported before the window's second observed day were there from its start (the
  // network's founders when the history begins inside the window), not joiners: count the days after it.
  const joinsFrom = (observedDays[0] ?? end) + DAY_MS;
  const joined = [...firstReportedAt.values()].filter(
    (at) => at !== null && at.getTime() >= joinsFrom && at.getTime() < end,
  ).length;
  const calibration: ModelCalibration = {
    joinsPerDay: observedDays.length <= 1 ? 0 : joined / (observedDays.length - 1),
    leavesPerDay: leavesPerDayOf(observedDays, upOn),
    observedDays: observedDays.length,
    outsideDemandBytesPerDay: medianOf([...traffic.values()].map(({ up, down }) => Math.max(0, up - down))),
  };
  return { startDay, nodes, calibration };
}

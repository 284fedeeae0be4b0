import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Latency above an hour says only "unreachable"; capping it keeps every sum inside a 64-bit integer. */
export const MAX_ROLLUP_LATENCY_MS = HOUR_MS;

/** The stored fields of one telemetry sample that rollups read (windows as credited). */
export interface RollupSample {
  nodeId: string;
  at: Date;
  windowSeconds: number;
  uptimeSeconds: number;
  bytesUp: bigint;
  bytesDown: bigint;
  peers: number;
  medianLatencyMs: number;
  /** The network cluster the report came from; absent or null for reports from before clusters. */
  clusterPrefix?: string | null;
}

/**
 * What a rollup row sums. Integers only: addition is then associative, so the rows are the same whatever
 * order the samples arrive in, and recomputing from the raw samples gives exactly the stored values.
 */
export interface RollupTotals {
  samples: number;
  windowSeconds: number;
  uptimeSeconds: number;
  bytesUp: bigint;
  bytesDown: bigint;
  /** Σ round(medianLatencyMs × windowSeconds). */
  latencyMsSeconds: bigint;
  /** Σ peers × windowSeconds. */
  peerSeconds: bigint;
}

/** A network rollup also counts the distinct nodes that reported in its bucket. */
export interface NetworkRollupTotals extends RollupTotals {
  nodes: number;
}

export const EMPTY_ROLLUP_TOTALS: RollupTotals = {
  samples: 0,
  windowSeconds: 0,
  uptimeSeconds: 0,
  bytesUp: 0n,
  bytesDown: 0n,
  latencyMsSeconds: 0n,
  peerSeconds: 0n,
};

/**
 * The UTC hour a sample is counted in: the one holding the middle of its window, so an hourly report
 * ending exactly on the hour counts in the hour it describes, not the next one.
 */
export function rollupHourStart(sample: Pick<RollupSample, "at" | "windowSeconds">): Date {
  const middle = sample.at.getTime() - sample.windowSeconds * 500;
  return new Date(Math.floor(middle / HOUR_MS) * HOUR_MS);
}

/** The UTC day (its midnight) an hour belongs to. */
export function rollupDay(hourStart: Date): Date {
  return new Date(Math.floor(hourStart.getTime() / DAY_MS) * DAY_MS);
}

/** One sample as rollup totals. */
export function sampleTotals(sample: RollupSample): RollupTotals {
  const latencyMs = Math.min(sample.medianLatencyMs, MAX_ROLLUP_LATENCY_MS);
  return {
    samples: 1,
    windowSeconds: sample.windowSeconds,
    uptimeSeconds: sample.uptimeSeconds,
    bytesUp: sample.bytesUp,
    bytesDown: sample.bytesDown,
    latencyMsSeconds: BigInt(Math.round(latencyMs * sample.windowSeconds)),
    peerSeconds: BigInt(sample.peers) * BigInt(sample.windowSeconds),
  };
}

export function addRollupTotals<T extends RollupTotals>(into: T, add: RollupTotals): T {
  return {
    ...into,
    samples: into.samples + add.samples,
    windowSeconds: into.windowSeconds + add.windowSeconds,
    uptimeSeconds: into.uptimeSeconds + add.uptimeSeconds,
    bytesUp: into.bytesUp + add.bytesUp,
    bytesDown: into.bytesDown + add.bytesDown,
    latencyMsSeconds: into.latencyMsSeconds + add.latencyMsSeconds,
    peerSeconds: into.peerSeconds + add.peerSeconds,
  };
}

/** Window-weighted median latency of a rollup in ms; null when it covers no time. */
export function rollupLatencyMs(
  totals: Pick<RollupTotals, "windowSeconds" | "latencyMsSeconds">,
): number | null {
  return totals.windowSeconds === 0 ? null : Number(totals.latencyMsSeconds) / totals.windowSeconds;
}

export interface NodeBucketRollup extends RollupTotals {
  nodeId: string;
  /** hourStart for hourly rollups, the day's midnight for daily ones. */
  start: Date;
  /**
   * Hourly rows only: the cluster most of the hour's reports came from (ties: the smallest prefix),
   * null when none recorded one.
   */
  clusterPrefix?: string | null;
}

export interface NetworkBucketRollup extends NetworkRollupTotals {
  start: Date;
}

export interface RecomputedRollups {
  nodeHourly: NodeBucketRollup[];
  nodeDaily: NodeBucketRollup[];
  networkHourly: NetworkBucketRollup[];
  networkDaily: NetworkBucketRollup[];
}

/**
 * Every rollup row the samples make, from scratch: the reference the incrementally maintained rows must
 * equal, and how the demo seed writes its history. Rows are sorted by start, then node id.
 */
export function recomputeRollups(samples: Iterable<RollupSample>): RecomputedRollups {
  const nodeHourly = new Map<string, NodeBucketRollup>();
  const nodeDaily = new Map<string, NodeBucketRollup>();
  const hourlyPrefixCounts = new Map<string, Map<string, number>>();
  for (const sample of samples) {
    const hourStart = rollupHourStart(sample);
    const totals = sampleTotals(sample);
    const hourKey = accumulate(nodeHourly, sample.nodeId, hourStart, totals);
    accumulate(nodeDaily, sample.nodeId, rollupDay(hourStart), totals);
    if (sample.clusterPrefix) {
      const counts = hourlyPrefixCounts.get(hourKey) ?? new Map<string, number>();
      counts.set(sample.clusterPrefix, (counts.get(sample.clusterPrefix) ?? 0) + 1);
      hourlyPrefixCounts.set(hourKey, counts);
    }
  }
  for (const [key, row] of nodeHourly) {
    row.clusterPrefix = mostFrequentPrefix(hourlyPrefixCounts.get(key) ?? []);
  }
  const sortedNodeHourly = sortRollups([...nodeHourly.values()]);
  const sortedNodeDaily = sortRollups([...nodeDaily.values()]);
  return {
    nodeHourly: sortedNodeHourly,
    nodeDaily: sortedNodeDaily,
    networkHourly: networkOf(sortedNodeHourly),
    networkDaily: networkOf(sortedNodeDaily),
  };
}

function accumulate(
  rows: Map<string, NodeBucketRollup>,
  nodeId: string,
  start: Date,
  totals: RollupTotals,
): string {
  const key = `${start.getTime()} ${nodeId}`;
  const row = rows.get(key);
  if (!row) rows.set(key, { nodeId, start, ...totals });
  else addInPlace(row, totals);
  return key;
}

/** addRollupTotals without a new object: the demo history folds ~200,000 samples. */
function addInPlace(into: RollupTotals, add: RollupTotals): void {
  into.samples += add.samples;
  into.windowSeconds += add.windowSeconds;
  into.uptimeSeconds += add.uptimeSeconds;
  into.bytesUp += add.bytesUp;
  into.bytesDown += add.bytesDown;
  into.latencyMsSeconds += add.latencyMsSeconds;
  into.peerSeconds += add.peerSeconds;
}

function sortRollups(rows: NodeBucketRollup[]): NodeBucketRollup[] {
  return rows.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0),
  );
}

/** Sums node rollups (sorted by start) into network rollups; each node row is one reporting node. */
function networkOf(nodeRows: readonly NodeBucketRollup[]): NetworkBucketRollup[] {
  const network: NetworkBucketRollup[] = [];
  for (const row of nodeRows) {
    const last = network.at(-1);
    if (!last || last.start.getTime() !== row.start.getTime()) {
      const { nodeId: _nodeId, clusterPrefix: _clusterPrefix, ...totals } = row;
      network.push({ ...totals, nodes: 1 });
      continue;
    }
    last.nodes += 1;
    addInPlace(last, row);
  }
  return network;
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mostFrequentPrefix } from "@/lib/domain/clusters/network-prefix";
import {
  addRollupTotals,
  EMPTY_ROLLUP_TOTALS,
  MAX_ROLLUP_LATENCY_MS,
  recomputeRollups,
  rollupDay,
  rollupHourStart,
  rollupLatencyMs,
  sampleTotals,
  type NetworkBucketRollup,
  type NodeBucketRollup,
  type RecomputedRollups,
  type RollupSample,
  type RollupTotals,
} from "@/lib/domain/metrics/telemetry-rollup";
import { permutationOf, propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const T0 = Date.parse("2026-03-01T00:00:00Z");

function sample(overrides: Partial<RollupSample> = {}): RollupSample {
  return {
    nodeId: "node-a",
    at: new Date("2026-03-01T10:00:00Z"),
    windowSeconds: 60,
    uptimeSeconds: 60,
    bytesUp: 100n,
    bytesDown: 200n,
    peers: 8,
    medianLatencyMs: 40,
    ...overrides,
  };
}

/** Samples of a few nodes over three days, windows up to two hours, so buckets straddle hours and days. */
const samples: fc.Arbitrary<RollupSample[]> = fc.array(
  fc.record({
    nodeId: fc.constantFrom("a", "B", "c", "node-d"),
    at: fc.integer({ min: T0, max: T0 + 3 * 86_400_000 }).map((ms) => new Date(ms)),
    windowSeconds: fc.integer({ min: 1, max: 7200 }),
    uptimeSeconds: fc.integer({ min: 0, max: 7200 }),
    bytesUp: fc.bigInt({ min: 0n, max: 2n ** 50n }),
    bytesDown: fc.bigInt({ min: 0n, max: 2n ** 50n }),
    peers: fc.integer({ min: 0, max: 10_000 }),
    medianLatencyMs: fc.double({ min: 0, max: 2 * MAX_ROLLUP_LATENCY_MS, noNaN: true }),
    clusterPrefix: fc.option(fc.constantFrom("203.0.113.0/24", "198.51.100.0/24", "2001:db8::/48"), {
      nil: undefined,
    }),
  }),
  { maxLength: 60 },
);

const withoutNode = ({
  nodeId: _nodeId,
  start: _start,
  clusterPrefix: _clusterPrefix,
  ...totals
}: NodeBucketRollup): RollupTotals => totals;

/** Sums rows per bucket start: the network view of node rows, or the daily view of hourly rows. */
function sumByStart(
  rows: readonly NodeBucketRollup[],
  startOf: (row: NodeBucketRollup) => Date,
): Map<number, NetworkBucketRollup> {
  const sums = new Map<number, NetworkBucketRollup>();
  for (const row of rows) {
    const start = startOf(row);
    const sum = sums.get(start.getTime()) ?? { start, nodes: 0, ...EMPTY_ROLLUP_TOTALS };
    sums.set(start.getTime(), { ...addRollupTotals(sum, withoutNode(row)), nodes: sum.nodes + 1 });
  }
  return sums;
}

/**
 * What the database does per stored sample: upsert the node's hourly and daily rows, and count the node
 * in the network rows only when its node row was created by this sample; count the sample's cluster in
 * its hour and set the hourly row's cluster to the hour's most frequent so far.
 */
function foldIncrementally(input: readonly RollupSample[]): RecomputedRollups {
  const nodeRows = {
    hourly: new Map<string, NodeBucketRollup>(),
    daily: new Map<string, NodeBucketRollup>(),
  };
  const networkRows = {
    hourly: new Map<number, NetworkBucketRollup>(),
    daily: new Map<number, NetworkBucketRollup>(),
  };
  const prefixCounts = new Map<string, Map<string, number>>();
  for (const one of input) {
    const totals = sampleTotals(one);
    const hourStart = rollupHourStart(one);
    const hourKey = `${hourStart.getTime()} ${one.nodeId}`;
    const counts = prefixCounts.get(hourKey) ?? new Map<string, number>();
    if (one.clusterPrefix) counts.set(one.clusterPrefix, (counts.get(one.clusterPrefix) ?? 0) + 1);
    prefixCounts.set(hourKey, counts);
    for (const [level, start] of [
      ["hourly", hourStart],
      ["daily", rollupDay(hourStart)],
    ] as const) {
      const key = `${start.getTime()} ${one.nodeId}`;
      const nodeRow = addRollupTotals(
        nodeRows[level].get(key) ??
          (level === "hourly"
            ? { nodeId: one.nodeId, start, ...EMPTY_ROLLUP_TOTALS, clusterPrefix: null }
            : { nodeId: one.nodeId, start, ...EMPTY_ROLLUP_TOTALS }),
        totals,
      );
      if (level === "hourly") nodeRow.clusterPrefix = mostFrequentPrefix(counts);
      nodeRows[level].set(key, nodeRow);
      const network = networkRows[level].get(start.getTime()) ?? { start, nodes: 0, ...EMPTY_ROLLUP_TOTALS };
      networkRows[level].set(start.getTime(), {
        ...addRollupTotals(network, totals),
        nodes: network.nodes + (nodeRow.samples === 1 ? 1 : 0),
      });
    }
  }
  const sortedNodes = (rows: Map<string, NodeBucketRollup>) =>
    [...rows.values()].sort(
      (a, b) =>
        a.start.getTime() - b.start.getTime() || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0),
    );
  const sortedNetwork = (rows: Map<number, NetworkBucketRollup>) =>
    [...rows.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  return {
    nodeHourly: sortedNodes(nodeRows.hourly),
    nodeDaily: sortedNodes(nodeRows.daily),
    networkHourly: sortedNetwork(networkRows.hourly),
    networkDaily: sortedNetwork(networkRows.daily),
  };
}

describe("rollupHourStart and rollupDay", () => {
  it.each([
    [
      "a 60 s report ending exactly on the hour counts in the hour before",
      "2026-03-01T10:00:00Z",
      60,
      "2026-03-01T09:00:00Z",
    ],
    [
      "a 60 s report at 10:00:20 (middle 09:59:50) counts in 09:00",
      "2026-03-01T10:00:20Z",
      60,
      "2026-03-01T09:00:00Z",
    ],
    [
      "a 60 s report at 10:00:30 (middle 10:00:00) counts in 10:00",
      "2026-03-01T10:00:30Z",
      60,
      "2026-03-01T10:00:00Z",
    ],
    ["a 60 s report at 10:00:31 counts in 10:00", "2026-03-01T10:00:31Z", 60, "2026-03-01T10:00:00Z"],
    [
      "an hourly report ending on the hour counts in the hour it describes",
      "2026-03-01T11:00:00Z",
      3600,
      "2026-03-01T10:00:00Z",
    ],
    [
      "a 1 s report ending on the hour counts in the hour before",
      "2026-03-01T10:00:00.000Z",
      1,
      "2026-03-01T09:00:00Z",
    ],
    [
      "a 1 s report ending 0.5 s after the hour counts in that hour",
      "2026-03-01T10:00:00.500Z",
      1,
      "2026-03-01T10:00:00Z",
    ],
    [
      "a report just after midnight counts in the last hour of the day before",
      "2026-03-02T00:00:10Z",
      60,
      "2026-03-01T23:00:00Z",
    ],
    [
      "a day-long report ending at midnight counts at noon of its day",
      "2026-03-02T00:00:00Z",
      86_400,
      "2026-03-01T12:00:00Z",
    ],
  ])("%s", (_rule, at, windowSeconds, hourStart) => {
    expect(rollupHourStart({ at: new Date(at), windowSeconds }).toISOString()).toBe(
      new Date(hourStart).toISOString(),
    );
  });

  it.each([
    ["2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"],
    ["2026-03-01T23:00:00Z", "2026-03-01T00:00:00Z"],
    ["2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z"],
    ["2026-12-31T13:00:00Z", "2026-12-31T00:00:00Z"],
  ])("the hour %s belongs to the UTC day %s", (hourStart, day) => {
    expect(rollupDay(new Date(hourStart)).toISOString()).toBe(new Date(day).toISOString());
  });
});

describe("sampleTotals", () => {
  it("sums window-weighted latency and peers in integers", () => {
    expect(sampleTotals(sample({ windowSeconds: 60, peers: 8, medianLatencyMs: 40.25 }))).toEqual({
      samples: 1,
      windowSeconds: 60,
      uptimeSeconds: 60,
      bytesUp: 100n,
      bytesDown: 200n,
      latencyMsSeconds: 2415n,
      peerSeconds: 480n,
    });
  });

  it.each([
    [10.5, 1, 11n],
    [0.1, 3, 0n],
    [MAX_ROLLUP_LATENCY_MS, 60, 216_000_000n],
    [MAX_ROLLUP_LATENCY_MS + 1, 60, 216_000_000n],
    [1e12, 86_400, BigInt(MAX_ROLLUP_LATENCY_MS) * 86_400n],
  ])(
    "latency %d ms over %i s counts as %s ms·s (capped at an hour)",
    (medianLatencyMs, windowSeconds, expected) => {
      expect(sampleTotals(sample({ medianLatencyMs, windowSeconds })).latencyMsSeconds).toBe(expected);
    },
  );
});

describe("rollupLatencyMs", () => {
  it("is the window-weighted mean of the samples' latencies, null without time", () => {
    const totals = addRollupTotals(
      sampleTotals(sample({ windowSeconds: 60, medianLatencyMs: 10 })),
      sampleTotals(sample({ windowSeconds: 180, medianLatencyMs: 50 })),
    );
    expect(rollupLatencyMs(totals)).toBe(40);
    expect(rollupLatencyMs(EMPTY_ROLLUP_TOTALS)).toBeNull();
  });
});

describe("recomputeRollups", () => {
  it("buckets a report straddling midnight by its middle and counts each node once per bucket", () => {
    const rollups = recomputeRollups([
      sample({ nodeId: "b", at: new Date("2026-03-02T00:00:20Z") }),
      sample({ nodeId: "a", at: new Date("2026-03-01T23:30:00Z") }),
      sample({ nodeId: "a", at: new Date("2026-03-02T00:01:00Z") }),
      sample({ nodeId: "a", at: new Date("2026-03-02T00:02:00Z") }),
    ]);
    expect(rollups.nodeHourly.map((row) => [row.start.toISOString(), row.nodeId, row.samples])).toEqual([
      ["2026-03-01T23:00:00.000Z", "a", 1],
      ["2026-03-01T23:00:00.000Z", "b", 1],
      ["2026-03-02T00:00:00.000Z", "a", 2],
    ]);
    expect(rollups.networkDaily.map((row) => [row.start.toISOString(), row.nodes, row.samples])).toEqual([
      ["2026-03-01T00:00:00.000Z", 2, 2],
      ["2026-03-02T00:00:00.000Z", 1, 2],
    ]);
  });

  it("is the same whatever order the samples come in", () => {
    fc.assert(
      fc.property(
        samples.chain((list) => fc.tuple(fc.constant(list), permutationOf(list))),
        ([list, reordered]) => {
          expect(recomputeRollups(reordered)).toEqual(recomputeRollups(list));
        },
      ),
      propertyRuns("rollups ignore sample order"),
    );
  });

  it("equals folding the samples in one at a time, counting a node when its row is created", () => {
    fc.assert(
      fc.property(samples, (list) => {
        expect(foldIncrementally(list)).toEqual(recomputeRollups(list));
      }),
      propertyRuns("incremental rollups equal recomputation"),
    );
  });

  it("makes network rows the sums of node rows, each node row one node, and daily rows the sums of hourly ones", () => {
    fc.assert(
      fc.property(samples, (list) => {
        const rollups = recomputeRollups(list);
        for (const [nodeRows, networkRows] of [
          [rollups.nodeHourly, rollups.networkHourly],
          [rollups.nodeDaily, rollups.networkDaily],
        ] as const) {
          expect(networkRows).toEqual([...sumByStart(nodeRows, (row) => row.start).values()]);
        }
        const dailyOfHourly = new Map<string, RollupTotals>();
        for (const row of rollups.nodeHourly) {
          const key = `${rollupDay(row.start).getTime()} ${row.nodeId}`;
          dailyOfHourly.set(
            key,
            addRollupTotals(dailyOfHourly.get(key) ?? EMPTY_ROLLUP_TOTALS, withoutNode(row)),
          );
        }
        expect(
          new Map(rollups.nodeDaily.map((row) => [`${row.start.getTime()} ${row.nodeId}`, withoutNode(row)])),
        ).toEqual(dailyOfHourly);
        expect(rollups.nodeHourly.reduce((sum, row) => sum + row.samples, 0)).toBe(list.length);
      }),
      propertyRuns("network and daily rollups are sums"),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildModelState, type LedgerDayEntry } from "@/lib/domain/network-model/build-model-state";
import { DATA_CENTRE_CLUSTER_NODES } from "@/lib/domain/network-model/node-kind";
import { permutationOf } from "@/lib/domain/voting/testing/voting-arbitraries";

const DAY_MS = 86_400_000;
const START = new Date("2026-03-31T00:00:00Z");
/** The UTC midnight `n` days before START (n = 1 is the window's newest day). */
const daysBefore = (n: number) => new Date(START.getTime() - n * DAY_MS);
const PROPERTY = { numRuns: 200, seed: 16_2 };

function entry(overrides: Partial<LedgerDayEntry> & { nodeId: string; day: Date }): LedgerDayEntry {
  return {
    operatorId: `op-${overrides.nodeId}`,
    clusterPrefix: "10.0.0.0/24",
    uptimeSeconds: 86_400,
    windowSeconds: 86_400,
    bytesUp: 1_000,
    paidBytesUp: 1_000,
    corroboratedBytesUp: 1_000,
    bytesDown: 500,
    latencyMsSeconds: 50 * 86_400,
    classification: "Contributor",
    unscaledMicro: 1_000_000,
    rewardMicro: 1_000_000,
    rating: 0.5,
    ...overrides,
  };
}

function stateOf(entries: LedgerDayEntry[], firstReportedAt = new Map<string, Date | null>()) {
  return buildModelState({ startDay: START, entries, firstReportedAt });
}

function nodeOf(entries: LedgerDayEntry[], nodeId = "a", firstReportedAt?: Map<string, Date | null>) {
  const node = stateOf(entries, firstReportedAt).nodes.find((candidate) => candidate.nodeId === nodeId);
  if (!node) throw new Error(`node ${nodeId} is not in the state`);
  return node;
}

describe("buildModelState: a node as it stood", () => {
  it.each<[string, LedgerDayEntry[], string]>([
    [
      "the most frequent prefix",
      [
        entry({ nodeId: "a", day: daysBefore(3), clusterPrefix: "x" }),
        entry({ nodeId: "a", day: daysBefore(2), clusterPrefix: "y" }),
        entry({ nodeId: "a", day: daysBefore(1), clusterPrefix: "x" }),
      ],
      "x",
    ],
    [
      "the newest prefix on a tie",
      [
        entry({ nodeId: "a", day: daysBefore(1), clusterPrefix: "y" }),
        entry({ nodeId: "a", day: daysBefore(4), clusterPrefix: "x" }),
        entry({ nodeId: "a", day: daysBefore(3), clusterPrefix: "x" }),
        entry({ nodeId: "a", day: daysBefore(2), clusterPrefix: "y" }),
      ],
      "y",
    ],
    [
      "a prefix over days without one",
      [
        entry({ nodeId: "a", day: daysBefore(3), clusterPrefix: null }),
        entry({ nodeId: "a", day: daysBefore(2), clusterPrefix: null }),
        entry({ nodeId: "a", day: daysBefore(1), clusterPrefix: "z" }),
      ],
      "z",
    ],
    [
      "the node id without any prefix",
      [entry({ nodeId: "a", day: daysBefore(1), clusterPrefix: null })],
      "a",
    ],
  ])("cluster: %s", (_, entries, cluster) => {
    expect(nodeOf(entries).cluster).toBe(cluster);
  });

  it("capacity is the most it claimed on any day, demand the mean download on its up days", () => {
    const node = nodeOf([
      entry({ nodeId: "a", day: daysBefore(3), bytesUp: 4_000, bytesDown: 100 }),
      entry({ nodeId: "a", day: daysBefore(2), bytesUp: 9_000, paidBytesUp: 1, bytesDown: 300 }),
      // Down all day yet claiming uploads: counts for capacity, not for demand.
      entry({ nodeId: "a", day: daysBefore(1), uptimeSeconds: 0, bytesUp: 12_000, bytesDown: 10_000 }),
    ]);
    expect(node.capacityBytesPerDay).toBe(12_000);
    expect(node.demandBytesPerDay).toBe(200);
  });

  it("latency is Σ latency·seconds ÷ Σ window seconds over its up days, as the epoch reads it", () => {
    const node = nodeOf([
      entry({
        nodeId: "a",
        day: daysBefore(3),
        windowSeconds: 3_600,
        uptimeSeconds: 1_800,
        latencyMsSeconds: 3_600 * 40,
      }),
      entry({
        nodeId: "a",
        day: daysBefore(2),
        windowSeconds: 7_200,
        uptimeSeconds: 7_200,
        latencyMsSeconds: 7_200 * 100,
      }),
      entry({
        nodeId: "a",
        day: daysBefore(1),
        uptimeSeconds: 0,
        windowSeconds: 3_600,
        latencyMsSeconds: 3_600 * 900,
      }),
    ]);
    expect(node.latencyMs).toBeCloseTo(80, 10);
  });

  it("latency falls back to uptime seconds without a window, and is null over no time", () => {
    const withoutWindow = nodeOf([
      entry({
        nodeId: "a",
        day: daysBefore(1),
        windowSeconds: undefined,
        uptimeSeconds: 1_000,
        latencyMsSeconds: 30_000,
      }),
    ]);
    expect(withoutWindow.latencyMs).toBe(30);
    const noTime = nodeOf([
      entry({ nodeId: "a", day: daysBefore(1), windowSeconds: 0, latencyMsSeconds: 0 }),
    ]);
    expect(noTime.latencyMs).toBeNull();
  });

  it("up share counts only the days that had an epoch; reliability is the mean uptime on its up days", () => {
    // Epochs on 4 days of the 30 (another node fills days 4 and 3); node a, older, is up on 2 of them.
    const node = nodeOf(
      [
        entry({ nodeId: "b", day: daysBefore(4) }),
        entry({ nodeId: "b", day: daysBefore(3) }),
        entry({ nodeId: "a", day: daysBefore(2), uptimeSeconds: 86_400 }),
        entry({ nodeId: "a", day: daysBefore(1), uptimeSeconds: 43_200 }),
      ],
      "a",
      new Map([["a", daysBefore(100)]]),
    );
    expect(node.upShare).toBe(0.5);
    expect(node.reliability).toBe(0.75);
  });

  it.each<[string, Date | null, number]>([
    ["from the day of its first report on", new Date(daysBefore(4).getTime() + 3_600_000), 2 / 4],
    ["from its oldest line without a first report", null, 2 / 3],
    ["over every observed day for a node older than the window", daysBefore(45), 2 / 6],
  ])("up share of a node that joined during the window: %s", (_, firstReport, upShare) => {
    // Six observed days; node a's lines start 3 days before the start, it is up on 2 of them.
    const entries = [
      ...[6, 5, 4, 3, 2, 1].map((n) => entry({ nodeId: "b", day: daysBefore(n) })),
      entry({ nodeId: "a", day: daysBefore(3) }),
      entry({ nodeId: "a", day: daysBefore(2), uptimeSeconds: 0 }),
      entry({ nodeId: "a", day: daysBefore(1) }),
    ];
    expect(nodeOf(entries, "a", new Map([["a", firstReport]])).upShare).toBeCloseTo(upShare, 12);
  });

  it.each([
    ["corroborated ÷ claimed over the window", [600, 400], [300, 100], 0.4],
    ["1 when it served nothing", [0, 0], [0, 0], 1],
  ])("confirmed share: %s", (_, claimed, corroborated, share) => {
    const node = nodeOf(
      claimed.map((bytesUp, index) =>
        entry({
          nodeId: "a",
          day: daysBefore(index + 1),
          bytesUp,
          corroboratedBytesUp: corroborated[index]!,
        }),
      ),
    );
    expect(node.confirmedShare).toBeCloseTo(share, 12);
  });

  it("takes the newest line's rating and operator, whatever the order of the lines", () => {
    const node = nodeOf([
      entry({ nodeId: "a", day: daysBefore(1), rating: 0.9, operatorId: "new-owner" }),
      entry({ nodeId: "a", day: daysBefore(5), rating: 0.1, operatorId: "old-owner" }),
      entry({ nodeId: "a", day: daysBefore(3), rating: 0.4, operatorId: "old-owner" }),
    ]);
    expect(node.rating).toBe(0.9);
    expect(node.operatorId).toBe("new-owner");
  });

  it.each<[string, Date | null, number]>([
    ["whole days from its first report", new Date(START.getTime() - 10.5 * DAY_MS), 10],
    ["0 for a report on the start day", START, 0],
    ["its oldest line in the window without a first report", null, 6],
  ])("age: %s", (_, firstReport, ageDays) => {
    const entries = [entry({ nodeId: "a", day: daysBefore(6) }), entry({ nodeId: "a", day: daysBefore(1) })];
    expect(nodeOf(entries, "a", new Map([["a", firstReport]])).ageDays).toBe(ageDays);
  });

  it("leaves out nodes never up in the window and lines outside it", () => {
    const state = stateOf([
      entry({ nodeId: "gone", day: daysBefore(2), uptimeSeconds: 0, bytesUp: 5_000 }),
      entry({ nodeId: "old", day: daysBefore(31) }),
      entry({ nodeId: "future", day: START }),
      entry({ nodeId: "edge", day: daysBefore(30), bytesUp: 7 }),
      entry({ nodeId: "edge", day: START, bytesUp: 99_999 }),
      entry({ nodeId: "edge", day: daysBefore(31), bytesUp: 99_999 }),
    ]);
    expect(state.nodes.map((node) => node.nodeId)).toEqual(["edge"]);
    expect(state.nodes[0]!.capacityBytesPerDay).toBe(7);
    expect(state.calibration.observedDays).toBe(2);
  });

  it(`a cluster of ${DATA_CENTRE_CLUSTER_NODES} nodes in the state is a data centre; nodes that left do not count`, () => {
    const inCluster = (prefix: string, count: number, gone = 0) =>
      Array.from({ length: count + gone }, (_, index) =>
        entry({
          nodeId: `${prefix}-${index}`,
          day: daysBefore(1),
          clusterPrefix: prefix,
          uptimeSeconds: index < count ? 86_400 : 0,
        }),
      );
    const state = stateOf([
      ...inCluster("big", DATA_CENTRE_CLUSTER_NODES),
      ...inCluster("small", DATA_CENTRE_CLUSTER_NODES - 1, 3),
    ]);
    const kindOf = (prefix: string) =>
      new Set(state.nodes.filter((node) => node.cluster === prefix).map((node) => node.kind));
    expect(kindOf("big")).toEqual(new Set(["dataCentre"]));
    expect(kindOf("small")).toEqual(new Set(["home"]));
  });
});

describe("buildModelState: calibration", () => {
  it("joins per day: first reports after the window's first observed day ÷ the observed days after it", () => {
    // Observed days: 5 … 1 before the start. Founders reported before or on the first of them.
    const entries = [1, 2, 3, 4, 5].map((n) => entry({ nodeId: "a", day: daysBefore(n) }));
    const firstReportedAt = new Map<string, Date | null>([
      ["a", daysBefore(100)],
      ["founder-in-window", daysBefore(20)],
      ["founder-first-day", new Date(daysBefore(5).getTime() + 3_600_000)],
      ["j1", daysBefore(4)],
      ["j2", new Date(START.getTime() - DAY_MS / 2)],
      ["j3", daysBefore(3)],
      ["before", daysBefore(31)],
      ["after", START],
      ["never", null],
    ]);
    expect(stateOf(entries, firstReportedAt).calibration.joinsPerDay).toBeCloseTo(3 / 4, 12);
    const oneDay = stateOf([entry({ nodeId: "a", day: daysBefore(1) })], firstReportedAt);
    expect(oneDay.calibration.joinsPerDay).toBe(0);
    expect(stateOf([], firstReportedAt).calibration).toEqual({
      joinsPerDay: 0,
      leavesPerDay: 0,
      observedDays: 0,
      outsideDemandBytesPerDay: 0,
    });
  });

  it("leaves per day: of the nodes up in the first 3 days, those not up in the last 3, as a daily rate", () => {
    // Ten consecutive days (10 … 1 before the start). Four nodes are up on one of the first three days;
    // "quit" is never up in the last three; "late" only appears later; "blip" is up again on the last day.
    const days = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const entries = [
      ...days.map((n) => entry({ nodeId: "stay", day: daysBefore(n) })),
      ...days.map((n) => entry({ nodeId: "late", day: daysBefore(n), uptimeSeconds: n < 6 ? 86_400 : 0 })),
      entry({ nodeId: "blip", day: daysBefore(8) }),
      entry({ nodeId: "blip", day: daysBefore(1) }),
      entry({ nodeId: "also", day: daysBefore(10) }),
      entry({ nodeId: "also", day: daysBefore(2) }),
      entry({ nodeId: "quit", day: daysBefore(9) }),
      entry({ nodeId: "quit", day: daysBefore(5) }),
      entry({ nodeId: "quit", day: daysBefore(2), uptimeSeconds: 0 }),
    ];
    const { leavesPerDay, observedDays } = stateOf(entries).calibration;
    expect(observedDays).toBe(10);
    // 1 of 4 left between the end of the first block (8 days before) and the start of the last (3 before): 5 days.
    expect(leavesPerDay).toBeCloseTo(1 - 0.75 ** (1 / 5), 12);
  });

  it("outside demand: the median day's bytes served beyond the nodes' own downloads", () => {
    // Per day Σ up − Σ down: 600 (day 4), 900 (day 3), −200 → 0 (day 2), 1,500 (day 1); lines outside the window ignored.
    const entries = [
      entry({ nodeId: "a", day: daysBefore(4), bytesUp: 700, bytesDown: 100 }),
      entry({ nodeId: "a", day: daysBefore(3), bytesUp: 1_000, bytesDown: 300 }),
      entry({ nodeId: "b", day: daysBefore(3), uptimeSeconds: 0, bytesUp: 200, bytesDown: 0 }),
      entry({ nodeId: "a", day: daysBefore(2), bytesUp: 100, bytesDown: 300 }),
      entry({ nodeId: "a", day: daysBefore(1), bytesUp: 2_000, bytesDown: 500 }),
      entry({ nodeId: "a", day: daysBefore(31), bytesUp: 9e9, bytesDown: 0 }),
      entry({ nodeId: "a", day: START, bytesUp: 9e9, bytesDown: 0 }),
    ];
    expect(stateOf(entries).calibration.outsideDemandBytesPerDay).toBe(750);
  });

  it("leaves per day is 0 with fewer than 6 observed days", () => {
    const entries = [5, 4, 3, 2, 1].flatMap((n) => [
      entry({ nodeId: "stay", day: daysBefore(n) }),
      entry({ nodeId: "quit", day: daysBefore(n), uptimeSeconds: n === 5 ? 86_400 : 0 }),
    ]);
    expect(stateOf(entries).calibration.leavesPerDay).toBe(0);
  });
});

const ledgerLine = fc
  .record({
    node: fc.integer({ min: 0, max: 11 }),
    daysBefore: fc.integer({ min: 0, max: 33 }),
    cluster: fc.option(fc.constantFrom("c1", "c2", "c3"), { nil: null }),
    up: fc.boolean(),
    uptimeSeconds: fc.integer({ min: 1, max: 86_400 }),
    bytesUp: fc.integer({ min: 0, max: 1e12 }),
    corroboratedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    bytesDown: fc.integer({ min: 0, max: 1e12 }),
    latencyMs: fc.integer({ min: 0, max: 3_600_000 }),
    rating: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((line) =>
    entry({
      nodeId: `n${line.node}`,
      day: daysBefore(line.daysBefore),
      clusterPrefix: line.cluster,
      uptimeSeconds: line.up ? line.uptimeSeconds : 0,
      windowSeconds: line.uptimeSeconds,
      bytesUp: line.bytesUp,
      corroboratedBytesUp: Math.floor(line.bytesUp * line.corroboratedShare),
      bytesDown: line.bytesDown,
      latencyMsSeconds: line.latencyMs * line.uptimeSeconds,
      rating: line.rating,
    }),
  );
/** One line per (node, day) at most, as in the ledger. */
const ledger = fc.uniqueArray(ledgerLine, {
  maxLength: 120,
  selector: (line) => `${line.nodeId} ${line.day.getTime()}`,
});

const withPermutation = ledger.chain((entries) => fc.tuple(fc.constant(entries), permutationOf(entries)));

describe("buildModelState: properties", () => {
  it("keeps exactly the nodes up in the window, each figure in its range, whatever the order of the lines", () => {
    fc.assert(
      fc.property(withPermutation, ([entries, reordered]) => {
        const state = stateOf(entries);
        const inWindow = entries.filter(
          (line) => line.day.getTime() < START.getTime() && line.day.getTime() >= daysBefore(30).getTime(),
        );
        const upIds = [
          ...new Set(inWindow.filter((line) => line.uptimeSeconds > 0).map((line) => line.nodeId)),
        ];
        expect(state.nodes.map((node) => node.nodeId)).toEqual(upIds.sort());
        expect(state.calibration.observedDays).toBe(new Set(inWindow.map((line) => line.day.getTime())).size);
        for (const node of state.nodes) {
          const own = inWindow.filter((line) => line.nodeId === node.nodeId);
          expect(node.upShare).toBeGreaterThan(0);
          expect(node.upShare).toBeLessThanOrEqual(1);
          expect(node.reliability).toBeGreaterThan(0);
          expect(node.reliability).toBeLessThanOrEqual(1);
          expect(node.confirmedShare).toBeGreaterThanOrEqual(0);
          expect(node.confirmedShare).toBeLessThanOrEqual(1);
          expect(node.capacityBytesPerDay).toBe(Math.max(...own.map((line) => line.bytesUp)));
          expect(node.latencyMs).not.toBeNull();
          expect(node.latencyMs!).toBeGreaterThanOrEqual(0);
          expect(node.latencyMs!).toBeLessThanOrEqual(3_600_000 + 1e-6);
          expect(Number.isInteger(node.ageDays) && node.ageDays >= 0).toBe(true);
          expect(
            own.some((line) => line.clusterPrefix === node.cluster) || node.cluster === node.nodeId,
          ).toBe(true);
          const sameCluster = state.nodes.filter((other) => other.cluster === node.cluster).length;
          expect(node.kind).toBe(sameCluster >= DATA_CENTRE_CLUSTER_NODES ? "dataCentre" : "home");
        }
        expect(state.calibration.leavesPerDay).toBeGreaterThanOrEqual(0);
        expect(state.calibration.leavesPerDay).toBeLessThanOrEqual(1);
        expect(state.calibration.outsideDemandBytesPerDay).toBeGreaterThanOrEqual(0);
        expect(stateOf(reordered)).toEqual(state);
      }),
      PROPERTY,
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { giniCoefficient } from "@/lib/domain/metrics/inequality";
import type {
  DayMetrics,
  ModelNode,
  ModelNodeKind,
  ModelState,
} from "@/lib/domain/network-model/model-types";
import { simulateNetwork } from "@/lib/domain/network-model/simulate-network";
import {
  dayMetrics,
  medianOf,
  observedDayMetrics,
  payoutScaleOf,
  type LedgerDayEntry,
} from "@/lib/domain/network-model/observed-metrics";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  computeEpoch,
  creditsFromMicro,
  epochRewardParams,
  type EpochNodeInput,
} from "@/lib/domain/rewards/compute-epoch";
import { permutationOf } from "@/lib/domain/voting/testing/voting-arbitraries";

const DAY = new Date("2026-03-10T00:00:00Z");
const PROPERTY = { numRuns: 300, seed: 16_4 };
const GUARD = 0.8;

function line(nodeId: string, overrides: Partial<LedgerDayEntry> = {}): LedgerDayEntry {
  return {
    day: DAY,
    nodeId,
    operatorId: `op-${nodeId}`,
    clusterPrefix: `prefix-${nodeId}`,
    uptimeSeconds: 86_400,
    windowSeconds: 86_400,
    bytesUp: 0,
    paidBytesUp: 0,
    corroboratedBytesUp: 0,
    bytesDown: 0,
    latencyMsSeconds: 0,
    classification: "Contributor",
    unscaledMicro: 0,
    rewardMicro: 0,
    rating: 0,
    ...overrides,
  };
}

describe("medianOf", () => {
  it.each([
    [[], 0],
    [[4], 4],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5, 5, 1, 100], 5],
  ])("of %j is %d", (values, median) => {
    expect(medianOf(values)).toBe(median);
  });
});

describe("payoutScaleOf", () => {
  it.each([
    [{ paidMicro: 0, unscaledMicro: 0 }, 1],
    [{ paidMicro: 500, unscaledMicro: 500 }, 1],
    [{ paidMicro: 250, unscaledMicro: 1_000 }, 0.25],
  ])("%j → %d", (day, scale) => {
    expect(payoutScaleOf(day)).toBe(scale);
  });
});

describe("observedDayMetrics", () => {
  // Ten nodes up: "dc0"–"dc4" share one data-centre prefix; "h0"–"h4" are home nodes; "down" was not up.
  const entries: LedgerDayEntry[] = [
    ...[0, 1, 2, 3, 4].map((index) =>
      line(`dc${index}`, {
        clusterPrefix: "dc-prefix",
        paidBytesUp: 100,
        rewardMicro: (index + 1) * 1_000_000,
        unscaledMicro: (index + 1) * 2_000_000,
        rating: 0.9,
      }),
    ),
    line("h0", { paidBytesUp: 400, rewardMicro: 500_000, unscaledMicro: 1_000_000, rating: 0.8 }),
    line("h1", { paidBytesUp: 50, rewardMicro: 2_500_000, unscaledMicro: 5_000_000, rating: 0.2 }),
    line("h2", { classification: "FreeRider", rating: 0.1 }),
    line("h3", { classification: "FreeRiderInGrace", rating: 0 }),
    line("h4", { clusterPrefix: null, paidBytesUp: 50, rating: 0.5 }),
    line("down", {
      uptimeSeconds: 0,
      paidBytesUp: 10_000,
      classification: "FreeRider",
      rewardMicro: 7_000_000,
      unscaledMicro: 14_000_000,
      rating: 1,
    }),
  ];
  const kinds = new Map<string, ModelNodeKind>(
    entries.map((entry) => [entry.nodeId, entry.nodeId.startsWith("dc") ? "dataCentre" : "home"]),
  );

  it("measures a day of the ledger by the DayMetrics definitions", () => {
    const metrics = observedDayMetrics({ entries, guardMinRating: GUARD, kinds });
    // Served by the ten up nodes: 5 × 100 + 400 + 50 + 0 + 0 + 50 = 1,000; the top 10 % is h0.
    expect(metrics).toEqual({
      top10Share: 0.4,
      largestClusterShare: 0.5,
      giniServed: expect.closeTo(giniCoefficient([100, 100, 100, 100, 100, 400, 50, 0, 0, 50]), 12),
      freeRiderShare: 0.1,
      emissionCredits: 15 + 0.5 + 2.5 + 7,
      payoutScale: 25 / 50,
      meanRating: expect.closeTo((5 * 0.9 + 0.8 + 0.2 + 0.1 + 0 + 0.5) / 10, 12),
      guardEligible: 6,
      homeNodeEarnings: 0,
      dataCentreNodeEarnings: 3,
      nodesOnline: 10,
    } satisfies Record<keyof DayMetrics, unknown>);
  });

  it("takes the epoch's own payout scale when given", () => {
    expect(observedDayMetrics({ entries, guardMinRating: GUARD, kinds, scale: 0.51 }).payoutScale).toBe(0.51);
  });

  it("a node missing from kinds counts as home", () => {
    const metrics = observedDayMetrics({
      entries: [line("x", { rewardMicro: 4_000_000 }), line("y", { rewardMicro: 6_000_000 })],
      guardMinRating: GUARD,
      kinds: new Map([["y", "dataCentre"]]),
    });
    expect([metrics.homeNodeEarnings, metrics.dataCentreNodeEarnings]).toEqual([4, 6]);
  });

  it("a day nobody served or was up: shares and earnings 0, scale 1", () => {
    expect(observedDayMetrics({ entries: [], guardMinRating: GUARD, kinds: new Map() })).toEqual({
      top10Share: 0,
      largestClusterShare: 0,
      giniServed: 0,
      freeRiderShare: 0,
      emissionCredits: 0,
      payoutScale: 1,
      meanRating: 0,
      guardEligible: 0,
      homeNodeEarnings: 0,
      dataCentreNodeEarnings: 0,
      nodesOnline: 0,
    });
    const idle = observedDayMetrics({
      entries: [line("a", { rating: 0.9 }), line("b", { rating: 0.7 })],
      guardMinRating: GUARD,
      kinds: new Map(),
    });
    expect([
      idle.top10Share,
      idle.largestClusterShare,
      idle.giniServed,
      idle.nodesOnline,
      idle.guardEligible,
    ]).toEqual([0, 0, 0, 2, 1]);
  });

  it("agrees with the epoch that wrote the ledger: credits paid, payout scale, free-riders", () => {
    const params = { ...epochRewardParams(defaultParameterValues()), epochEmissionCap: 20 };
    const inputs: EpochNodeInput[] = Array.from({ length: 40 }, (_, index) => ({
      nodeId: `n${String(index).padStart(2, "0")}`,
      operatorId: `op${index % 7}`,
      firstReportedAt: new Date(DAY.getTime() - (index % 10) * 86_400_000),
      previousRating: (index % 11) / 10,
      usage:
        index % 9 === 8
          ? null
          : {
              uptimeSeconds: index % 5 === 0 ? 40_000 : 86_400,
              windowSeconds: 86_400,
              bytesUp: BigInt(index * 137_000_000),
              corroboratedBytesUp: BigInt(index * 60_000_000),
              bytesDown: BigInt((40 - index) * 300_000_000),
              latencyMsSeconds: BigInt(86_400 * (20 + index)),
            },
    }));
    const epoch = computeEpoch({ day: DAY, params, nodes: inputs });
    const usage = new Map(inputs.map((input) => [input.nodeId, input.usage]));
    const ledgerLines: LedgerDayEntry[] = epoch.nodes.map((node) => ({
      day: DAY,
      nodeId: node.nodeId,
      operatorId: node.operatorId,
      clusterPrefix: `c${Number(node.nodeId.slice(1)) % 4}`,
      uptimeSeconds: usage.get(node.nodeId)?.uptimeSeconds ?? 0,
      windowSeconds: 86_400,
      bytesUp: Number(node.bytesUp),
      paidBytesUp: Number(node.paidBytesUp),
      corroboratedBytesUp: Number(node.corroboratedBytesUp),
      bytesDown: Number(usage.get(node.nodeId)?.bytesDown ?? 0n),
      latencyMsSeconds: 0,
      classification: node.classification,
      unscaledMicro: Number(node.unscaledMicro),
      rewardMicro: Number(node.rewardMicro),
      rating: node.rating,
    }));
    const metrics = observedDayMetrics({ entries: ledgerLines, guardMinRating: GUARD, kinds: new Map() });
    expect(epoch.scale).toBeLessThan(1);
    expect(metrics.emissionCredits).toBeCloseTo(creditsFromMicro(epoch.paidMicro), 9);
    expect(metrics.emissionCredits).toBeLessThanOrEqual(params.epochEmissionCap);
    // Floor rounding of each payout keeps the ledger's ratio just below the epoch's own scale.
    expect(metrics.payoutScale).toBeLessThanOrEqual(epoch.scale);
    expect(metrics.payoutScale).toBeGreaterThan(epoch.scale - 1e-4);
    const up = ledgerLines.filter((entry) => entry.uptimeSeconds > 0).length;
    expect(metrics.nodesOnline).toBe(up);
    expect(epoch.freeRiders).toBeGreaterThan(0);
    expect(metrics.freeRiderShare).toBeCloseTo(epoch.freeRiders / up, 12);
  });
});

const entriesArbitrary = fc.uniqueArray(
  fc.record({
    nodeId: fc.string({ unit: fc.constantFrom(..."abcdefgh"), minLength: 1, maxLength: 3 }),
    clusterPrefix: fc.option(fc.constantFrom("p1", "p2", "p3"), { nil: null }),
    uptimeSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 86_400 })),
    paidBytesUp: fc.integer({ min: 0, max: 1e12 }),
    classification: fc.constantFrom("Contributor", "FreeRider", "FreeRiderInGrace", "Silent" as const),
    rewardMicro: fc.integer({ min: 0, max: 1e10 }),
    unscaledMicro: fc.integer({ min: 0, max: 1e10 }),
    rating: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  { maxLength: 40, selector: (entry) => entry.nodeId },
);
const dayOf = (arbitrary: typeof entriesArbitrary) =>
  arbitrary.map((rows) => rows.map((row) => line(row.nodeId, row)));

describe("observedDayMetrics: properties", () => {
  it("shares stay in 0–1, counts within the nodes up, and the top 10 % and largest cluster hold at least the biggest server", () => {
    fc.assert(
      fc.property(dayOf(entriesArbitrary), fc.double({ min: 0, max: 1, noNaN: true }), (entries, guard) => {
        const kinds = new Map(
          entries.map((entry, index) => [entry.nodeId, index % 2 === 0 ? "home" : "dataCentre"] as const),
        );
        const metrics = observedDayMetrics({ entries, guardMinRating: guard, kinds });
        const up = entries.filter((entry) => entry.uptimeSeconds > 0);
        const served = up.reduce((sum, entry) => sum + entry.paidBytesUp, 0);
        const biggest = Math.max(0, ...up.map((entry) => entry.paidBytesUp));
        for (const share of [
          metrics.top10Share,
          metrics.largestClusterShare,
          metrics.giniServed,
          metrics.freeRiderShare,
        ]) {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(metrics.payoutScale).toBeGreaterThan(0);
        expect(metrics.payoutScale).toBeLessThanOrEqual(1);
        expect(metrics.nodesOnline).toBe(up.length);
        expect(metrics.guardEligible).toBe(up.filter((entry) => entry.rating >= guard).length);
        if (served > 0) {
          expect(metrics.top10Share).toBeGreaterThanOrEqual(biggest / served - 1e-12);
          expect(metrics.largestClusterShare).toBeGreaterThanOrEqual(biggest / served - 1e-12);
        }
        const credits = up.map((entry) => entry.rewardMicro / 1e6);
        for (const earnings of [metrics.homeNodeEarnings, metrics.dataCentreNodeEarnings]) {
          expect(earnings).toBeGreaterThanOrEqual(0);
          expect(earnings).toBeLessThanOrEqual(Math.max(0, ...credits));
        }
      }),
      PROPERTY,
    );
  });

  it("ignores the order of the lines and the figures of nodes that were not up (except the credits they were paid)", () => {
    const withOrder = dayOf(entriesArbitrary).chain((entries) =>
      fc.tuple(fc.constant(entries), permutationOf(entries)),
    );
    fc.assert(
      fc.property(withOrder, fc.integer({ min: 0, max: 1e12 }), ([entries, reordered], bytes) => {
        const kinds = new Map<string, ModelNodeKind>();
        const metrics = observedDayMetrics({ entries, guardMinRating: GUARD, kinds });
        expect(observedDayMetrics({ entries: reordered, guardMinRating: GUARD, kinds })).toEqual(metrics);
        const withDown = [
          ...entries,
          line("zz-down", { uptimeSeconds: 0, paidBytesUp: bytes, rating: 1, classification: "FreeRider" }),
        ];
        expect(observedDayMetrics({ entries: withDown, guardMinRating: GUARD, kinds })).toEqual(metrics);
      }),
      PROPERTY,
    );
  });
});

describe("dayMetrics", () => {
  it("reads typed columns as the ledger's lines read plain ones", () => {
    const columns = {
      up: Uint8Array.from([1, 1, 0, 1]),
      servedBytes: Float64Array.from([300, 100, 9_999, 600]),
      cluster: Int32Array.from([0, 1, 1, 1]),
      dataCentre: Uint8Array.from([0, 1, 1, 1]),
      freeRider: Uint8Array.from([0, 0, 1, 1]),
      credits: Float64Array.from([3, 1, 50, 2]),
      rating: Float64Array.from([0.85, 0.2, 1, 0.8]),
    };
    const fromColumns = dayMetrics({
      outcomes: columns,
      emissionCredits: 56,
      payoutScale: 0.5,
      guardMinRating: GUARD,
    });
    const fromLedger = observedDayMetrics({
      entries: [
        line("a", {
          clusterPrefix: "zero",
          paidBytesUp: 300,
          rewardMicro: 3e6,
          rating: 0.85,
          unscaledMicro: 6e6,
        }),
        line("b", {
          clusterPrefix: "one",
          paidBytesUp: 100,
          rewardMicro: 1e6,
          rating: 0.2,
          unscaledMicro: 2e6,
        }),
        line("c", {
          clusterPrefix: "one",
          uptimeSeconds: 0,
          paidBytesUp: 9_999,
          rewardMicro: 50e6,
          unscaledMicro: 100e6,
          rating: 1,
          classification: "FreeRider",
        }),
        line("d", {
          clusterPrefix: "one",
          paidBytesUp: 600,
          rewardMicro: 2e6,
          rating: 0.8,
          classification: "FreeRider",
          unscaledMicro: 4e6,
        }),
      ],
      guardMinRating: GUARD,
      kinds: new Map([
        ["b", "dataCentre"],
        ["c", "dataCentre"],
        ["d", "dataCentre"],
      ]),
    });
    expect(fromColumns).toEqual(fromLedger);
    expect(fromColumns.largestClusterShare).toBe(0.7);
    expect(fromColumns.dataCentreNodeEarnings).toBe(1.5);
    expect(fromColumns.freeRiderShare).toBeCloseTo(1 / 3, 12);
  });
});

describe("a simulated day and the ledger's day on the same figures", () => {
  // Every node is up (up share 1) and only "srv" can serve, with room for everything, and nobody explores:
  // the simulation's day 1 is then fixed, and computeEpoch can pay the very same day.
  const DAY_MS = 86_400_000;
  const profile = (
    nodeId: string,
    cluster: string,
    {
      demand,
      reliability = 1,
      rating = 0.3,
      ageDays = 40,
    }: { demand: number; reliability?: number; rating?: number; ageDays?: number },
  ): ModelNode => ({
    nodeId,
    operatorId: `op-${nodeId}`,
    cluster,
    kind: "home",
    capacityBytesPerDay: 0,
    demandBytesPerDay: demand,
    latencyMs: 100,
    upShare: 1,
    reliability,
    confirmedShare: 1,
    rating,
    ageDays,
  });
  const profiles: ModelNode[] = [
    { ...profile("srv", "dc", { demand: 2e9, rating: 0.9 }), capacityBytesPerDay: 1e15, latencyMs: 20 },
    profile("dc1", "dc", { demand: 1e9, rating: 0.85 }),
    profile("dc2", "dc", { demand: 1e9, reliability: 0.5 }),
    profile("dc3", "dc", { demand: 2e9, ageDays: 3 }),
    profile("dc4", "dc", { demand: 0, rating: 0.8 }),
    profile("h1", "home-1", { demand: 2e9, ageDays: 1 }),
    profile("h2", "home-2", { demand: 4e9, rating: 0.1 }),
    profile("h3", "home-3", { demand: 0, reliability: 0.5, rating: 0.6 }),
  ];
  const kinds = new Map(
    profiles.map((node) => [node.nodeId, node.cluster === "dc" ? "dataCentre" : "home"] as const),
  );
  const state: ModelState = {
    startDay: DAY,
    nodes: profiles.map((node) => ({ ...node, kind: kinds.get(node.nodeId)! })),
    calibration: { joinsPerDay: 0, leavesPerDay: 0, observedDays: 30 },
  };
  const params = {
    ...defaultParameterValues(),
    "selection.explorationRate": 0,
    "reward.epochEmissionCap": 9,
  };
  const rewardParams = epochRewardParams(params);
  const guardMinRating = params["roles.guardMinRating"];

  /** What each node downloads on day 1: free-riders past grace are already slowed down. */
  const downloaded = (node: ModelNode) => {
    const pastGrace = node.ageDays >= params["freeRider.graceDays"];
    const freeRiding = node.capacityBytesPerDay < params["freeRider.minShareRatio"] * node.demandBytesPerDay;
    return pastGrace && freeRiding
      ? node.demandBytesPerDay * params["freeRider.throttleFactor"]
      : node.demandBytesPerDay;
  };

  it("give the same DayMetrics", () => {
    const [simulated] = simulateNetwork({ state, params, days: 1, seed: 5 }).days;
    const totalDemand = state.nodes.reduce((sum, node) => sum + downloaded(node), 0);
    const epoch = computeEpoch({
      day: DAY,
      params: rewardParams,
      nodes: state.nodes.map((node) => ({
        nodeId: node.nodeId,
        operatorId: node.operatorId,
        firstReportedAt: new Date(DAY.getTime() - node.ageDays * DAY_MS),
        previousRating: node.rating,
        usage: {
          uptimeSeconds: node.reliability * 86_400,
          windowSeconds: 86_400,
          bytesUp: node.nodeId === "srv" ? BigInt(totalDemand) : 0n,
          corroboratedBytesUp: node.nodeId === "srv" ? BigInt(totalDemand) : 0n,
          bytesDown: BigInt(downloaded(node)),
          latencyMsSeconds: BigInt(node.latencyMs! * 86_400),
        },
      })),
    });
    const ledgerLines: LedgerDayEntry[] = epoch.nodes.map((result) => {
      const node = state.nodes.find((candidate) => candidate.nodeId === result.nodeId)!;
      return {
        day: DAY,
        nodeId: result.nodeId,
        operatorId: result.operatorId,
        clusterPrefix: node.cluster,
        uptimeSeconds: node.reliability * 86_400,
        windowSeconds: 86_400,
        bytesUp: Number(result.bytesUp),
        paidBytesUp: Number(result.paidBytesUp),
        corroboratedBytesUp: Number(result.corroboratedBytesUp),
        bytesDown: downloaded(node),
        latencyMsSeconds: node.latencyMs! * 86_400,
        classification: result.classification,
        unscaledMicro: Number(result.unscaledMicro),
        rewardMicro: Number(result.rewardMicro),
        rating: result.rating,
      };
    });
    const observed = observedDayMetrics({ entries: ledgerLines, guardMinRating, kinds });
    // The day is interesting: the cap binds, someone free-rides, someone is in grace, two kinds earn.
    expect(epoch.scale).toBeLessThan(1);
    expect(epoch.freeRiders).toBeGreaterThan(0);
    expect(epoch.freeRidersInGrace).toBeGreaterThan(0);
    expect(observed.guardEligible).toBeGreaterThan(0);
    expect(observed.dataCentreNodeEarnings).toBeGreaterThan(0);
    expect(observed.homeNodeEarnings).toBeGreaterThan(0);
    for (const metric of Object.keys(observed) as (keyof DayMetrics)[]) {
      expect(simulated![metric], metric).toBeCloseTo(observed[metric], 9);
    }
  });
});

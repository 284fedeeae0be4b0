import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backtestModel,
  backtestPlan,
  compareMetrics,
  type BacktestResult,
} from "@/lib/domain/network-model/backtest-model";
import {
  MODEL_METRIC_IDS,
  type DayMetrics,
  type ModelNode,
  type ModelState,
  type SimulationInput,
  type SimulationRun,
} from "@/lib/domain/network-model/model-types";
import { simulateNetwork } from "@/lib/domain/network-model/simulate-network";
import { defaultParameterValues, type ParameterValues } from "@/lib/domain/parameters/catalogue";

const PROPERTY = { numRuns: 300, seed: 16_3 };
const PARAMS = defaultParameterValues();

/** Every metric at `value`, with some set apart. */
function metrics(value: number, overrides: Partial<DayMetrics> = {}): DayMetrics {
  return {
    ...(Object.fromEntries(MODEL_METRIC_IDS.map((metric) => [metric, value])) as DayMetrics),
    ...overrides,
  };
}

const EMPTY_STATE: ModelState = {
  startDay: new Date("2026-03-01T00:00:00Z"),
  nodes: [],
  calibration: { joinsPerDay: 0, leavesPerDay: 0, observedDays: 0 },
};

/** A stand-in simulation whose run `seed` reports `days` copies of the figures `ofSeed(seed, day)`, recording every call. */
function fakeSimulation(ofSeed: (seed: number, day: number) => DayMetrics) {
  const calls: SimulationInput[] = [];
  const simulate = (input: SimulationInput): SimulationRun => {
    calls.push(input);
    return {
      days: Array.from({ length: input.days }, (_, day) => ofSeed(input.seed, day)),
      earningsByNode: new Map(),
      capCredits: 0,
    };
  };
  return { calls, simulate };
}

describe("backtestPlan", () => {
  it.each([
    [0, null],
    [13, null],
    [14, { stateDays: 7, compareDays: 7 }],
    [20, { stateDays: 7, compareDays: 13 }],
    [30, { stateDays: 7, compareDays: 23 }],
    [37, { stateDays: 7, compareDays: 30 }],
    [45, { stateDays: 15, compareDays: 30 }],
    [60, { stateDays: 30, compareDays: 30 }],
    [400, { stateDays: 30, compareDays: 30 }],
  ])("%d days available → %j", (availableDays, plan) => {
    expect(backtestPlan({ availableDays })).toEqual(plan);
  });

  it("never uses more days than there are; compares 7–30 days after a state of 7–30 days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 14, max: 10_000 }), (availableDays) => {
        const plan = backtestPlan({ availableDays })!;
        expect(plan.stateDays + plan.compareDays).toBeLessThanOrEqual(availableDays);
        expect(plan.compareDays).toBeGreaterThanOrEqual(7);
        expect(plan.compareDays).toBeLessThanOrEqual(30);
        expect(plan.stateDays).toBeGreaterThanOrEqual(7);
        expect(plan.stateDays).toBeLessThanOrEqual(30);
        // The comparison gets the days first: the state only grows past 7 once 30 days are compared.
        if (plan.stateDays > 7) expect(plan.compareDays).toBe(30);
      }),
      PROPERTY,
    );
  });
});

describe("compareMetrics", () => {
  it("mean absolute error and its percentage of the mean actual figure, per metric", () => {
    const simulated = [
      metrics(1, { nodesOnline: 90, payoutScale: 1 }),
      metrics(1, { nodesOnline: 130, payoutScale: 1 }),
    ];
    const actual = [
      metrics(1, { nodesOnline: 100, payoutScale: 0 }),
      metrics(1, { nodesOnline: 100, payoutScale: 0 }),
    ];
    const { perMetric, errorPercent } = compareMetrics({ simulated, actual });
    expect(perMetric.nodesOnline).toEqual({ meanAbsError: 20, meanAbsPercentError: 20 });
    expect(perMetric.payoutScale).toEqual({ meanAbsError: 1, meanAbsPercentError: null });
    expect(perMetric.giniServed).toEqual({ meanAbsError: 0, meanAbsPercentError: 0 });
    // 10 metrics have a percentage: 9 at 0 % and nodesOnline at 20 %.
    expect(errorPercent).toBeCloseTo(2, 12);
  });

  it("errors are absolute: an over- and an under-estimate do not cancel", () => {
    const { perMetric } = compareMetrics({
      simulated: [metrics(0.5), metrics(0.1)],
      actual: [metrics(0.3), metrics(0.3)],
    });
    expect(perMetric.top10Share.meanAbsError).toBeCloseTo(0.2, 12);
    expect(perMetric.top10Share.meanAbsPercentError).toBeCloseTo(200 / 3, 9);
  });

  it("no percentage at all when every actual figure is 0, and none over no days", () => {
    expect(compareMetrics({ simulated: [metrics(3)], actual: [metrics(0)] }).errorPercent).toBeNull();
    const none = compareMetrics({ simulated: [], actual: [] });
    expect(none.errorPercent).toBeNull();
    expect(none.perMetric.nodesOnline).toEqual({ meanAbsError: 0, meanAbsPercentError: null });
  });

  it("refuses series of different lengths", () => {
    expect(() => compareMetrics({ simulated: [metrics(1)], actual: [] })).toThrow(RangeError);
  });

  it("is 0 for a perfect model and grows with every miss (property)", () => {
    const day = fc.record(
      Object.fromEntries(
        MODEL_METRIC_IDS.map((metric) => [metric, fc.double({ min: 0, max: 1e6, noNaN: true })]),
      ) as {
        [K in keyof DayMetrics]: fc.Arbitrary<number>;
      },
    );
    fc.assert(
      fc.property(
        fc.array(day, { minLength: 1, maxLength: 10 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (actual, miss) => {
          const exact = compareMetrics({ simulated: actual, actual });
          for (const metric of MODEL_METRIC_IDS) expect(exact.perMetric[metric].meanAbsError).toBe(0);
          const off = compareMetrics({
            simulated: actual.map((d) =>
              metrics(
                0,
                mapValues(d, (v) => v + miss),
              ),
            ),
            actual,
          });
          for (const metric of MODEL_METRIC_IDS) {
            expect(off.perMetric[metric].meanAbsError).toBeCloseTo(miss, 6);
            const percent = off.perMetric[metric].meanAbsPercentError;
            if (percent !== null) expect(percent).toBeGreaterThan(0);
          }
        },
      ),
      PROPERTY,
    );
  });
});

function mapValues(day: DayMetrics, map: (value: number) => number): DayMetrics {
  return Object.fromEntries(MODEL_METRIC_IDS.map((metric) => [metric, map(day[metric])])) as DayMetrics;
}

describe("backtestModel (with a stand-in simulation)", () => {
  it("runs seeds seed … seed + runs − 1 for as many days as actually happened, under the rules in force", () => {
    const { calls, simulate } = fakeSimulation(() => metrics(1));
    const paramsByDay: ParameterValues[] = [PARAMS, { ...PARAMS, "reward.perGbUploaded": 2 }, PARAMS];
    backtestModel({
      start: EMPTY_STATE,
      params: PARAMS,
      paramsByDay,
      actual: [metrics(1), metrics(1), metrics(1)],
      runs: 4,
      seed: 70,
      simulate,
    });
    expect(calls.map((call) => call.seed)).toEqual([70, 71, 72, 73]);
    for (const call of calls) {
      expect(call.days).toBe(3);
      expect(call.state).toBe(EMPTY_STATE);
      expect(call.params).toBe(PARAMS);
      expect(call.paramsByDay).toBe(paramsByDay);
    }
  });

  it("compares the median run of each day with what happened", () => {
    // Runs 0, 1, 2 report nodesOnline 90, 100, 140 + 10 × day: the median is run 1's figure.
    const { simulate } = fakeSimulation((seed, day) =>
      metrics(0.5, {
        nodesOnline: [90, 100, 140][seed]! + 10 * day,
        emissionCredits: seed === 2 ? 1_000 : 0,
      }),
    );
    const actual = [
      metrics(0.5, { nodesOnline: 110, emissionCredits: 0 }),
      metrics(0.25, { nodesOnline: 110, emissionCredits: 0 }),
    ];
    const result: BacktestResult = backtestModel({
      start: EMPTY_STATE,
      params: PARAMS,
      actual,
      runs: 3,
      seed: 0,
      simulate,
    });
    expect(result.days).toBe(2);
    expect(result.runs).toBe(3);
    expect(result.simulated.map((day) => day.nodesOnline)).toEqual([100, 110]);
    expect(result.perMetric.nodesOnline).toEqual({ meanAbsError: 5, meanAbsPercentError: (5 / 110) * 100 });
    // The median ignores the one run that paid 1,000 credits; every actual figure is 0, so no percentage.
    expect(result.perMetric.emissionCredits).toEqual({ meanAbsError: 0, meanAbsPercentError: null });
    // The other nine metrics: simulated 0.5 both days against 0.5 then 0.25 → MAE 0.125 on a mean of 0.375.
    expect(result.perMetric.meanRating.meanAbsPercentError).toBeCloseTo(100 / 3, 9);
    expect(result.errorPercent).toBeCloseTo((9 * (100 / 3) + (5 / 110) * 100) / 10, 9);
    expect(result.actual).toEqual(actual);
  });

  it("takes the mean of the two middle runs for an even number of runs", () => {
    const { simulate } = fakeSimulation((seed) => metrics(seed * 10));
    const result = backtestModel({
      start: EMPTY_STATE,
      params: PARAMS,
      actual: [metrics(15)],
      runs: 4,
      seed: 0,
      simulate,
    });
    expect(result.simulated[0]!.giniServed).toBe(15);
    expect(result.errorPercent).toBe(0);
  });

  it("refuses fewer than one run", () => {
    expect(() => backtestModel({ start: EMPTY_STATE, params: PARAMS, actual: [], runs: 0, seed: 0 })).toThrow(
      RangeError,
    );
  });
});

/** A small network: a data centre of 6 nodes and 14 home nodes, some free-riding. */
function smallNetwork(): ModelState {
  const nodes: ModelNode[] = Array.from({ length: 20 }, (_, index) => {
    const dataCentre = index < 6;
    return {
      nodeId: `n${String(index).padStart(2, "0")}`,
      operatorId: dataCentre ? "op-dc" : `op-${index}`,
      cluster: dataCentre ? "dc" : `home-${index}`,
      kind: dataCentre ? "dataCentre" : "home",
      capacityBytesPerDay: dataCentre ? 40e9 : index % 4 === 0 ? 0 : 4e9,
      demandBytesPerDay: dataCentre ? 1e9 : 3e9,
      latencyMs: dataCentre ? 20 : 80,
      upShare: dataCentre ? 1 : 0.9,
      reliability: dataCentre ? 1 : 0.9,
      confirmedShare: 0.8,
      rating: dataCentre ? 0.8 : 0.5,
      ageDays: 40,
    };
  });
  return {
    startDay: new Date("2026-03-01T00:00:00Z"),
    nodes,
    calibration: { joinsPerDay: 0.2, leavesPerDay: 0.005, observedDays: 30 },
  };
}

describe("backtestModel (with the network model)", () => {
  const state = smallNetwork();

  it("is deterministic for a seed", () => {
    const actual = simulateNetwork({ state, params: PARAMS, days: 10, seed: 999 }).days;
    const once = backtestModel({ start: state, params: PARAMS, actual, runs: 5, seed: 1 });
    const again = backtestModel({ start: state, params: PARAMS, actual, runs: 5, seed: 1 });
    expect(again).toEqual(once);
    expect(once.days).toBe(10);
  });

  it("a history the model itself produced is matched closely; a different network is not", () => {
    const actual = simulateNetwork({ state, params: PARAMS, days: 20, seed: 12_345 }).days;
    const own = backtestModel({ start: state, params: PARAMS, actual, runs: 21, seed: 1 });
    expect(own.errorPercent).not.toBeNull();
    // The median of 21 runs against one run of the same model: only one run's noise separates them.
    expect(own.errorPercent!).toBeLessThan(25);
    // The same history backtested from a network where every node serves a tenth of it is far off.
    const shrunk: ModelState = {
      ...state,
      nodes: state.nodes.map((node) => ({
        ...node,
        capacityBytesPerDay: node.capacityBytesPerDay / 10,
        demandBytesPerDay: node.demandBytesPerDay / 10,
      })),
    };
    const wrong = backtestModel({
      start: shrunk,
      params: { ...PARAMS, "reward.uptimeBonusPerDay": 0 },
      actual,
      runs: 21,
      seed: 1,
    });
    expect(wrong.perMetric.emissionCredits.meanAbsPercentError!).toBeGreaterThan(
      own.perMetric.emissionCredits.meanAbsPercentError! + 20,
    );
  });
});

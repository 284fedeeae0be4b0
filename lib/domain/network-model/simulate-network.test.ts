import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultParameterValues, type ParameterValues } from "@/lib/domain/parameters/catalogue";
import type { ModelNode, ModelState } from "@/lib/domain/network-model/model-types";
import { runNetworkSimulation, simulateNetwork } from "@/lib/domain/network-model/simulate-network";
import { syntheticModelState } from "@/lib/domain/network-model/simulate-network-synthetic-state";

const PARAMS = defaultParameterValues();
const GB = 1e9;
const FC = { seed: 20_261_207 };
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const withParams = (changes: Partial<ParameterValues>): ParameterValues => ({ ...PARAMS, ...changes });
/** No joins and no ordinary leaves: only the rules move the network. */
const STILL = { joinsPerDay: 0, leavesPerDay: 0, observedDays: 30 };

function node(index: number, overrides: Partial<ModelNode> = {}): ModelNode {
  return {
    nodeId: `node-${index}`,
    operatorId: `operator-${index}`,
    cluster: `cluster-${index}`,
    kind: "home",
    capacityBytesPerDay: 50 * GB,
    demandBytesPerDay: GB,
    latencyMs: 50,
    upShare: 1,
    reliability: 1,
    confirmedShare: 1,
    rating: 0.5,
    ageDays: 100,
    ...overrides,
  };
}

const stateOf = (nodes: ModelNode[], calibration = STILL): ModelState => ({
  startDay: new Date(Date.UTC(2026, 0, 1)),
  nodes,
  calibration,
});

describe("simulateNetwork", () => {
  const state = syntheticModelState({ nodes: 120, seed: 5 });

  it("gives the same result for the same seed, and another for another seed", () => {
    const first = simulateNetwork({ state, params: PARAMS, days: 10, seed: 9 });
    const again = simulateNetwork({ state, params: PARAMS, days: 10, seed: 9 });
    expect(again).toEqual(first);
    expect(first.days).toHaveLength(10);
    expect(first.earningsByNode.size).toBe(state.nodes.length);
    expect(first.choices).toBeGreaterThan(0);
    expect(simulateNetwork({ state, params: PARAMS, days: 10, seed: 10 }).days).not.toEqual(first.days);
  });

  it("never pays more than the emission cap on any day, and reports the payout scale (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 100 }),
        (nodes, seed, cap, perGb, bonus) => {
          const params = withParams({
            "reward.epochEmissionCap": cap,
            "reward.perGbUploaded": perGb / 100,
            "reward.uptimeBonusPerDay": bonus,
          });
          const run = simulateNetwork({ state: syntheticModelState({ nodes, seed }), params, days: 6, seed });
          expect(run.capCredits).toBe(cap);
          for (const day of run.days) {
            expect(day.emissionCredits).toBeLessThanOrEqual(cap + 1e-9);
            expect(day.payoutScale).toBeGreaterThanOrEqual(0);
            expect(day.payoutScale).toBeLessThanOrEqual(1);
          }
        },
      ),
      { ...FC, numRuns: 60 },
    );
  });

  it("keeps every rating within [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (seed, learningRate, decay, explorationRate) => {
          const params = withParams({
            "selection.ratingLearningRate": learningRate,
            "selection.ratingDecayPerEpoch": decay,
            "selection.explorationRate": explorationRate,
          });
          runNetworkSimulation(
            { state: syntheticModelState({ nodes: 40, seed }), params, days: 8, seed },
            (_, nodes) => {
              for (let slot = 0; slot < nodes.count; slot += 1) {
                expect(nodes.rating[slot]).toBeGreaterThanOrEqual(0);
                expect(nodes.rating[slot]).toBeLessThanOrEqual(1);
              }
            },
          );
        },
      ),
      { ...FC, numRuns: 60 },
    );
  });

  it("with exploration 0, never sends a rating-0 node traffic while others are rated", () => {
    const nodes = [node(0, { rating: 0.9 }), node(1, { rating: 0.3 }), node(2, { rating: 0 })];
    const params = withParams({ "selection.explorationRate": 0, "reward.uptimeBonusPerDay": 0 });
    const run = simulateNetwork({ state: stateOf(nodes), params, days: 30, seed: 4 });
    expect(run.earningsByNode.get("node-2")).toBe(0);
    expect(run.earningsByNode.get("node-0")).toBeGreaterThan(run.earningsByNode.get("node-1")!);
    // With some exploration the same node is found and paid.
    const explored = simulateNetwork({
      state: stateOf(nodes),
      params: { ...params, "selection.explorationRate": 0.2 },
      days: 30,
      seed: 4,
    });
    expect(explored.earningsByNode.get("node-2")).toBeGreaterThan(0);
  });

  it("never raises the top 10 %'s share of traffic in expectation with more exploration (property over 20 seeds, tolerance +0.01)", () => {
    const network = syntheticModelState({ nodes: 150, seed: 3 });
    const expectedTop10 = (explorationRate: number) =>
      mean(
        Array.from({ length: 20 }, (_, seed) =>
          mean(
            simulateNetwork({
              state: network,
              params: withParams({ "selection.explorationRate": explorationRate }),
              days: 30,
              seed,
            }).days.map((day) => day.top10Share),
          ),
        ),
      );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (a, b) => {
        const [lower, higher] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
        expect(expectedTop10(higher)).toBeLessThanOrEqual(expectedTop10(lower) + 0.01);
      }),
      { ...FC, numRuns: 6 },
    );
  }, 120_000);

  it("lowers the free-rider share when free-riders are slowed down harder (20 seeds)", () => {
    const network = syntheticModelState({ nodes: 150, seed: 3 });
    const freeRiderShare = (throttleFactor: number) =>
      mean(
        Array.from(
          { length: 20 },
          (_, seed) =>
            simulateNetwork({
              state: network,
              params: withParams({ "freeRider.throttleFactor": throttleFactor }),
              days: 30,
              seed,
            }).days.at(-1)!.freeRiderShare,
        ),
      );
    const harsh = freeRiderShare(0.1);
    const mild = freeRiderShare(0.9);
    expect(harsh).toBeLessThan(mild - 0.05);
  }, 60_000);

  it("moves a node whose score stays constant to that score: rating − score shrinks by (1 − learning rate) a day", () => {
    // Alone, always up, serving all its own demand: contribution 1 every day, so its score is constant.
    const alone = node(0, { latencyMs: 100, reliability: 0.5, rating: 0.1 });
    const score = 0.4 * 0.5 + 0.3 * 0.5 + 0.3 * 1;
    const days = 200;
    const ratings: number[] = [];
    runNetworkSimulation({ state: stateOf([alone]), params: PARAMS, days, seed: 1 }, (_, nodes) =>
      ratings.push(nodes.rating[0]!),
    );
    ratings.forEach((rating, day) =>
      expect(rating).toBeCloseTo(score + (0.1 - score) * 0.95 ** (day + 1), 12),
    );
    expect(ratings.at(-1)).toBeCloseTo(score, 4);
  });

  it("applies paramsByDay day by day", () => {
    const byDay = [PARAMS, withParams({ "reward.epochEmissionCap": 1 }), PARAMS];
    const run = simulateNetwork({ state, params: PARAMS, paramsByDay: byDay, days: 3, seed: 2 });
    expect(run.days[1]!.emissionCredits).toBeLessThanOrEqual(1);
    expect(run.days[1]!.payoutScale).toBeLessThan(1);
    expect(run.days[0]!.emissionCredits).toBeGreaterThan(1);
    expect(run.days[2]!.emissionCredits).toBeGreaterThan(1);
  });

  it("pays start nodes exactly the day's emission when nobody joins", () => {
    const still = { ...state, calibration: STILL };
    const run = simulateNetwork({ state: still, params: PARAMS, days: 10, seed: 8 });
    const earned = [...run.earningsByNode.values()].reduce((sum, credits) => sum + credits, 0);
    expect(earned).toBeCloseTo(
      run.days.reduce((sum, day) => sum + day.emissionCredits, 0),
      6,
    );
  });

  it("grows the network at the calibrated join rate once enough days were observed", () => {
    const nodes = Array.from({ length: 20 }, (_, index) => node(index));
    const grown = simulateNetwork({
      state: stateOf(nodes, { joinsPerDay: 5, leavesPerDay: 0, observedDays: 30 }),
      params: PARAMS,
      days: 20,
      seed: 3,
    });
    // About 5 × 19 joiners by day 20 (Poisson: standard deviation ≈ 10).
    expect(grown.days.at(-1)!.nodesOnline).toBeGreaterThan(80);
    // Too few observed days: the default (0.5 a day) applies instead.
    const thin = simulateNetwork({
      state: stateOf(nodes, { joinsPerDay: 5, leavesPerDay: 0, observedDays: 3 }),
      params: PARAMS,
      days: 20,
      seed: 3,
    });
    expect(thin.days.at(-1)!.nodesOnline).toBeLessThan(50);
  });

  it("handles an empty network and zero days", () => {
    const empty = simulateNetwork({ state: stateOf([]), params: PARAMS, days: 3, seed: 1 });
    expect(empty.days.map((day) => day.nodesOnline)).toEqual([0, 0, 0]);
    expect(simulateNetwork({ state, params: PARAMS, days: 0, seed: 1 }).days).toEqual([]);
    expect(() => simulateNetwork({ state, params: PARAMS, days: 1.5, seed: 1 })).toThrow(RangeError);
  });
});

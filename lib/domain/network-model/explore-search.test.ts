import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dominates,
  isEligible,
  NEAR_MISS_PARENTS,
  paretoFront,
  refinementParents,
  spreadAlongFront,
} from "@/lib/domain/network-model/explore-front";
import { EXPLORE_GOALS, MIN_IMPROVEMENT } from "@/lib/domain/network-model/explore-goals";
import { createExplorer, type ExplorerOptions } from "@/lib/domain/network-model/explore-search";
import type {
  DayMetrics,
  ModelState,
  SimulationInput,
  SimulationRun,
} from "@/lib/domain/network-model/model-types";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { validateParameterValues } from "@/lib/domain/parameters/validate";
import { createRandom } from "@/lib/domain/random";

const DEFAULTS = defaultParameterValues();
const STATE: ModelState = {
  startDay: new Date("2026-11-01T00:00:00.000Z"),
  nodes: [],
  calibration: { joinsPerDay: 0, leavesPerDay: 0, observedDays: 30 },
};

/**
 * A toy network model with known levers, to test the search itself (the real model has its own tests):
 * exploration spreads traffic, pay per GB drives the payout toward the daily limit, a seeded wobble is noise.
 */
function toyModel({ params, days, seed }: SimulationInput): SimulationRun {
  const random = createRandom(seed);
  const exploration = params["selection.explorationRate"];
  const contribution = params["selection.weightContribution"];
  const cap = params["reward.epochEmissionCap"];
  const rows: DayMetrics[] = [];
  for (let day = 0; day < days; day += 1) {
    const wobble = (random.nextFloat() - 0.5) * 0.01;
    const unscaled = 42_000 * params["reward.perGbUploaded"] + 2_000 * params["reward.uptimeBonusPerDay"];
    const demand = unscaled * (1 + (random.nextFloat() - 0.5) * 0.2);
    const emission = Math.min(cap, demand);
    rows.push({
      top10Share: 0.5 - 0.5 * exploration + 0.2 * contribution + wobble,
      largestClusterShare: 0.35 - 0.4 * exploration + 0.1 * contribution + wobble,
      giniServed: 0.5,
      freeRiderShare: 0.1 * params["freeRider.throttleFactor"] + wobble,
      emissionCredits: emission,
      payoutScale: emission / demand,
      meanRating: 0.5,
      guardEligible: 10 + 20 * params["selection.ratingLearningRate"],
      homeNodeEarnings: 5 + wobble,
      dataCentreNodeEarnings: 20,
      nodesOnline: 300 - 100 * (0.5 - params["freeRider.throttleFactor"]) ** 2,
    });
  }
  return { days: rows, earningsByNode: new Map(), capCredits: cap };
}

function explore(overrides: Partial<ExplorerOptions> = {}) {
  let simulations = 0;
  const explorer = createExplorer({
    goal: "less-concentration",
    state: STATE,
    currentParams: DEFAULTS,
    seed: 11,
    evaluations: 60,
    searchRuns: 4,
    finalRuns: 10,
    days: 10,
    simulate: (input) => {
      simulations += 1;
      return toyModel(input);
    },
    ...overrides,
  });
  const steps: number[] = [];
  for (let guard = 0; guard < 10_000; guard += 1) {
    const before = simulations;
    const progress = explorer.step(3);
    steps.push(simulations - before);
    if (progress.phase === "done") break;
  }
  return { explorer, result: explorer.result(), steps, simulations };
}

describe("the Pareto front", () => {
  const point = fc.record({
    improvement: fc.double({ min: -1, max: 1, noNaN: true }),
    size: fc.double({ min: 0, max: 10, noNaN: true }),
    violation: fc.constantFrom(0, 0, 0, 0.1),
  });

  it("holds only eligible points no other eligible point dominates, and every eligible point is on it or dominated", () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), (points) => {
        const front = paretoFront(points);
        for (const member of front) {
          expect(isEligible(member)).toBe(true);
          expect(points.some((other) => isEligible(other) && dominates(other, member))).toBe(false);
        }
        for (const candidate of points.filter(isEligible)) {
          const covered = front.some(
            (member) =>
              dominates(member, candidate) ||
              (member.size === candidate.size && member.improvement === candidate.improvement),
          );
          expect(covered).toBe(true);
        }
        for (let i = 1; i < front.length; i += 1)
          expect(front[i]!.size).toBeGreaterThanOrEqual(front[i - 1]!.size);
      }),
    );
  });

  it("never offers a candidate that breaks the goal's rule or improves less than 1 %", () => {
    const front = paretoFront([
      { improvement: 0.5, size: 1, violation: 0.2 },
      { improvement: MIN_IMPROVEMENT / 2, size: 1, violation: 0 },
      { improvement: 0.2, size: 2, violation: 0 },
    ]);
    expect(front).toEqual([{ improvement: 0.2, size: 2, violation: 0 }]);
  });

  it("refines from the front and from the near misses that break the conditions least for what they gain", () => {
    const front = { improvement: 0.05, size: 1, violation: 0 };
    const cheapMiss = { improvement: 0.4, size: 2, violation: 0.02 };
    const dearMiss = { improvement: 0.05, size: 1, violation: 0.04 };
    const hopeless = { improvement: 0.9, size: 2, violation: 0.9 };
    const noGain = { improvement: 0, size: 1, violation: 0.001 };
    const parents = refinementParents([dearMiss, hopeless, noGain, front, cheapMiss]);
    expect(parents).toEqual([front, cheapMiss, dearMiss, hopeless].slice(0, 1 + NEAR_MISS_PARENTS));
  });

  it("spreads picks along the front, keeping both ends", () => {
    expect(spreadAlongFront([1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([1, 3, 5, 7, 9]);
    expect(spreadAlongFront([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(spreadAlongFront([1, 2, 3], 1)).toEqual([3]);
  });
});

describe("createExplorer", () => {
  it("finds valid candidates on the front that lower concentration within the payout limit", () => {
    const { result } = explore();
    expect(result.isFinal).toBe(true);
    expect(result.evaluated).toBe(60);
    expect(result.candidates.length).toBeGreaterThan(0);
    expect(result.candidates.length).toBeLessThanOrEqual(5);
    for (const candidate of result.candidates) {
      const values = { ...DEFAULTS, ...Object.fromEntries(candidate.changes.map((c) => [c.key, c.to])) };
      expect(validateParameterValues(values).ok).toBe(true);
      expect(candidate.proposed.runs).toBe(10);
      expect(candidate.current.runs).toBe(10);
      expect(candidate.improvement).toBeGreaterThanOrEqual(MIN_IMPROVEMENT);
      expect(candidate.proposed.bindingDaysShare).toBeLessThanOrEqual(candidate.current.bindingDaysShare);
    }
    const points = result.candidates.map((c) => ({
      improvement: c.improvement,
      size: c.changeSize,
      violation: 0,
    }));
    for (const a of points) for (const b of points) expect(dominates(a, b)).toBe(false);
    const best = result.candidates.at(-1)!;
    const { current, proposed } = best;
    expect(proposed.metrics.largestClusterShare.median).toBeLessThan(
      current.metrics.largestClusterShare.median,
    );
    expect(proposed.metrics.top10Share.median).toBeLessThan(current.metrics.top10Share.median);
    expect(best.changes.map((change) => change.key)).toContain("selection.explorationRate");
  });

  it("gives the same result for the same seed and another for another seed", () => {
    const first = explore().result;
    expect(explore().result).toEqual(first);
    expect(explore({ seed: 12 }).result).not.toEqual(first);
  });

  it("does no more simulated runs per step than asked, and the final check with the full runs", () => {
    const { steps, simulations } = explore();
    expect(Math.max(...steps)).toBeLessThanOrEqual(3);
    // The current rules and each finalist: 10 runs each; 60 parameter sets × 4 runs in the search.
    expect(simulations).toBeLessThanOrEqual(4 + 60 * 4 + 6 * (10 - 4));
  });

  it("stops the search early when asked and still checks what it found", () => {
    const explorer = createExplorer({
      goal: "less-concentration",
      state: STATE,
      currentParams: DEFAULTS,
      seed: 5,
      evaluations: 500,
      searchRuns: 2,
      finalRuns: 4,
      days: 5,
      simulate: toyModel,
    });
    let progress = explorer.step(2 + 30 * 2);
    expect(progress).toMatchObject({ phase: "search", evaluated: 30, planned: 500 });
    expect(explorer.result().isFinal).toBe(false);
    explorer.stopSearch();
    progress = explorer.progress();
    expect(progress.phase).toBe("final");
    expect(progress.finalRunsDone).toBe(0);
    while (progress.phase !== "done") progress = explorer.step(1);
    expect(progress.finalRunsDone).toBe(progress.finalRunsPlanned);
    const result = explorer.result();
    expect(result).toMatchObject({ isFinal: true, evaluated: 30, planned: 500 });
    for (const candidate of result.candidates) expect(candidate.proposed.runs).toBe(4);
  });

  it("leaves each goal's fixed rules alone", () => {
    const { result } = explore({ goal: "more-guard-nodes", evaluations: 40 });
    expect(result.candidates.length).toBeGreaterThan(0);
    for (const candidate of result.candidates) {
      expect(candidate.changes.map((change) => change.key)).not.toContain("roles.guardMinRating");
      expect(candidate.proposed.metrics.guardEligible.median).toBeGreaterThan(
        candidate.current.metrics.guardEligible.median,
      );
    }
    expect(EXPLORE_GOALS["more-guard-nodes"].fixedKeys).toEqual(["roles.guardMinRating"]);
  });

  it("offers nothing when no change improves the goal", () => {
    const flat = (input: SimulationInput) => toyModel({ ...input, params: DEFAULTS });
    const { result } = explore({ simulate: flat, evaluations: 20 });
    expect(result).toMatchObject({ isFinal: true, evaluated: 20, candidates: [] });
  });
});

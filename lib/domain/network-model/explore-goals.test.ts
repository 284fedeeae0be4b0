import { describe, expect, it } from "vitest";
import {
  EXPLORE_GOAL_IDS,
  EXPLORE_GOALS,
  goalImprovement,
  goalViolation,
  outcomeMedians,
  runOutcome,
  type OutcomeMedians,
} from "@/lib/domain/network-model/explore-goals";
import { createExplorer } from "@/lib/domain/network-model/explore-search";
import { MODEL_METRIC_IDS, type DayMetrics } from "@/lib/domain/network-model/model-types";
import { syntheticModelState } from "@/lib/domain/network-model/simulate-network-synthetic-state";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { validateParameterValues } from "@/lib/domain/parameters/validate";

const day = (figures: Partial<DayMetrics>): DayMetrics =>
  ({ ...Object.fromEntries(MODEL_METRIC_IDS.map((id) => [id, 0])), ...figures }) as DayMetrics;
const medians = (figures: Partial<DayMetrics>, bindingDaysShare = 0): OutcomeMedians => ({
  metrics: day(figures),
  bindingDaysShare,
});

describe("goals", () => {
  it("score the relative change of their figures in the right direction", () => {
    const concentration = EXPLORE_GOALS["less-concentration"];
    const before = medians({ largestClusterShare: 0.4, top10Share: 0.5, nodesOnline: 100 });
    const after = medians({ largestClusterShare: 0.3, top10Share: 0.5, nodesOnline: 100 });
    expect(goalImprovement(concentration, before, after)).toBeCloseTo(0.125, 10);
    expect(goalImprovement(concentration, after, before)).toBeCloseTo(-(0.1 / 0.3 / 2), 10);
    const guards = EXPLORE_GOALS["more-guard-nodes"];
    // From no guards at all, each new guard counts against a floor of one node.
    expect(goalImprovement(guards, medians({ guardEligible: 0 }), medians({ guardEligible: 3 }))).toBe(3);
  });

  it("hold their conditions: the payout limit, the nodes online, the total paid", () => {
    const concentration = EXPLORE_GOALS["less-concentration"];
    const base = medians({ nodesOnline: 100, emissionCredits: 1_000 }, 0.2);
    expect(goalViolation(concentration, base, medians({ nodesOnline: 100 }, 0.2))).toBe(0);
    expect(goalViolation(concentration, base, medians({ nodesOnline: 100 }, 0.3))).toBeCloseTo(0.1, 10);
    expect(goalViolation(concentration, base, medians({ nodesOnline: 99 }, 0.2))).toBe(0);
    expect(goalViolation(concentration, base, medians({ nodesOnline: 98 }, 0.2))).toBeCloseTo(0.01, 10);
    const home = EXPLORE_GOALS["home-nodes-earn-more"];
    expect(goalViolation(home, base, medians({ nodesOnline: 100, emissionCredits: 1_010 }))).toBe(0);
    // As a share of the figure now: 10 credits over the 1 % allowance on 1,000.
    const overPaid = goalViolation(home, base, medians({ nodesOnline: 100, emissionCredits: 1_020 }));
    expect(overPaid).toBeCloseTo(0.01, 10);
  });

  it("read a run's last day and the share of its days the payout limit bound", () => {
    const run = {
      days: [day({ payoutScale: 1 }), day({ payoutScale: 0.8 }), day({ payoutScale: 1, top10Share: 0.4 })],
      earningsByNode: new Map(),
      capCredits: 1,
    };
    const outcome = runOutcome(run);
    expect(outcome.lastDay.top10Share).toBe(0.4);
    expect(outcome.bindingDaysShare).toBeCloseTo(1 / 3, 10);
    expect(
      outcomeMedians([outcome, { ...outcome, bindingDaysShare: 1 }, outcome]).bindingDaysShare,
    ).toBeCloseTo(1 / 3, 10);
  });

  it("say what they keep in plain words and never let the search redefine them", () => {
    expect(EXPLORE_GOALS["fewer-free-riders"].fixedKeys).toContain("freeRider.minShareRatio");
    expect(EXPLORE_GOALS["more-guard-nodes"].fixedKeys).toContain("roles.guardMinRating");
    for (const id of EXPLORE_GOAL_IDS) {
      const goal = EXPLORE_GOALS[id];
      expect(goal.constraints.length).toBeGreaterThan(0);
      for (const constraint of goal.constraints) expect(constraint.sentence).toMatch(/^[A-Z].*\.$/);
      expect(goal.headlineMetrics[0]).toBe(goal.objectives[0]!.metric);
    }
  });
});

describe("Explore on the network model", () => {
  // A network where 30 % of the nodes sit in data-centre clusters with high ratings: rating-weighted
  // selection sends them most of the traffic, so spreading it is possible.
  const state = syntheticModelState({ nodes: 200, seed: 1, dataCentreShare: 0.3 });
  const current = defaultParameterValues();

  it.each(["less-concentration", "more-guard-nodes"] as const)(
    "finds valid candidates for %s whose best improves the goal's figures over the current rules",
    (goal) => {
      const explorer = createExplorer({
        goal,
        state,
        currentParams: current,
        seed: 3,
        evaluations: 30,
        searchRuns: 4,
        finalRuns: 8,
      });
      while (explorer.step(8).phase !== "done");
      const { candidates, isFinal } = explorer.result();
      expect(isFinal).toBe(true);
      expect(candidates.length).toBeGreaterThan(0);
      for (const candidate of candidates) {
        const values = { ...current, ...Object.fromEntries(candidate.changes.map((c) => [c.key, c.to])) };
        expect(validateParameterValues(values).ok).toBe(true);
      }
      const best = candidates.at(-1)!;
      for (const { metric, direction } of EXPLORE_GOALS[goal].objectives) {
        const before = best.current.metrics[metric].median;
        const after = best.proposed.metrics[metric].median;
        if (direction === "lower") expect(after).toBeLessThan(before);
        else expect(after).toBeGreaterThan(before);
      }
      expect(best.proposed.metrics.nodesOnline.median).toBeGreaterThanOrEqual(
        best.current.metrics.nodesOnline.median * 0.99,
      );
    },
    120_000,
  );
});

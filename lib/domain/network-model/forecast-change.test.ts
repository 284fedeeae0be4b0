import { describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { forecastChange } from "@/lib/domain/network-model/forecast-change";
import { MODEL_METRIC_IDS } from "@/lib/domain/network-model/model-types";
import { simulateNetwork } from "@/lib/domain/network-model/simulate-network";
import { syntheticModelState } from "@/lib/domain/network-model/simulate-network-synthetic-state";

const PARAMS = defaultParameterValues();
const state = syntheticModelState({ nodes: 80, seed: 12 });

describe("forecastChange", () => {
  it("gives identical current and proposed forecasts for identical rules (common random numbers)", () => {
    const forecast = forecastChange({
      state,
      currentParams: PARAMS,
      proposedParams: { ...PARAMS },
      runs: 8,
      days: 6,
      seed: 40,
    });
    expect(forecast.runs).toBe(8);
    expect(forecast.days).toBe(6);
    for (const id of MODEL_METRIC_IDS) {
      expect(forecast.metrics[id].current).toHaveLength(6);
      expect(forecast.metrics[id].proposed).toEqual(forecast.metrics[id].current);
    }
    for (const group of forecast.groups) expect(group.proposed).toBe(group.current);
    for (const node of forecast.nodeEarnings) expect(node.proposed).toBe(node.current);
    expect(forecast.groups.map((group) => group.group)).toEqual([
      "medianNode",
      "top10",
      "home",
      "dataCentre",
    ]);
    expect(forecast.nodeEarnings).toHaveLength(state.nodes.length);
    expect(forecast.capCredits).toEqual({ current: 50_000, proposed: 50_000 });
  });

  it("builds its bands from runs seeded seed + i, and is deterministic for a seed", () => {
    const forecast = forecastChange({
      state,
      currentParams: PARAMS,
      proposedParams: PARAMS,
      runs: 3,
      days: 4,
      seed: 7,
    });
    const runs = [7, 8, 9].map((seed) => simulateNetwork({ state, params: PARAMS, days: 4, seed }));
    const online = runs.map((run) => run.days[3]!.nodesOnline).sort((a, b) => a - b);
    expect(forecast.metrics.nodesOnline.current[3]!.median).toBe(online[1]);
    expect(
      forecastChange({ state, currentParams: PARAMS, proposedParams: PARAMS, runs: 3, days: 4, seed: 7 }),
    ).toEqual(forecast);
  });

  it("shows a smaller emission cap binding and everyone earning less under it", () => {
    const proposed = { ...PARAMS, "reward.epochEmissionCap": 20 };
    const forecast = forecastChange({
      state,
      currentParams: PARAMS,
      proposedParams: proposed,
      runs: 6,
      days: 5,
      seed: 1,
    });
    expect(forecast.capCredits).toEqual({ current: 50_000, proposed: 20 });
    for (const band of forecast.metrics.emissionCredits.proposed) expect(band.p90).toBeLessThanOrEqual(20);
    for (const band of forecast.metrics.payoutScale.proposed) expect(band.median).toBeLessThan(1);
    const top = forecast.groups.find((group) => group.group === "top10")!;
    expect(top.proposed).toBeLessThan(top.current);
  });

  it("ranks the top 10 % by credits under the current rules, at least one node", () => {
    const forecast = forecastChange({
      state,
      currentParams: PARAMS,
      proposedParams: PARAMS,
      runs: 4,
      days: 5,
      seed: 3,
    });
    const sorted = forecast.nodeEarnings.map((node) => node.current).sort((a, b) => b - a);
    const top = forecast.groups.find((group) => group.group === "top10")!;
    // 8 of 80 nodes: the median of the top eight is the mean of the 4th and 5th.
    expect(top.current).toBeCloseTo((sorted[3]! + sorted[4]!) / 2, 9);
    expect(() =>
      forecastChange({ state, currentParams: PARAMS, proposedParams: PARAMS, runs: 0, seed: 1 }),
    ).toThrow(RangeError);
  });
});

import { topGroupSize } from "@/lib/domain/metrics/inequality";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { bandsOf, quantileOfSorted } from "@/lib/domain/network-model/bands";
import {
  MODEL_METRIC_IDS,
  type ChangeForecast,
  type GroupEarnings,
  type ModelMetricId,
  type ModelState,
} from "@/lib/domain/network-model/model-types";
import { TOP_PERCENT } from "@/lib/domain/network-model/observed-metrics";
import { simulateNetwork, type NetworkSimulationRun } from "@/lib/domain/network-model/simulate-network";

type Samples = Record<ModelMetricId, number[][]>;

const emptySamples = (): Samples =>
  Object.fromEntries(MODEL_METRIC_IDS.map((id) => [id, [] as number[][]])) as unknown as Samples;

function collect(samples: Samples, run: NetworkSimulationRun): void {
  for (const id of MODEL_METRIC_IDS) samples[id].push(run.days.map((day) => day[id]));
}

/** Median of `values[from..to)` taken `stride` apart (one node's credits across runs). */
function medianAcross(
  values: Float64Array,
  offset: number,
  stride: number,
  runs: number,
  scratch: Float64Array,
): number {
  for (let run = 0; run < runs; run += 1) scratch[run] = values[run * stride + offset]!;
  return quantileOfSorted(scratch.subarray(0, runs).sort(), 0.5);
}

const medianOfList = (values: readonly number[]) =>
  values.length === 0 ? 0 : quantileOfSorted(Float64Array.from(values).sort(), 0.5);

/**
 * Current rules vs proposed over `days` simulated days and `runs` seeded runs (docs/network-model.md): run i
 * of both uses seed + i (common random numbers) and the current run's daily costs, so the difference
 * between the two is the rules' and not the dice's. Each metric as p10/median/p90 bands per day; who
 * gains and who loses as the median 30-day credits of fixed groups of start nodes (the top 10 % ranked by
 * their credits under the current rules).
 */
export function forecastChange(input: ForecastInput): ChangeForecast {
  return forecastChangeCounted(input).forecast;
}

export interface ForecastInput {
  state: ModelState;
  currentParams: ParameterValues;
  proposedParams: ParameterValues;
  runs?: number;
  days?: number;
  seed: number;
}

/** forecastChange, also counting the peer choices its simulations made (for the impact-sim benchmark's baseline). */
export function forecastChangeCounted({
  state,
  currentParams,
  proposedParams,
  runs = 50,
  days = 30,
  seed,
}: ForecastInput): { forecast: ChangeForecast; choices: number } {
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a whole number ≥ 1, got ${runs}`);
  const nodes = state.nodes;
  const current = emptySamples();
  const proposed = emptySamples();
  const currentEarned = new Float64Array(runs * nodes.length);
  const proposedEarned = new Float64Array(runs * nodes.length);
  let choices = 0;
  let capCredits = {
    current: currentParams["reward.epochEmissionCap"],
    proposed: proposedParams["reward.epochEmissionCap"],
  };
  for (let run = 0; run < runs; run += 1) {
    const currentRun = simulateNetwork({ state, params: currentParams, days, seed: seed + run });
    const proposedRun = simulateNetwork({
      state,
      params: proposedParams,
      days,
      seed: seed + run,
      costPerDay: currentRun.costPerDay,
    });
    choices += currentRun.choices + proposedRun.choices;
    collect(current, currentRun);
    collect(proposed, proposedRun);
    nodes.forEach((node, slot) => {
      currentEarned[run * nodes.length + slot] = currentRun.earningsByNode.get(node.nodeId)!;
      proposedEarned[run * nodes.length + slot] = proposedRun.earningsByNode.get(node.nodeId)!;
    });
    capCredits = { current: currentRun.capCredits, proposed: proposedRun.capCredits };
  }

  const scratch = new Float64Array(runs);
  const nodeEarnings = nodes.map((node, slot) => ({
    nodeId: node.nodeId,
    operatorId: node.operatorId,
    current: medianAcross(currentEarned, slot, nodes.length, runs, scratch),
    proposed: medianAcross(proposedEarned, slot, nodes.length, runs, scratch),
  }));
  const top = [...nodeEarnings.keys()]
    .sort((a, b) => nodeEarnings[b]!.current - nodeEarnings[a]!.current || a - b)
    .slice(0, nodes.length === 0 ? 0 : topGroupSize({ nodes: nodes.length, topPercent: TOP_PERCENT }));
  const group = (name: GroupEarnings["group"], members: readonly number[]): GroupEarnings => ({
    group: name,
    current: medianOfList(members.map((slot) => nodeEarnings[slot]!.current)),
    proposed: medianOfList(members.map((slot) => nodeEarnings[slot]!.proposed)),
  });
  const slotsOfKind = (kind: string) => [...nodes.keys()].filter((slot) => nodes[slot]!.kind === kind);

  const forecast: ChangeForecast = {
    runs,
    days,
    metrics: Object.fromEntries(
      MODEL_METRIC_IDS.map((id) => [id, { current: bandsOf(current[id]), proposed: bandsOf(proposed[id]) }]),
    ) as ChangeForecast["metrics"],
    groups: [
      group("medianNode", [...nodes.keys()]),
      group("top10", top),
      group("home", slotsOfKind("home")),
      group("dataCentre", slotsOfKind("dataCentre")),
    ],
    nodeEarnings,
    capCredits,
  };
  return { forecast, choices };
}

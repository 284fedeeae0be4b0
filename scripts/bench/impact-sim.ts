/**
 * impact-sim: a proposal's forecast (forecastChange: 50 seeded runs × 30 simulated days of the current and
 * of the proposed rules, so 100 simulations) for a made-up network of 300 nodes and of 10,000 nodes
 * (syntheticModelState: home and data-centre nodes), against a bare loop making the same number of
 * weighted random peer choices (an alias table over the start nodes' rating × capacity, one seeded
 * uniform number per choice, nothing else). Goals (issue #16): ≤ 2 s and ≤ 30 s on 2 cores.
 */
import { performance } from "node:perf_hooks";
import { defaultParameterValues } from "../../lib/domain/parameters/catalogue";
import { createRandom } from "../../lib/domain/random";
import { forecastChangeCounted } from "../../lib/domain/network-model/forecast-change";
import { AliasTable } from "../../lib/domain/network-model/simulate-network-sampling";
import { syntheticModelState } from "../../lib/domain/network-model/simulate-network-synthetic-state";
import type { ModelState } from "../../lib/domain/network-model/model-types";
import { median, round, type BenchFields } from "./report";

const RUNS = Number(process.env.PLENUM_BENCH_IMPACT_RUNS ?? 50);
const DAYS = 30;
const SEED = 20_261_207;
const SIZES = [
  { nodes: 300, goalMs: 2_000, repetitions: Number(process.env.PLENUM_BENCH_REPETITIONS ?? 5) },
  {
    nodes: 10_000,
    goalMs: 30_000,
    repetitions: Number(process.env.PLENUM_BENCH_IMPACT_LARGE_REPETITIONS ?? 3),
  },
] as const;

const CURRENT = defaultParameterValues();
/** The proposal being forecast: twice the exploration share (any change would do; this one moves traffic). */
const PROPOSED = { ...CURRENT, "selection.explorationRate": 0.2 };

/** The baseline: `choices` weighted random choices among the start nodes, summed so the loop is not optimised away. */
function bareChoices(state: ModelState, choices: number): number {
  const weights = Float64Array.from(state.nodes, (node) => node.rating * node.capacityBytesPerDay);
  const table = new AliasTable();
  table.build(
    Int32Array.from(state.nodes, (_, index) => index),
    state.nodes.length,
    weights,
  );
  const random = createRandom(SEED);
  let checksum = 0;
  for (let choice = 0; choice < choices; choice += 1) checksum += table.draw(random.nextFloat());
  return checksum;
}

/** Wall and CPU time of `work` (CPU time is less sensitive to other processes on a shared machine). */
function timed<T>(work: () => T): { ms: number; cpuMs: number; result: T } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

const forecastOf = (state: ModelState, runs: number) =>
  forecastChangeCounted({
    state,
    currentParams: CURRENT,
    proposedParams: PROPOSED,
    runs,
    days: DAYS,
    seed: SEED,
  });

export default async function impactSim(): Promise<BenchFields> {
  const metrics: Record<string, number> = {};
  const baseline: Record<string, number> = {};
  const params: Record<string, number | string> = {
    runs: RUNS,
    days: DAYS,
    simulationsPerForecast: 2 * RUNS,
  };
  const runs: Record<string, number>[] = [];
  let ratio = 0;
  for (const { nodes, goalMs, repetitions } of SIZES) {
    const state = syntheticModelState({ nodes, seed: SEED });
    // Warm-up (JIT): a short forecast of the same network and a short bare loop, not counted.
    forecastOf(state, 2);
    bareChoices(state, 1_000_000);
    const productMs: number[] = [];
    const productCpuMs: number[] = [];
    const baselineMs: number[] = [];
    const baselineCpuMs: number[] = [];
    let choices = 0;
    for (let repetition = 1; repetition <= repetitions; repetition += 1) {
      const product = timed(() => forecastOf(state, RUNS));
      if (product.result.forecast.metrics.nodesOnline.current.length !== DAYS)
        throw new Error("the forecast lacks days");
      choices = product.result.choices;
      const bare = timed(() => bareChoices(state, choices));
      productMs.push(product.ms);
      productCpuMs.push(product.cpuMs);
      baselineMs.push(bare.ms);
      baselineCpuMs.push(bare.cpuMs);
      runs.push({
        nodes,
        productMs: round(product.ms),
        productCpuMs: round(product.cpuMs),
        baselineMs: round(bare.ms),
        baselineCpuMs: round(bare.cpuMs),
      });
      console.log(
        `  ${nodes} nodes, run ${repetition}/${repetitions}: forecast ${Math.round(product.ms)} ms (CPU ${Math.round(product.cpuMs)} ms), ${choices} bare choices ${Math.round(bare.ms)} ms (CPU ${Math.round(bare.cpuMs)} ms)`,
      );
    }
    const product = median(productMs);
    const bare = median(baselineMs);
    metrics[`forecastMs${nodes}`] = round(product);
    metrics[`simulationMs${nodes}`] = round(product / (2 * RUNS), 2);
    metrics[`forecastCpuMs${nodes}`] = round(median(productCpuMs));
    metrics[`withinGoal${nodes}`] = product <= goalMs ? 1 : 0;
    baseline[`forecastMs${nodes}`] = round(bare);
    baseline[`forecastCpuMs${nodes}`] = round(median(baselineCpuMs));
    params[`goalMs${nodes}`] = goalMs;
    params[`choices${nodes}`] = choices;
    params[`repetitions${nodes}`] = repetitions;
    // The headline ratio is the large network's (the metric named first is forecastMs10000).
    ratio = round(bare / product, 3);
  }
  const ordered = Object.fromEntries(
    Object.entries(metrics).sort(([a], [b]) => Number(b.includes("10000")) - Number(a.includes("10000"))),
  );
  return {
    name: "impact-sim",
    database: "sqlite",
    params,
    metrics: ordered,
    baseline: {
      what: "a bare loop making the same number of weighted random peer choices (alias table over the start nodes' rating × capacity, one seeded uniform number each), no bookkeeping",
      ...baseline,
    },
    ratio,
    runs,
  };
}

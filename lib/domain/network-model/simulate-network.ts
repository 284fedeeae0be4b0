import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import { createRandom, type Random } from "@/lib/domain/random";
import { epochRewardParams, MICRO_CREDITS_PER_CREDIT } from "@/lib/domain/rewards/compute-epoch";
import { resolveAssumptions, type ResolvedAssumptions } from "@/lib/domain/network-model/model-assumptions";
import type { DayMetrics, SimulationInput, SimulationRun } from "@/lib/domain/network-model/model-types";
import { payoutScaleOf } from "@/lib/domain/network-model/observed-metrics";
import { FREE_RIDER, payDay } from "@/lib/domain/network-model/simulate-day-rewards";
import { NodeColumns } from "@/lib/domain/network-model/simulate-network-columns";
import { MetricsScratch, simulatedDayMetrics } from "@/lib/domain/network-model/simulate-network-metrics";
import { poisson, streamSeed } from "@/lib/domain/network-model/simulate-network-sampling";
import { updateRatings } from "@/lib/domain/network-model/simulate-network-scores";
import { serveDemand, TrafficScratch } from "@/lib/domain/network-model/simulate-network-traffic";

/** A node's daily running cost by kind, in credits (model-assumptions.ts costShareOfMedianEarnings). */
export interface DailyCost {
  home: number;
  dataCentre: number;
}

export interface NetworkSimulationInput extends SimulationInput {
  /**
   * Daily costs to use instead of this run's own day-1 figures: forecastChange passes the current rules'
   * run here so a proposed run weighs earnings against the same costs.
   */
  costPerDay?: DailyCost;
}

export interface NetworkSimulationRun extends SimulationRun {
  /** Peer choices made over the run (the benchmark's baseline makes as many). */
  choices: number;
  /** The daily costs the run used. */
  costPerDay: DailyCost;
}

/** The random streams of a run, each seeded from the run's seed, so a change in one part leaves the others' draws alone. */
const STREAM_AVAILABILITY = 0;
const STREAM_TRAFFIC = 1;
const STREAM_BEHAVIOUR = 2;

function medianPositive(values: readonly number[]): number {
  const positive = Float64Array.from(values.filter((value) => value > 0)).sort();
  if (positive.length === 0) return 0;
  const middle = positive.length >> 1;
  return positive.length % 2 === 1 ? positive[middle]! : (positive[middle - 1]! + positive[middle]!) / 2;
}

/** A free-rider that starts sharing serves this much a day: the median capacity of the start state's home nodes that serve (of all serving nodes when no home node serves). */
function typicalHomeCapacity(input: SimulationInput): number {
  const nodes = input.state.nodes;
  const home = medianPositive(
    nodes.filter((node) => node.kind === "home").map((node) => node.capacityBytesPerDay),
  );
  return home > 0 ? home : medianPositive(nodes.map((node) => node.capacityBytesPerDay));
}

/**
 * Day 0's throttling, before any simulated day: a start node past grace whose capacity could not pay for
 * its downloads at the share ratio is taken to be slowed down already.
 */
function initialThrottle(nodes: NodeColumns, params: ParameterValues): void {
  const minShareRatio = params["freeRider.minShareRatio"];
  const graceDays = params["freeRider.graceDays"];
  const weight = params["reward.uncorroboratedWeight"];
  for (let slot = 0; slot < nodes.count; slot += 1) {
    const paidShare = nodes.confirmedShare[slot]! + weight * (1 - nodes.confirmedShare[slot]!);
    const pastGrace = graceDays <= 0 || -nodes.bornDay[slot]! >= graceDays;
    const below =
      minShareRatio > 0 && nodes.capacity[slot]! * paidShare < minShareRatio * nodes.demand[slot]!;
    nodes.throttled[slot] = pastGrace && below ? 1 : 0;
  }
}

/**
 * How nodes respond at the end of `day` (model-assumptions.ts): slowed-down free-riders start sharing or
 * leave (the more likely the harder they are slowed), nodes earning below their cost over the window leave, some leave anyway, and new nodes join.
 */
function respond(
  nodes: NodeColumns,
  day: number,
  {
    assumptions,
    throttleFactor,
    cost,
    shareCapacity,
    random,
  }: {
    assumptions: ResolvedAssumptions;
    throttleFactor: number;
    cost: DailyCost;
    shareCapacity: number;
    random: Random;
  },
): void {
  const { window } = nodes;
  const { unprofitableLeaves, leavesPerDay } = assumptions;
  // The harder peers slow a free-rider down, the likelier it is to respond.
  const slowed = Math.min(1, Math.max(0, 1 - throttleFactor));
  const startsSharing = assumptions.freeRiderStartsSharing * slowed;
  const leaves = startsSharing + assumptions.freeRiderLeaves * slowed;
  for (let slot = 0; slot < nodes.count; slot += 1) {
    if (!nodes.alive[slot]) continue;
    const choice = random.nextFloat();
    const churn = random.nextFloat();
    if (nodes.up[slot]) nodes.throttled[slot] = nodes.classification[slot] === FREE_RIDER ? 1 : 0;
    if (nodes.classification[slot] === FREE_RIDER) {
      if (choice < startsSharing) {
        nodes.capacity[slot] = Math.max(nodes.capacity[slot]!, shareCapacity);
      } else if (choice < leaves) {
        nodes.alive[slot] = 0;
        continue;
      }
    } else if (day + 1 - nodes.joinedDay[slot]! >= window && choice < unprofitableLeaves) {
      let earned = 0;
      for (let offset = slot * window; offset < (slot + 1) * window; offset += 1)
        earned += nodes.earnings[offset]!;
      if (earned < window * (nodes.dataCentre[slot] ? cost.dataCentre : cost.home)) {
        nodes.alive[slot] = 0;
        continue;
      }
    }
    if (churn < leavesPerDay) nodes.alive[slot] = 0;
  }
  const joins = nodes.startCount > 0 ? poisson(random, assumptions.joinsPerDay) : 0;
  for (let join = 0; join < joins; join += 1) nodes.addJoiner(random.int(0, nodes.startCount - 1), day + 1);
}

/**
 * Simulates `days` days of the network from `state` under `params` (or `paramsByDay`), deterministic for
 * `seed` (docs/network-model.md): who is up, where each request goes, what each node is paid and how its
 * rating moves, then how nodes respond. Returns each day's metrics and each start node's credits.
 */
export function simulateNetwork(input: NetworkSimulationInput): NetworkSimulationRun {
  return runNetworkSimulation(input);
}

/** simulateNetwork, calling `observe` with the run's node columns at the end of each day's rating update (for tests). */
export function runNetworkSimulation(
  input: NetworkSimulationInput,
  observe?: (day: number, nodes: NodeColumns) => void,
): NetworkSimulationRun {
  const { state, params, paramsByDay, days, seed } = input;
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const assumptions = resolveAssumptions(state.calibration);
  const window = Math.max(1, Math.round(assumptions.earningsWindowDays));
  // Room for the expected joiners (the columns still grow if more join).
  const expectedJoiners = Math.min(Math.ceil(assumptions.joinsPerDay * days * 1.5), 4 * state.nodes.length);
  const nodes = new NodeColumns(state.nodes, window, expectedJoiners + 16);
  const availability = createRandom(streamSeed(seed, STREAM_AVAILABILITY));
  const traffic = createRandom(streamSeed(seed, STREAM_TRAFFIC));
  const behaviour = createRandom(streamSeed(seed, STREAM_BEHAVIOUR));
  const scratch = new TrafficScratch();
  const metricsScratch = new MetricsScratch();
  let sortScratch = new Float64Array(nodes.count + 16);
  const shareCapacity = typicalHomeCapacity(input);
  const earned = new Float64Array(nodes.startCount);
  const metrics: DayMetrics[] = [];
  let cost = input.costPerDay;
  let choices = 0;
  initialThrottle(nodes, paramsByDay?.[0] ?? params);

  for (let day = 0; day < days; day += 1) {
    const dayParams = paramsByDay?.[day] ?? params;
    const rewardParams = epochRewardParams(dayParams);
    const { count, alive, up, upShare, age, bornDay, served, paid, confirmedShare } = nodes;
    for (let slot = 0; slot < count; slot += 1) {
      const draw = availability.nextFloat();
      up[slot] = alive[slot] && draw < upShare[slot]! ? 1 : 0;
      age[slot] = day - bornDay[slot]!;
    }
    choices += serveDemand(
      nodes,
      {
        throttleFactor: rewardParams.throttleFactor,
        explorationRate: dayParams["selection.explorationRate"],
        outsideDemandBytes: assumptions.outsideDemandBytesPerDay,
      },
      traffic,
      scratch,
    ).choices;
    const weight = rewardParams.uncorroboratedWeight;
    for (let slot = 0; slot < count; slot += 1) {
      paid[slot] = served[slot]! * (confirmedShare[slot]! + weight * (1 - confirmedShare[slot]!));
    }
    const totals = payDay({ ...pick(nodes), count, ageDays: age, paidBytes: paid }, rewardParams);
    if (sortScratch.length < count) sortScratch = new Float64Array(count * 2);
    updateRatings(
      nodes,
      rewardParams,
      { learningRate: rewardParams.ratingLearningRate, decay: rewardParams.ratingDecayPerEpoch },
      sortScratch,
    );
    const { credits, rewardMicro, freeRider, classification, earnings } = nodes;
    for (let slot = 0; slot < count; slot += 1) {
      const amount = rewardMicro[slot]! / MICRO_CREDITS_PER_CREDIT;
      credits[slot] = amount;
      freeRider[slot] = classification[slot] === FREE_RIDER ? 1 : 0;
      earnings[slot * window + (day % window)] = amount;
      if (slot < nodes.startCount) earned[slot] = earned[slot]! + amount;
    }
    const today = simulatedDayMetrics(
      { ...nodes, count, clusters: nodes.nextCluster, servedBytes: paid },
      {
        emissionCredits: totals.paidMicro / MICRO_CREDITS_PER_CREDIT,
        payoutScale: payoutScaleOf({ paidMicro: totals.paidMicro, unscaledMicro: totals.unscaledMicro }),
        guardMinRating: dayParams["roles.guardMinRating"],
      },
      metricsScratch,
    );
    metrics.push(today);
    observe?.(day, nodes);
    cost ??= {
      home: assumptions.costShareOfMedianEarnings * today.homeNodeEarnings,
      dataCentre: assumptions.costShareOfMedianEarnings * today.dataCentreNodeEarnings,
    };
    respond(nodes, day, {
      assumptions,
      throttleFactor: rewardParams.throttleFactor,
      cost,
      shareCapacity,
      random: behaviour,
    });
  }

  return {
    days: metrics,
    earningsByNode: new Map(state.nodes.map((node, slot) => [node.nodeId, earned[slot]!])),
    capCredits: params["reward.epochEmissionCap"],
    choices,
    costPerDay: cost ?? { home: 0, dataCentre: 0 },
  };
}

/** The columns payDay reads and writes. */
function pick(nodes: NodeColumns) {
  const { up, bytesDown, reliability, classification, unscaledMicro, rewardMicro } = nodes;
  return { up, bytesDown, reliability, classification, unscaledMicro, rewardMicro };
}

import { rollupLatencyMs } from "@/lib/domain/metrics/telemetry-rollup";
import {
  contributionP90,
  contributionScore,
  reliabilityScore,
  serviceScore,
  speedScore,
  updateRating,
  type RatingComponents,
} from "@/lib/domain/metrics/service-rating";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  classifyNode,
  emissionCapMicro,
  scaleToCap,
  unscaledRewardMicro,
  type NodeClassification,
} from "@/lib/domain/rewards/epoch-reward";

export type { NodeClassification } from "@/lib/domain/rewards/epoch-reward";

export const MICRO_CREDITS_PER_CREDIT = 1_000_000;

export interface EpochRewardParams {
  perGbUploaded: number;
  uptimeBonusPerDay: number;
  epochEmissionCap: number;
  minShareRatio: number;
  throttleFactor: number;
  graceDays: number;
  ratingLearningRate: number;
  ratingDecayPerEpoch: number;
  weightSpeed: number;
  weightReliability: number;
  weightContribution: number;
}

export interface EpochNodeInput {
  nodeId: string;
  operatorId: string;
  firstReportedAt: Date | null;
  previousRating: number;
  usage: {
    uptimeSeconds: number;
    windowSeconds: number;
    bytesUp: bigint;
    bytesDown: bigint;
    latencyMsSeconds: bigint;
  } | null;
}

export interface EpochNodeResult {
  nodeId: string;
  operatorId: string;
  classification: NodeClassification;
  unscaledMicro: bigint;
  rewardMicro: bigint;
  speed: number;
  reliability: number;
  contribution: number;
  score: number;
  ratingBefore: number;
  rating: number;
}

export interface EpochResult {
  day: Date;
  nodes: EpochNodeResult[];
  emissionCapMicro: bigint;
  unscaledMicro: bigint;
  paidMicro: bigint;
  scale: number;
  paidNodes: number;
  freeRiders: number;
  freeRidersInGrace: number;
  bytesUp: bigint;
}

const SILENT_COMPONENTS: RatingComponents = { speed: 0, reliability: 0, contribution: 0 };

function ratingComponents(usage: NonNullable<EpochNodeInput["usage"]>, p90: bigint): RatingComponents {
  return {
    speed: speedScore(rollupLatencyMs(usage)),
    reliability: reliabilityScore(usage.uptimeSeconds),
    contribution: contributionScore(usage.bytesUp, p90),
  };
}

/** The parameters an epoch reads, from a config version's params. */
export function epochRewardParams(params: ParameterValues): EpochRewardParams {
  return {
    perGbUploaded: params["reward.perGbUploaded"],
    uptimeBonusPerDay: params["reward.uptimeBonusPerDay"],
    epochEmissionCap: params["reward.epochEmissionCap"],
    minShareRatio: params["freeRider.minShareRatio"],
    throttleFactor: params["freeRider.throttleFactor"],
    graceDays: params["freeRider.graceDays"],
    ratingLearningRate: params["selection.ratingLearningRate"],
    ratingDecayPerEpoch: params["selection.ratingDecayPerEpoch"],
    weightSpeed: params["selection.weightSpeed"],
    weightReliability: params["selection.weightReliability"],
    weightContribution: params["selection.weightContribution"],
  };
}

/** Credits from micro-credits (exact up to 2^53 credits). */
export function creditsFromMicro(micro: bigint): number {
  const perCredit = BigInt(MICRO_CREDITS_PER_CREDIT);
  return Number(micro / perCredit) + Number(micro % perCredit) / MICRO_CREDITS_PER_CREDIT;
}

/**
 * One epoch: every node's classification, reward scaled to the emission cap and rating update
 * (product.md "Rewards and ratings"). Nodes come back in node id order whatever order they were given in.
 */
export function computeEpoch({
  day,
  params,
  nodes,
}: {
  day: Date;
  params: EpochRewardParams;
  nodes: readonly EpochNodeInput[];
}): EpochResult {
  const sorted = [...nodes].sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  const p90 = contributionP90(sorted.map((node) => node.usage?.bytesUp ?? 0n));
  const rated = sorted.map((node) => {
    const classification = classifyNode({
      usage: node.usage,
      firstReportedAt: node.firstReportedAt,
      day,
      ...params,
    });
    const components =
      classification === "Silent" || !node.usage ? SILENT_COMPONENTS : ratingComponents(node.usage, p90);
    const score = serviceScore(components, params);
    return {
      nodeId: node.nodeId,
      operatorId: node.operatorId,
      classification,
      unscaledMicro: unscaledRewardMicro({ classification, usage: node.usage, ...params }),
      ...components,
      score,
      ratingBefore: node.previousRating,
      rating: updateRating({
        rating: node.previousRating,
        score,
        learningRate: params.ratingLearningRate,
        decay: params.ratingDecayPerEpoch,
      }),
    };
  });
  const capMicro = emissionCapMicro(params.epochEmissionCap);
  const { rewards, scale } = scaleToCap(
    rated.map((node) => node.unscaledMicro),
    capMicro,
  );
  const results: EpochNodeResult[] = rated.map((node, index) => ({ ...node, rewardMicro: rewards[index]! }));
  const sum = (amounts: bigint[]) => amounts.reduce((total, amount) => total + amount, 0n);
  const count = (classification: NodeClassification) =>
    results.filter((node) => node.classification === classification).length;
  return {
    day,
    nodes: results,
    emissionCapMicro: capMicro,
    unscaledMicro: sum(results.map((node) => node.unscaledMicro)),
    paidMicro: sum(rewards),
    scale,
    paidNodes: results.filter((node) => node.rewardMicro > 0n).length,
    freeRiders: count("FreeRider"),
    freeRidersInGrace: count("FreeRiderInGrace"),
    bytesUp: sum(sorted.map((node) => node.usage?.bytesUp ?? 0n)),
  };
}

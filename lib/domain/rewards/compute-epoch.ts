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
import { DomainError } from "@/lib/domain/errors";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import {
  classifyNode,
  emissionCapMicro,
  scaleToCap,
  unscaledRewardMicro,
  type NodeClassification,
} from "@/lib/domain/rewards/epoch-reward";
import { paidBytes } from "@/lib/domain/rewards/peer-corroboration";

export type { NodeClassification } from "@/lib/domain/rewards/epoch-reward";

export const MICRO_CREDITS_PER_CREDIT = 1_000_000;

/** An epoch is Computed (ledger lines, paid) or Blocked (no ledger lines, nothing paid, a reason in words). */
export type EpochStatus = "Computed" | "Blocked";

/** The range of a stored BIGINT (signed 64-bit) column, which every epoch figure must fit. */
export const STORED_BIGINT_MIN = -(2n ** 63n);
export const STORED_BIGINT_MAX = 2n ** 63n - 1n;

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
  uncorroboratedWeight: number;
}

export interface EpochNodeInput {
  nodeId: string;
  operatorId: string;
  firstReportedAt: Date | null;
  previousRating: number;
  usage: {
    uptimeSeconds: number;
    windowSeconds: number;
    /** Bytes served as the node claimed them (its daily rollup). */
    bytesUp: bigint;
    /** Of bytesUp, the bytes peers in other network clusters confirmed (peer-corroboration.ts). */
    corroboratedBytesUp: bigint;
    bytesDown: bigint;
    latencyMsSeconds: bigint;
  } | null;
}

export interface EpochNodeResult {
  nodeId: string;
  operatorId: string;
  classification: NodeClassification;
  /** Claimed, corroborated and paid bytes served (0 without telemetry). */
  bytesUp: bigint;
  corroboratedBytesUp: bigint;
  paidBytesUp: bigint;
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
  corroboratedBytesUp: bigint;
  paidBytesUp: bigint;
}

/**
 * Whether a node served in an epoch, so its rating learns toward its score rather than fading: it was up
 * some of the day and was paid for some bytes served (product.md "Rewards and ratings").
 */
export function servedInEpoch({
  uptimeSeconds,
  paidBytesUp,
}: {
  uptimeSeconds: number;
  paidBytesUp: bigint;
}): boolean {
  return uptimeSeconds > 0 && paidBytesUp > 0n;
}

const SILENT_COMPONENTS: RatingComponents = { speed: 0, reliability: 0, contribution: 0 };

function ratingComponents(
  usage: NonNullable<EpochNodeInput["usage"]>,
  paid: bigint,
  p90: bigint,
): RatingComponents {
  return {
    speed: speedScore(rollupLatencyMs(usage)),
    reliability: reliabilityScore(usage.uptimeSeconds),
    contribution: contributionScore(paid, p90),
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
    uncorroboratedWeight: params["reward.uncorroboratedWeight"],
  };
}

/** Credits from micro-credits (exact up to 2^53 credits). */
export function creditsFromMicro(micro: bigint): number {
  const perCredit = BigInt(MICRO_CREDITS_PER_CREDIT);
  return Number(micro / perCredit) + Number(micro % perCredit) / MICRO_CREDITS_PER_CREDIT;
}

/**
 * An epoch that cannot be computed because a figure it must store does not fit a BIGINT column. The epoch
 * is stored Blocked with this message as its reason, and later epochs go on.
 */
export class EpochNotComputable extends DomainError {
  override name = "EpochNotComputable";
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super("UNPROCESSABLE", message, details);
  }
}

const dayText = (day: Date) => day.toISOString().slice(0, 10);
const grouped = (value: bigint) => value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Throws EpochNotComputable naming the first figure outside the BIGINT range, in words. */
function checkStorable(day: Date, figures: readonly (readonly [what: string, value: bigint])[]): void {
  for (const [what, value] of figures) {
    if (value >= STORED_BIGINT_MIN && value <= STORED_BIGINT_MAX) continue;
    const bound =
      value > STORED_BIGINT_MAX
        ? `more than a stored figure can hold (at most ${grouped(STORED_BIGINT_MAX)}, which is 2^63 − 1)`
        : `less than a stored figure can hold (at least −${grouped(-STORED_BIGINT_MIN)}, which is −2^63)`;
    throw new EpochNotComputable(
      `The epoch of ${dayText(day)} cannot be computed: ${what} comes to ${grouped(value)}, ${bound}. Repair that day's telemetry rollups (NodeDailyRollup), then run \`npm run admin -- rerun-epoch ${dayText(day)}\`.`,
      { day: dayText(day), figure: what, value: value.toString() },
    );
  }
}

/** Every BIGINT an epoch stores: each node's ledger line, then the Epoch row's totals. */
function checkEpochStorable(result: EpochResult, inputs: readonly EpochNodeInput[]): void {
  const usage = new Map(inputs.map((input) => [input.nodeId, input.usage]));
  for (const node of result.nodes) {
    const nodeUsage = usage.get(node.nodeId);
    const of = (what: string) => `node ${node.nodeId}'s ${what}`;
    checkStorable(result.day, [
      [of("claimed bytes served (bytesUp)"), node.bytesUp],
      [of("bytes downloaded (bytesDown)"), nodeUsage?.bytesDown ?? 0n],
      [of("latency sum (latencyMsSeconds)"), nodeUsage?.latencyMsSeconds ?? 0n],
      [of("corroborated bytes served (corroboratedBytesUp)"), node.corroboratedBytesUp],
      [of("paid bytes served (paidBytesUp)"), node.paidBytesUp],
      [of("reward before the cap (unscaledMicro)"), node.unscaledMicro],
    ]);
  }
  checkStorable(result.day, [
    ["the day's total of claimed bytes served (Epoch.bytesUp)", result.bytesUp],
    ["the day's total of corroborated bytes served (Epoch.corroboratedBytesUp)", result.corroboratedBytesUp],
    ["the day's total of paid bytes served (Epoch.paidBytesUp)", result.paidBytesUp],
    ["the day's total of rewards before the cap (Epoch.unscaledMicro)", result.unscaledMicro],
    ["the day's emission cap (Epoch.emissionCapMicro)", result.emissionCapMicro],
  ]);
}

/**
 * One epoch: every node's paid traffic (corroborated + uncorroboratedWeight × the rest), classification,
 * reward scaled to the emission cap and rating update — a node that served (servedInEpoch) learns toward its
 * score, one that did not fades (product.md "Rewards and ratings", "Proof of service"). Nodes come back in
 * node id order whatever order they were given in. Throws EpochNotComputable when a figure the epoch stores
 * does not fit a BIGINT column.
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
  const sorted = [...nodes]
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0))
    .map((node) => ({
      ...node,
      paid: node.usage
        ? paidBytes({
            claimed: node.usage.bytesUp,
            corroborated: node.usage.corroboratedBytesUp,
            uncorroboratedWeight: params.uncorroboratedWeight,
          })
        : 0n,
    }));
  const p90 = contributionP90(sorted.map((node) => node.paid));
  const rated = sorted.map((node) => {
    const usage = node.usage && { ...node.usage, paidBytesUp: node.paid };
    const classification = classifyNode({ usage, firstReportedAt: node.firstReportedAt, day, ...params });
    const components =
      classification === "Silent" || !node.usage
        ? SILENT_COMPONENTS
        : ratingComponents(node.usage, node.paid, p90);
    const score = serviceScore(components, params);
    return {
      nodeId: node.nodeId,
      operatorId: node.operatorId,
      classification,
      bytesUp: node.usage?.bytesUp ?? 0n,
      corroboratedBytesUp: node.usage?.corroboratedBytesUp ?? 0n,
      paidBytesUp: node.paid,
      unscaledMicro: unscaledRewardMicro({ classification, usage, ...params }),
      ...components,
      score,
      ratingBefore: node.previousRating,
      rating: updateRating({
        rating: node.previousRating,
        score,
        served: servedInEpoch({ uptimeSeconds: node.usage?.uptimeSeconds ?? 0, paidBytesUp: node.paid }),
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
  const result: EpochResult = {
    day,
    nodes: results,
    emissionCapMicro: capMicro,
    unscaledMicro: sum(results.map((node) => node.unscaledMicro)),
    paidMicro: sum(rewards),
    scale,
    paidNodes: results.filter((node) => node.rewardMicro > 0n).length,
    freeRiders: count("FreeRider"),
    freeRidersInGrace: count("FreeRiderInGrace"),
    bytesUp: sum(results.map((node) => node.bytesUp)),
    corroboratedBytesUp: sum(results.map((node) => node.corroboratedBytesUp)),
    paidBytesUp: sum(results.map((node) => node.paidBytesUp)),
  };
  checkEpochStorable(result, nodes);
  return result;
}

import { DomainError } from "@/lib/domain/errors";
import type { ProposalChangeInput } from "@/lib/domain/governance/proposal-changes";
import { averageRating, nodesAtGuardRating } from "@/lib/domain/metrics/rating-distribution";
import {
  isParameterKey,
  PARAMETERS,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { type ParameterCategoryId } from "@/lib/domain/parameters/parameter-definition";
import { diffParameterValues } from "@/lib/domain/parameters/diff";
import {
  computeEpoch,
  creditsFromMicro,
  epochRewardParams,
  type EpochNodeInput,
  type EpochResult,
} from "@/lib/domain/rewards/compute-epoch";

/** What one epoch pays and does to ratings under one parameter set. */
export interface RewardOutcome {
  /** Data paid for, in GB: corroborated + reward.uncorroboratedWeight × the rest of the claims. */
  paidGb: number;
  paidCredits: number;
  unscaledCredits: number;
  /** paid ÷ unscaled when the emission cap binds, else 1. */
  scale: number;
  freeRiders: number;
  freeRidersInGrace: number;
  paidNodes: number;
  /** Mean rating after the epoch; null when the epoch had no nodes. */
  averageRating: number | null;
  /** roles.guardMinRating of the parameter set. */
  guardMinRating: number;
  /** Nodes whose rating after the epoch reaches guardMinRating. */
  nodesAtGuardRating: number;
}

export interface RewardImpact {
  day: Date;
  /** Nodes that were up or served data that day (not Silent). */
  activeNodes: number;
  /** Data the nodes said they served that day, in GB, and how much of it peers in other clusters confirmed. */
  claimedGb: number;
  corroboratedGb: number;
  current: RewardOutcome;
  proposed: RewardOutcome;
}

const BYTES_PER_GB = 1e9;

const REWARD_CATEGORIES: ReadonlySet<ParameterCategoryId> = new Set([
  "reward",
  "freeRider",
  "selection",
  "roles",
]);

/** A parameter can move rewards or ratings when it is a reward, free-rider, selection or roles parameter. */
export function isRewardParameter(key: ParameterKey): boolean {
  return REWARD_CATEGORIES.has(PARAMETERS[key].category);
}

/** A change of values can move rewards or ratings only when it changes the value of a reward parameter. */
export function changesRewards(current: ParameterValues, proposed: ParameterValues): boolean {
  return diffParameterValues(current, proposed).some(({ key }) => isRewardParameter(key));
}

/** Whether any of the changes names a reward parameter, whatever its new value. */
export function touchesRewardParameter(changes: readonly ProposalChangeInput[]): boolean {
  return changes.some(({ key }) => isParameterKey(key) && isRewardParameter(key));
}

/** The current values with each change applied; a key outside the catalogue is BAD_INPUT. */
export function applyParameterChanges(
  current: ParameterValues,
  changes: readonly ProposalChangeInput[],
): ParameterValues {
  const proposed = { ...current };
  for (const { key, toValue } of changes) {
    if (!isParameterKey(key)) {
      throw new DomainError(
        "BAD_INPUT",
        `"${key}" is not a known parameter; choose one from the parameter catalogue.`,
      );
    }
    proposed[key] = toValue;
  }
  return proposed;
}

function summariseOutcome(result: EpochResult, params: ParameterValues): RewardOutcome {
  const ratings = result.nodes.map((node) => node.rating);
  const guardMinRating = params["roles.guardMinRating"];
  return {
    paidGb: Number(result.paidBytesUp) / BYTES_PER_GB,
    paidCredits: creditsFromMicro(result.paidMicro),
    unscaledCredits: creditsFromMicro(result.unscaledMicro),
    scale: result.scale,
    freeRiders: result.freeRiders,
    freeRidersInGrace: result.freeRidersInGrace,
    paidNodes: result.paidNodes,
    averageRating: averageRating(ratings),
    guardMinRating,
    nodesAtGuardRating: nodesAtGuardRating(ratings, guardMinRating),
  };
}

/**
 * One epoch's telemetry (claimed and corroborated bytes, so paid traffic follows the weight) replayed under
 * the current and the proposed values (each outcome's scale says whether the daily payout limit bound);
 * null when no reward-relevant value changes.
 */
export function simulateRewardImpact({
  day,
  nodes,
  currentParams,
  proposedParams,
}: {
  day: Date;
  nodes: readonly EpochNodeInput[];
  currentParams: ParameterValues;
  proposedParams: ParameterValues;
}): RewardImpact | null {
  if (!changesRewards(currentParams, proposedParams)) return null;
  const replay = (params: ParameterValues) => computeEpoch({ day, params: epochRewardParams(params), nodes });
  const currentResult = replay(currentParams);
  const proposedResult = replay(proposedParams);
  return {
    day,
    activeNodes: currentResult.nodes.filter((node) => node.classification !== "Silent").length,
    claimedGb: Number(currentResult.bytesUp) / BYTES_PER_GB,
    corroboratedGb: Number(currentResult.corroboratedBytesUp) / BYTES_PER_GB,
    current: summariseOutcome(currentResult, currentParams),
    proposed: summariseOutcome(proposedResult, proposedParams),
  };
}

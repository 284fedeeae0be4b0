import { z } from "zod";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import type { RewardImpact } from "@/lib/domain/rewards/simulate-impact";
import { proposalDraftInputSchema } from "./proposals";

/** The changes to simulate: the same checks as a draft's changes (known parameters, once each, within bounds). */
export const rewardImpactInputSchema = z.object({ changes: proposalDraftInputSchema.shape.changes });
export type RewardImpactInput = z.infer<typeof rewardImpactInputSchema>;

const count = z.int().min(0);
const credits = z.number().min(0);
const gigabytes = z.number().min(0);

const rewardOutcomeSchema = z.object({
  paidGb: gigabytes,
  paidCredits: credits,
  unscaledCredits: credits,
  scale: z.number().min(0).max(1),
  freeRiders: count,
  freeRidersInGrace: count,
  paidNodes: count,
  averageRating: z.number().nullable(),
  guardMinRating: z.number(),
  nodesAtGuardRating: count,
});

const rewardImpactSchema = z.object({
  day: z.date(),
  activeNodes: count,
  claimedGb: gigabytes,
  corroboratedGb: gigabytes,
  current: rewardOutcomeSchema,
  proposed: rewardOutcomeSchema,
}) satisfies z.ZodType<RewardImpact>;

const configVersion = z.int().min(1);

/**
 * The simulated impact of proposed changes on the last epoch: "no-epoch" before any day has been turned
 * into rewards, "no-reward-change" when only governance rules change, "same-as-current" when the reward
 * values in the changes equal those of the newest config version (`configVersion`), which the simulation
 * compares against.
 */
export const proposalRewardImpactSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("no-epoch") }),
  z.object({ status: z.literal("no-reward-change") }),
  z.object({ status: z.literal("same-as-current"), configVersion }),
  z.object({ status: z.literal("simulated"), configVersion, impact: rewardImpactSchema }),
]);
export type ProposalRewardImpact = z.infer<typeof proposalRewardImpactSchema>;

function formatCredits(value: number): string {
  return formatNumber(value, { maxFractionDigits: value >= 1_000 ? 0 : 2 });
}

/** 0.94 → "6 %": how much every payout is scaled down; "less than 0.1 %" for a sliver. */
function formatScaleDown(scale: number): string {
  const share = 1 - scale;
  return share < 0.0005 ? "less than 0.1 %" : formatPercent(share);
}

function formatRating(value: number): string {
  return formatNumber(value, { minFractionDigits: 2, maxFractionDigits: 2 });
}

/** "41,200 credits instead of 38,900", or "the same 38,900 credits" when both read the same. */
function compared(proposed: string, current: string, unit = ""): string {
  const suffix = unit ? ` ${unit}` : "";
  return proposed === current ? `the same ${current}${suffix}` : `${proposed}${suffix} instead of ${current}`;
}

/** The impact in plain sentences. */
export function describeRewardImpact(impact: RewardImpact): { sentences: string[] } {
  const { current, proposed } = impact;
  const nodes = impact.activeNodes === 1 ? "node" : "nodes";
  const guardNow = formatRating(current.guardMinRating);
  const guardProposed = formatRating(proposed.guardMinRating);
  const guardThreshold = guardProposed === guardNow ? guardNow : compared(guardProposed, guardNow);
  const sentences = [
    `Under these values, the ${formatNumber(impact.activeNodes)} ${nodes} active on ${formatDate(impact.day)} would have been paid ${compared(formatCredits(proposed.paidCredits), formatCredits(current.paidCredits), "credits")}.`,
    `Data paid for: ${compared(formatDataSize(proposed.paidGb), formatDataSize(current.paidGb))}, of the ${formatDataSize(impact.claimedGb)} nodes said they served (${formatDataSize(impact.corroboratedGb)} of it confirmed by nodes in other networks).`,
    `Nodes earning something: ${compared(formatNumber(proposed.paidNodes), formatNumber(current.paidNodes))}.`,
    `Free-riders paid less: ${compared(formatNumber(proposed.freeRiders), formatNumber(current.freeRiders))}; new nodes below the share ratio but still in their grace period: ${compared(formatNumber(proposed.freeRidersInGrace), formatNumber(current.freeRidersInGrace))}.`,
    ...(proposed.averageRating === null || current.averageRating === null
      ? []
      : [
          `Average rating after the day: ${compared(formatRating(proposed.averageRating), formatRating(current.averageRating))}.`,
        ]),
    `Nodes rated high enough to be guard nodes (rating at least ${guardThreshold}): ${compared(formatNumber(proposed.nodesAtGuardRating), formatNumber(current.nodesAtGuardRating))}.`,
  ];
  return { sentences };
}

export interface PayoutLimitNote {
  /** "warning" when the proposed values would scale payouts down; "info" when only today's payouts were. */
  tone: "warning" | "info";
  title: string;
  text: string;
}

/**
 * What the daily payout limit does on the replayed day, today's rules against the proposed values: whether
 * it already binds today (today's payouts were scaled down), and whether it would bind under the proposal.
 * When it binds under both and the total stays the same, the change only moves credits between nodes,
 * which the replay's totals alone would hide ("the same 50,000 credits"). Null when it binds under neither.
 */
export function payoutLimitNote(impact: RewardImpact): PayoutLimitNote | null {
  const { current, proposed } = impact;
  const day = formatDate(impact.day);
  const bindsToday = current.scale < 1;
  const bindsProposed = proposed.scale < 1;
  if (!bindsToday && !bindsProposed) return null;
  if (bindsToday && bindsProposed) {
    const sameTotal = formatCredits(proposed.paidCredits) === formatCredits(current.paidCredits);
    const total = sameTotal
      ? `the total stays ${formatCredits(current.paidCredits)} credits, so this change moves credits between nodes rather than adding any`
      : `the total goes from ${formatCredits(current.paidCredits)} to ${formatCredits(proposed.paidCredits)} credits`;
    return {
      tone: "warning",
      title: "The daily payout limit already binds today",
      text: `On ${day} nodes earned ${formatCredits(current.unscaledCredits)} credits before the limit and were paid ${formatCredits(current.paidCredits)}: every payout was scaled down by ${formatScaleDown(current.scale)}. Under the proposed values they would earn ${formatCredits(proposed.unscaledCredits)} before the limit and every payout would be scaled down by ${formatScaleDown(proposed.scale)}: ${total}.`,
    };
  }
  if (bindsToday) {
    return {
      tone: "info",
      title: "The daily payout limit binds today, but not under these values",
      text: `On ${day} nodes earned ${formatCredits(current.unscaledCredits)} credits before the limit and were paid ${formatCredits(current.paidCredits)}: every payout was scaled down by ${formatScaleDown(current.scale)}. Under the proposed values they would be paid in full, ${formatCredits(proposed.paidCredits)} credits.`,
    };
  }
  return {
    tone: "warning",
    title: "Payouts would be scaled down",
    text: `The daily payout limit does not bind today: on ${day} nodes were paid in full, ${formatCredits(current.paidCredits)} credits. Under the proposed values they would earn ${formatCredits(proposed.unscaledCredits)} credits, more than the limit of ${formatCredits(proposed.paidCredits)}, so every payout would be scaled down by ${formatScaleDown(proposed.scale)}.`,
  };
}

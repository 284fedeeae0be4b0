import { describe, expect, it } from "vitest";
import type { RewardImpact } from "@/lib/domain/rewards/simulate-impact";
import { describeRewardImpact, proposalRewardImpactSchema, rewardImpactInputSchema } from "./reward-impact";

const outcome = {
  paidGb: 30_000,
  paidCredits: 38_900.2,
  unscaledCredits: 38_900.2,
  scale: 1,
  freeRiders: 15,
  freeRidersInGrace: 4,
  paidNodes: 270,
  averageRating: 0.612,
  guardMinRating: 0.8,
  nodesAtGuardRating: 35,
};

const IMPACT: RewardImpact = {
  day: new Date("2026-11-24T00:00:00.000Z"),
  activeNodes: 287,
  claimedGb: 42_000,
  corroboratedGb: 18_000,
  current: outcome,
  proposed: {
    ...outcome,
    paidGb: 36_000,
    paidCredits: 41_200,
    unscaledCredits: 41_200,
    freeRiders: 12,
    averageRating: 0.6149,
    guardMinRating: 0.75,
    nodesAtGuardRating: 40,
  },
};

describe("describeRewardImpact", () => {
  it("compares every outcome in plain words", () => {
    expect(describeRewardImpact(IMPACT)).toEqual({
      sentences: [
        "Under these values, the 287 nodes active on 24 Nov 2026 would have been paid 41,200 credits instead of 38,900.",
        "Data paid for: 36 TB instead of 30 TB, of the 42 TB nodes said they served (18 TB of it confirmed by nodes in other networks).",
        "Nodes earning something: the same 270.",
        "Free-riders paid less: 12 instead of 15; new nodes below the share ratio but still in their grace period: the same 4.",
        "Average rating after the day: the same 0.61.",
        "Nodes rated high enough to be guard nodes (rating at least 0.75 instead of 0.80): 40 instead of 35.",
      ],
    });
  });

  it("leaves the rating out for an epoch without nodes and shows small amounts to the cent", () => {
    const empty = { ...outcome, paidCredits: 12.345, averageRating: null };
    const { sentences } = describeRewardImpact({
      ...IMPACT,
      activeNodes: 1,
      current: empty,
      proposed: { ...empty, paidCredits: 0.5 },
    });
    expect(sentences[0]).toBe(
      "Under these values, the 1 node active on 24 Nov 2026 would have been paid 0.5 credits instead of 12.35.",
    );
    expect(sentences.some((sentence) => sentence.startsWith("Average rating"))).toBe(false);
    expect(sentences).toContain(
      "Nodes rated high enough to be guard nodes (rating at least 0.80): the same 35.",
    );
  });
});

describe("reward impact contracts", () => {
  it("names the field of a change out of bounds", () => {
    const result = rewardImpactInputSchema.safeParse({
      changes: [{ key: "reward.perGbUploaded", toValue: 1_000 }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["changes", 0, "toValue"]);
  });

  it("accepts a simulated impact and rejects a scale above 1", () => {
    expect(
      proposalRewardImpactSchema.parse({ status: "simulated", configVersion: 5, impact: IMPACT }),
    ).toEqual({
      status: "simulated",
      configVersion: 5,
      impact: IMPACT,
    });
    const tooBig = { ...IMPACT, proposed: { ...IMPACT.proposed, scale: 1.5 } };
    expect(
      proposalRewardImpactSchema.safeParse({ status: "simulated", configVersion: 5, impact: tooBig }).success,
    ).toBe(false);
  });

  it("names the config version a same-as-current answer compares against", () => {
    expect(proposalRewardImpactSchema.safeParse({ status: "same-as-current" }).success).toBe(false);
    expect(proposalRewardImpactSchema.parse({ status: "same-as-current", configVersion: 3 })).toEqual({
      status: "same-as-current",
      configVersion: 3,
    });
  });
});

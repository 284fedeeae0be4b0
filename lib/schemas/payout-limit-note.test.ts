import { describe, expect, it } from "vitest";
import type { RewardImpact } from "@/lib/domain/rewards/simulate-impact";
import { payoutLimitNote } from "./reward-impact";

const outcome = {
  paidGb: 30_000,
  paidCredits: 38_900,
  unscaledCredits: 38_900,
  scale: 1,
  freeRiders: 15,
  freeRidersInGrace: 4,
  paidNodes: 270,
  averageRating: 0.61,
  guardMinRating: 0.8,
  nodesAtGuardRating: 35,
};

function impact(current: Partial<typeof outcome>, proposed: Partial<typeof outcome>): RewardImpact {
  return {
    day: new Date("2026-11-24T00:00:00.000Z"),
    activeNodes: 287,
    claimedGb: 42_000,
    corroboratedGb: 18_000,
    current: { ...outcome, ...current },
    proposed: { ...outcome, ...proposed },
  };
}

const CAPPED = { paidCredits: 50_000, unscaledCredits: 62_500, scale: 0.8 };

describe("payoutLimitNote", () => {
  it("says nothing when the limit binds neither today nor under the proposal", () => {
    expect(payoutLimitNote(impact({}, { paidCredits: 41_200, unscaledCredits: 41_200 }))).toBeNull();
  });

  it("says the limit already binds today and that the change only moves credits when the total stays", () => {
    const note = payoutLimitNote(
      impact(CAPPED, { paidCredits: 50_000, unscaledCredits: 71_428.6, scale: 0.7 }),
    );
    expect(note).toEqual({
      tone: "warning",
      title: "The daily payout limit already binds today",
      text:
        "On 24 Nov 2026 nodes earned 62,500 credits before the limit and were paid 50,000: every payout was scaled down by 20 %. " +
        "Under the proposed values they would earn 71,429 before the limit and every payout would be scaled down by 30 %: " +
        "the total stays 50,000 credits, so this change moves credits between nodes rather than adding any.",
    });
  });

  it("says the total moves when the proposal changes the limit itself", () => {
    const note = payoutLimitNote(
      impact(CAPPED, { paidCredits: 60_000, unscaledCredits: 62_500, scale: 0.96 }),
    );
    expect(note?.text).toContain("the total goes from 50,000 to 60,000 credits");
  });

  it("notes a limit that binds today but not under the proposal", () => {
    const note = payoutLimitNote(impact(CAPPED, { paidCredits: 62_500, unscaledCredits: 62_500, scale: 1 }));
    expect(note?.tone).toBe("info");
    expect(note?.title).toBe("The daily payout limit binds today, but not under these values");
    expect(note?.text).toContain("Under the proposed values they would be paid in full, 62,500 credits.");
  });

  it("warns that a limit which does not bind today would under the proposal", () => {
    const note = payoutLimitNote(impact({}, { paidCredits: 50_000, unscaledCredits: 50_500, scale: 0.9901 }));
    expect(note?.tone).toBe("warning");
    expect(note?.text).toBe(
      "The daily payout limit does not bind today: on 24 Nov 2026 nodes were paid in full, 38,900 credits. " +
        "Under the proposed values they would earn 50,500 credits, more than the limit of 50,000, so every payout would be scaled down by 1 %.",
    );
  });

  it.each([
    [0.817, "scaled down by 18.3 %"],
    [0.9999, "scaled down by less than 0.1 %"],
    [0, "scaled down by 100 %"],
  ])("says a payout scale of %d as %j", (scale, text) => {
    const note = payoutLimitNote(impact({}, { paidCredits: 50_000, unscaledCredits: 61_000, scale }));
    expect(note?.text).toContain(text);
  });
});

import { describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { EXPLORE_GOAL_CHOICES, proposalPrefillParam, readProposalPrefill } from "./explore";

const current = defaultParameterValues();
const read = (changes: string | undefined, goal?: string) => readProposalPrefill({ changes, goal }, current);

describe("readProposalPrefill", () => {
  it("reads nothing without changes", () => {
    expect(read(undefined)).toEqual({ status: "none" });
  });

  it("reads known parameters with plain numbers within bounds, and the goal they came from", () => {
    expect(read("selection.explorationRate:0.3,reward.perGbUploaded:0.4", "less-concentration")).toEqual({
      status: "ok",
      changes: [
        { key: "selection.explorationRate", toValue: 0.3 },
        { key: "reward.perGbUploaded", toValue: 0.4 },
      ],
      goalTitle: "Less concentration",
    });
    expect(read("freeRider.graceDays:14", "not-a-goal")).toMatchObject({ status: "ok", goalTitle: null });
  });

  it("round-trips a candidate's changes", () => {
    const changes = [
      { key: "selection.weightSpeed", from: 0.4, to: 0.3 },
      { key: "selection.weightContribution", from: 0.3, to: 0.4 },
      { key: "reward.epochEmissionCap", from: 50_000, to: 1e-7 },
    ];
    const result = read(proposalPrefillParam(changes));
    expect(result).toMatchObject({ status: "ok" });
    expect(result.status === "ok" && result.changes.map((change) => change.toValue)).toEqual([
      0.3, 0.4, 1e-7,
    ]);
  });

  it.each([
    ["no.such.key:1", '"no.such.key" is not a known parameter'],
    ["reward.perGbUploaded:abc", "Pay per GB served needs a plain number"],
    ["reward.perGbUploaded:1:2", "Pay per GB served needs a plain number"],
    ["reward.perGbUploaded:1,reward.perGbUploaded:2", "Pay per GB served appears twice"],
    ["selection.explorationRate:0.9", "Exploration share must be at most 50 %"],
    ["freeRider.graceDays:1.5", "must be a whole number"],
    ["", "Suggest between 1 and 10 changes"],
    ["selection.weightSpeed:0.9", "The selection weights must add up to 100 %"],
  ])("refuses %j with a clear message", (changes, message) => {
    const result = read(changes);
    expect(result.status).toBe("invalid");
    expect(result.status === "invalid" && result.message).toContain(message);
  });

  it("offers every goal in plain words", () => {
    expect(EXPLORE_GOAL_CHOICES.map((goal) => goal.id)).toEqual([
      "less-concentration",
      "fewer-free-riders",
      "more-guard-nodes",
      "home-nodes-earn-more",
    ]);
    for (const goal of EXPLORE_GOAL_CHOICES) {
      expect(goal.description.length).toBeGreaterThan(40);
      expect(goal.headlineMetrics.length).toBeGreaterThan(0);
    }
  });
});

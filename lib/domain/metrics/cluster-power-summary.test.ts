import { describe, expect, it } from "vitest";
import { summariseClusterPower } from "./cluster-power-summary";

const emptyRange = { hasOlderRounds: false, rangeLabel: "last 7 days" };
const round = {
  number: 4,
  nakamoto: 5,
  clusters: 12,
  largestClusterShare: 0.25,
  nakamotoOverClusters: 3,
  operatorsSharing: 2,
};

describe("summariseClusterPower", () => {
  it("says what will appear before the first round, and where to look when older rounds exist", () => {
    expect(summariseClusterPower({ rounds: [], ...emptyRange })).toBe(
      "No voting round has opened yet: voting power by network appears here for each round once one opens.",
    );
    expect(summariseClusterPower({ rounds: [], hasOlderRounds: true, rangeLabel: "last 24 hours" })).toBe(
      "No round opened in the last 24 hours; pick a longer range.",
    );
  });

  it("describes the newest round's networks beside its operators", () => {
    expect(summariseClusterPower({ rounds: [{ ...round, number: 3 }, round], ...emptyRange })).toBe(
      "In round 4, the eligible nodes sat in 12 networks. The largest held 25 % of the votes; 3 networks together held more than half (by operator account, 5 operators did). 2 operators shared a network with other operators.",
    );
  });

  it("speaks in the singular and says when nobody shares", () => {
    expect(
      summariseClusterPower({
        rounds: [
          {
            ...round,
            clusters: 1,
            largestClusterShare: 1,
            nakamotoOverClusters: 1,
            nakamoto: 1,
            operatorsSharing: 0,
          },
        ],
        ...emptyRange,
      }),
    ).toBe(
      "In round 4, the eligible nodes sat in 1 network. The largest held 100 % of the votes; 1 network alone held more than half (by operator account, 1 operator did). No operator shared a network with another.",
    );
  });

  it("has no figures for a round nobody was eligible in", () => {
    expect(
      summariseClusterPower({
        rounds: [{ ...round, clusters: 0, nakamoto: 0, nakamotoOverClusters: 0 }],
        ...emptyRange,
      }),
    ).toBe("Round 4 had no eligible nodes, so no network held votes.");
  });
});

import { describe, expect, it } from "vitest";
import {
  summariseContribution,
  summariseDataServed,
  summariseFreeRiders,
  summariseNodesOnline,
  summariseParticipation,
  summariseRatings,
  summariseRewards,
  summariseSyncCoverage,
  summariseVotingPower,
  describeTopGroup,
} from "./dashboard-summaries";

const DAY = new Date("2026-11-24T00:00:00.000Z");
const EARLIER = new Date("2026-11-23T00:00:00.000Z");
const PERIOD = "over the last 7 days";

describe("summariseNodesOnline", () => {
  it.each([
    [
      [],
      "No telemetry in this range yet: the chart shows how many nodes were online each hour once nodes send their reports.",
    ],
    [
      [
        { online: 270, reporting: 300 },
        { online: 241, reporting: 300 },
        { online: 293, reporting: 300 },
      ],
      "On average 268 of 300 reporting nodes were online over the last 7 days (lowest hour: 241).",
    ],
    [
      [{ online: 0.5, reporting: 1 }],
      "On average 1 of 1 reporting node was online over the last 7 days (lowest hour: 1).",
    ],
  ])("%j", (points, expected) => {
    expect(summariseNodesOnline({ points, bucket: "hour", period: PERIOD })).toBe(expected);
  });

  it("names the bucket it measured", () => {
    expect(
      summariseNodesOnline({
        points: [{ online: 10, reporting: 12 }],
        bucket: "day",
        period: "over the whole history",
      }),
    ).toBe("On average 10 of 12 reporting nodes were online over the whole history (lowest day: 10).");
  });
});

describe("summariseDataServed", () => {
  it.each([
    [
      [],
      "No telemetry in this range yet: the chart shows the gigabytes nodes upload to peers each hour once they report.",
    ],
    [
      [{ gb: 1200 }, { gb: 300 }, { gb: 1500 }],
      "Nodes served 3 TB to peers over the last 7 days, 1 TB per hour on average (busiest hour: 1.5 TB).",
    ],
    [
      [{ gb: 0.0042 }, { gb: 0 }],
      "Nodes served 4.2 MB to peers over the last 7 days, 2.1 MB per hour on average (busiest hour: 4.2 MB).",
    ],
    [
      [{ gb: 12.34 }],
      "Nodes served 12.3 GB to peers over the last 7 days, 12.3 GB per hour on average (busiest hour: 12.3 GB).",
    ],
  ])("%j", (points, expected) => {
    expect(summariseDataServed({ points, bucket: "hour", period: PERIOD })).toBe(expected);
  });
});

describe("summariseContribution", () => {
  it.each([
    [
      { nodes: 0, gini: null, topTenPercentShare: 0 },
      "No node reported in this range yet: the curve shows how evenly nodes share the serving once they report.",
    ],
    [
      { nodes: 3, gini: null, topTenPercentShare: 0 },
      "3 nodes reported in this range but none served data to peers yet, so there is no spread to show.",
    ],
    [
      { nodes: 1, gini: null, topTenPercentShare: 0 },
      "1 node reported in this range but none served data to peers yet, so there is no spread to show.",
    ],
    [
      { nodes: 1, gini: 0, topTenPercentShare: 1 },
      "Only 1 node reported in this range, so it served all of the data.",
    ],
    [
      { nodes: 300, gini: 0.5213, topTenPercentShare: 0.46 },
      "The top 10 % of nodes served 46 % of the data (Gini 0.52: 0 is perfectly even, 1 is one node serving everything).",
    ],
    [
      { nodes: 4, gini: 0, topTenPercentShare: 0.25 },
      "The top 1 node (25 % of nodes) served 25 % of the data (Gini 0.00: 0 is perfectly even, 1 is one node serving everything).",
    ],
    [
      { nodes: 25, gini: 0.3, topTenPercentShare: 0.2 },
      "The top 3 nodes (12 % of nodes) served 20 % of the data (Gini 0.30: 0 is perfectly even, 1 is one node serving everything).",
    ],
  ])("%j", (input, expected) => {
    expect(summariseContribution(input)).toBe(expected);
  });
});

describe("summariseRatings", () => {
  it.each([
    [
      { epochDay: null, nodes: 0, nodesAtGuardRating: 0, guardMinRating: 0.8 },
      "No epoch has been computed yet: ratings appear after the first full day of telemetry.",
    ],
    [
      { epochDay: DAY, nodes: 0, nodesAtGuardRating: 0, guardMinRating: 0.8 },
      "The epoch of 24 Nov 2026 rated no nodes.",
    ],
    [
      { epochDay: DAY, nodes: 300, nodesAtGuardRating: 120, guardMinRating: 0.8 },
      "In the epoch of 24 Nov 2026, 120 of 300 nodes (40 %) had a rating of at least 0.80, enough to serve as a guard node.",
    ],
    [
      { epochDay: DAY, nodes: 1, nodesAtGuardRating: 1, guardMinRating: 0.75 },
      "In the epoch of 24 Nov 2026, 1 of 1 node (100 %) had a rating of at least 0.75, enough to serve as a guard node.",
    ],
  ])("%j", (input, expected) => {
    expect(summariseRatings(input)).toBe(expected);
  });
});

describe("summariseRewards", () => {
  it.each([
    [[], "No epoch was computed in this range: rewards appear after each full day of telemetry."],
    [
      [
        { day: EARLIER, paid: 1500, cap: 2000, scale: 1 },
        { day: DAY, paid: 1800, cap: 2000, scale: 1 },
      ],
      "3,300 credits were paid in 2 epochs over the last 7 days; the latest (24 Nov 2026) paid 1,800 of its 2,000-credit cap.",
    ],
    [
      [{ day: DAY, paid: 2000, cap: 2000, scale: 0.8 }],
      "2,000 credits were paid in 1 epoch over the last 7 days; the latest (24 Nov 2026) paid 2,000 of its 2,000-credit cap, scaled down to 80 % to fit it.",
    ],
  ])("%j", (epochs, expected) => {
    expect(summariseRewards({ epochs, period: PERIOD })).toBe(expected);
  });
});

describe("summariseFreeRiders", () => {
  it.each([
    [
      [],
      "No epoch was computed in this range: the share of free-riders appears after each full day of telemetry.",
    ],
    [
      [{ day: DAY, freeRiders: 12, inGrace: 0, nodes: 300 }],
      "In the latest epoch (24 Nov 2026), 12 of 300 nodes (4 %) were free-riders past their grace period, downloading far more than they served.",
    ],
    [
      [
        { day: EARLIER, freeRiders: 0, inGrace: 0, nodes: 100 },
        { day: DAY, freeRiders: 10, inGrace: 3, nodes: 100 },
      ],
      "In the latest epoch (24 Nov 2026), 10 of 100 nodes (10 %) were free-riders past their grace period, downloading far more than they served, and 3 more were still in their grace period; 5 % across the 2 epochs shown.",
    ],
    [
      [{ day: DAY, freeRiders: 0, inGrace: 0, nodes: 0 }],
      "In the latest epoch (24 Nov 2026), 0 of 0 nodes (0 %) were free-riders past their grace period, downloading far more than they served.",
    ],
  ])("%j", (epochs, expected) => {
    expect(summariseFreeRiders({ epochs })).toBe(expected);
  });
});

describe("describeTopGroup", () => {
  it.each([
    [{ nodes: 300, topPercent: 10 }, "top 10 % of nodes"],
    [{ nodes: 300, topPercent: 1 }, "top 1 % of nodes"],
    // 10 of 95 nodes is 10.5 %: close enough to say 10 %.
    [{ nodes: 95, topPercent: 10 }, "top 10 % of nodes"],
    [{ nodes: 250, topPercent: 1 }, "top 3 nodes (1.2 % of nodes)"],
    [{ nodes: 3, topPercent: 10 }, "top 1 node (33.3 % of nodes)"],
    [{ nodes: 3, topPercent: 50 }, "top 2 nodes (66.7 % of nodes)"],
    [{ nodes: 1, topPercent: 1 }, "top 1 node (100 % of nodes)"],
  ])("%j", (input, expected) => {
    expect(describeTopGroup(input)).toBe(expected);
  });
});

describe("summariseParticipation", () => {
  const round3 = { number: 3, isOpen: false, eligibleOperators: 10, voters: 4, nodeTurnout: 0.5 };
  it.each([
    [[], "No voting round has opened yet: turnout appears here for each round once one opens."],
    [[round3], "In round 3, 4 of 10 eligible operators voted, speaking for 50 % of eligible nodes."],
    [
      [round3, { number: 4, isOpen: true, eligibleOperators: 1, voters: 1, nodeTurnout: 0.7 }],
      "In round 4 (still open), 1 of 1 eligible operator has voted so far, speaking for 70 % of eligible nodes; across the 2 rounds shown the average was 60 %.",
    ],
  ])("%j", (rounds, expected) => {
    expect(summariseParticipation({ rounds, hasOlderRounds: false, rangeLabel: "last 7 days" })).toBe(
      expected,
    );
  });

  it("points to a longer range when rounds opened only before this one", () => {
    expect(summariseParticipation({ rounds: [], hasOlderRounds: true, rangeLabel: "last 24 hours" })).toBe(
      "No round opened in the last 24 hours; pick a longer range.",
    );
  });
});

describe("summariseVotingPower", () => {
  const round3 = { number: 3, operators: 20, nakamoto: 3, gini: 0.31 };
  it.each([
    [
      [],
      "No voting round has opened yet: the spread of voting power appears here for each round once one opens.",
    ],
    [
      [{ number: 1, operators: 0, nakamoto: 0, gini: 0 }],
      "Round 1 had no eligible operators, so no one held voting power.",
    ],
    [
      [round3],
      "In round 3, 3 of 20 operators together held more than half of the voting power (Nakamoto coefficient 3: higher is more decentralised; Gini 0.31).",
    ],
    [
      [round3, { number: 4, operators: 22, nakamoto: 5, gini: 0.2 }],
      "In round 4, 5 of 22 operators together held more than half of the voting power (Nakamoto coefficient 5, up from 3 in round 3: higher is more decentralised; Gini 0.20).",
    ],
    [
      [round3, { number: 4, operators: 20, nakamoto: 2, gini: 0.4 }],
      "In round 4, 2 of 20 operators together held more than half of the voting power (Nakamoto coefficient 2, down from 3 in round 3: higher is more decentralised; Gini 0.40).",
    ],
    [
      [round3, { ...round3, number: 4 }],
      "In round 4, 3 of 20 operators together held more than half of the voting power (Nakamoto coefficient 3, the same as in round 3: higher is more decentralised; Gini 0.31).",
    ],
  ])("%j", (rounds, expected) => {
    expect(summariseVotingPower({ rounds, hasOlderRounds: false, rangeLabel: "last 7 days" })).toBe(expected);
  });

  it("points to a longer range when rounds opened only before this one", () => {
    expect(summariseVotingPower({ rounds: [], hasOlderRounds: true, rangeLabel: "last 7 days" })).toBe(
      "No round opened in the last 7 days; pick a longer range.",
    );
  });
});

describe("summariseSyncCoverage", () => {
  it.each([
    [
      { currentPercent: null, lowestPercent: 100, latestVersion: null },
      "No sync coverage was sampled in this range: the worker records every minute how many nodes run the latest config once nodes have a config endpoint.",
    ],
    [
      { currentPercent: 92, lowestPercent: 60, latestVersion: 7 },
      "92 % of nodes with a config endpoint run the latest config (version 7) now (lowest in this range: 60 %).",
    ],
    [
      { currentPercent: 100, lowestPercent: 100, latestVersion: null },
      "100 % of nodes with a config endpoint run the latest config now (lowest in this range: 100 %).",
    ],
  ])("%j", (input, expected) => {
    expect(summariseSyncCoverage(input)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { nodeTurnout, roundNakamoto } from "@/lib/domain/metrics/round-measures";

describe("nodeTurnout", () => {
  it.each([
    [0, 0, 0],
    [0, 6, 0],
    [5, 6, 5 / 6],
    [3, 3, 1],
  ])("of %i voting nodes out of %i eligible is %d", (votingNodes, eligibleNodes, turnout) => {
    expect(nodeTurnout({ votingNodes, eligibleNodes })).toBe(turnout);
  });
});

describe("roundNakamoto", () => {
  it.each([
    ["no round", null, null],
    ["a round nobody was eligible in", { operators: 0, nakamoto: 0 }, null],
    ["a round with one operator", { operators: 1, nakamoto: 1 }, 1],
    ["a round with three operators", { operators: 3, nakamoto: 2 }, 2],
  ])("of %s is %s", (_, power, nakamoto) => {
    expect(roundNakamoto(power)).toBe(nakamoto);
  });
});

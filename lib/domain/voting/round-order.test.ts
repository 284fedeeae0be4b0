import { describe, expect, it } from "vitest";
import { compareRatificationOrder, compareRoundProposals } from "./round-order";

const ids = (proposals: { id: string }[]) => proposals.map((proposal) => proposal.id);

describe("compareRatificationOrder", () => {
  it.each([
    [
      "net votes, highest first",
      [
        { id: "a", net: 1 },
        { id: "b", net: 5 },
        { id: "c", net: -2 },
      ],
      ["b", "a", "c"],
    ],
    [
      "ties by proposal id",
      [
        { id: "b", net: 3 },
        { id: "a", net: 3 },
        { id: "B", net: 3 },
      ],
      ["B", "a", "b"],
    ],
    [
      "net before id",
      [
        { id: "a", net: 0 },
        { id: "z", net: 1 },
      ],
      ["z", "a"],
    ],
  ])("%s", (_rule, proposals, order) => {
    expect(ids([...proposals].sort(compareRatificationOrder))).toEqual(order);
  });
});

describe("compareRoundProposals", () => {
  const proposals = [
    { id: "b", net: 4, publishedAt: 300 },
    { id: "a", net: -2, publishedAt: 100 },
    { id: "c", net: 4, publishedAt: 100 },
    { id: "d", net: 0, publishedAt: 200 },
  ];
  it.each([
    ["open", ["a", "c", "d", "b"]],
    ["counting", ["a", "c", "d", "b"]],
    ["closed", ["b", "c", "d", "a"]],
  ] as const)("lists a round %s as %j", (phase, order) => {
    expect(ids([...proposals].sort((x, y) => compareRoundProposals(phase, x, y)))).toEqual(order);
  });
});

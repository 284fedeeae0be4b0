import { describe, expect, it } from "vitest";
import { checkProposalText } from "./proposal-text-checks";

const valid = {
  title: "Pay more for serving data",
  summary: "Raise the pay per GB so that sharing pays.",
  rationale: "Home nodes earn too little today for the data they serve.",
};

describe("checkProposalText", () => {
  it("accepts texts within their limits, counting them trimmed and inclusively", () => {
    expect(checkProposalText(valid)).toEqual({});
    expect(checkProposalText({ ...valid, title: ` ${"x".repeat(120)} `, summary: "y".repeat(500) })).toEqual(
      {},
    );
  });

  it.each([
    ["title", "", /^Title needs at least 5 characters/],
    ["title", "  Pay ", /^Title needs at least 5 characters/],
    ["title", "x".repeat(121), /^Title is at most 120 characters/],
    ["title", "Two\nlines here", /^Title must be one line/],
    ["summary", "Too short", /^Summary needs at least 20 characters/],
    ["summary", "y".repeat(501), /^Summary is at most 500 characters/],
    ["rationale", "z".repeat(20_001), /^Rationale is at most 20,000 characters/],
  ] as const)("%s %j", (field, text, message) => {
    expect(checkProposalText({ ...valid, [field]: text })).toEqual({
      [field]: [expect.stringMatching(message)],
    });
  });
});

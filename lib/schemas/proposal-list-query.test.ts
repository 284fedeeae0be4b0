import { describe, expect, it } from "vitest";
import { proposalListQueryFromSearchParams } from "./proposal-list-query";

const DEFAULTS = {
  state: undefined,
  category: undefined,
  query: undefined,
  sort: "newest",
  page: 1,
  pageSize: 20,
};

describe("proposalListQueryFromSearchParams", () => {
  it("uses the defaults for an empty query string", () => {
    expect(proposalListQueryFromSearchParams({})).toEqual(DEFAULTS);
  });

  it("reads every filter", () => {
    expect(
      proposalListQueryFromSearchParams({
        search: "  pay per GB ",
        state: "open",
        category: "reward",
        sort: "discussion-ends",
        page: "3",
        pageSize: "50",
      }),
    ).toEqual({
      state: "open",
      category: "reward",
      query: "pay per GB",
      sort: "discussion-ends",
      page: 3,
      pageSize: 50,
    });
  });

  it("takes the first of repeated keys", () => {
    expect(proposalListQueryFromSearchParams({ state: ["Queued", "Cancelled"] }).state).toBe("Queued");
  });

  it.each([
    ["state", "Nope"],
    ["state", "discussion"],
    ["category", "money"],
    ["sort", "random"],
    ["page", "0"],
    ["page", "-2"],
    ["page", "two"],
    ["pageSize", "5"],
    ["pageSize", "500"],
    ["search", "x".repeat(101)],
    ["search", "   "],
  ])("falls back to the default for %s=%j", (name, value) => {
    expect(proposalListQueryFromSearchParams({ [name]: value })).toEqual(DEFAULTS);
  });
});

import { describe, expect, it } from "vitest";
import { discussionLimitRefusal, draftLimitRefusal } from "./proposal-limits";

describe("draftLimitRefusal", () => {
  it.each([
    [0, null],
    [19, null],
    [
      20,
      "You already have 20 drafts, the most allowed. Publish or withdraw a draft you no longer need, then save this one.",
    ],
    [
      21,
      "You already have 21 drafts, the most allowed. Publish or withdraw a draft you no longer need, then save this one.",
    ],
  ])("%i drafts → %s", (drafts, expected) => {
    expect(draftLimitRefusal(drafts)).toBe(expected);
  });
});

describe("discussionLimitRefusal", () => {
  it.each([
    [0, null],
    [2, null],
    [
      3,
      "You already have 3 proposals in discussion, the most allowed at once. Publish this draft when one of them has been queued for voting, or withdraw one first.",
    ],
  ])("%i in discussion → %s", (inDiscussion, expected) => {
    expect(discussionLimitRefusal(inDiscussion)).toBe(expected);
  });
});

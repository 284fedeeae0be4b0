import { describe, expect, it } from "vitest";
import {
  canEditComment,
  COMMENT_EDIT_WINDOW_MS,
  commentActions,
  editTimeLeftMs,
  parameterThreadKey,
  parseThreadKey,
  proposalThreadAccess,
  proposalThreadKey,
  replyRefusal,
  SIGN_IN_TO_DISCUSS,
  threadPostingAccess,
} from "./comment-rules";

const POSTED = new Date("2026-11-25T12:00:00.000Z");
const after = (ms: number) => new Date(POSTED.getTime() + ms);
const comment = { authorId: "alice", createdAt: POSTED, hiddenAt: null };

describe("canEditComment", () => {
  it.each([
    ["the author right after posting", comment, "alice", after(0), true],
    ["the author a minute in", comment, "alice", after(60_000), true],
    ["the author at exactly 15 minutes", comment, "alice", after(COMMENT_EDIT_WINDOW_MS), true],
    ["the author 1 ms after the window", comment, "alice", after(COMMENT_EDIT_WINDOW_MS + 1), false],
    ["the author a day later", comment, "alice", after(86_400_000), false],
    ["someone else inside the window", comment, "bob", after(60_000), false],
    ["an anonymous viewer", comment, null, after(0), false],
    ["the author of a hidden comment", { ...comment, hiddenAt: after(1) }, "alice", after(60_000), false],
  ] as const)("%s → %s", (_name, subject, viewer, now, expected) => {
    expect(canEditComment(subject, viewer, now)).toBe(expected);
  });
});

describe("editTimeLeftMs", () => {
  it.each([
    [0, COMMENT_EDIT_WINDOW_MS],
    [60_000, COMMENT_EDIT_WINDOW_MS - 60_000],
    [COMMENT_EDIT_WINDOW_MS, 0],
    [COMMENT_EDIT_WINDOW_MS + 5_000, 0],
    [-90_000, COMMENT_EDIT_WINDOW_MS],
  ])("%i ms after posting leaves %i ms", (elapsed, left) => {
    expect(editTimeLeftMs(comment, after(elapsed))).toBe(left);
  });
});

describe("replyRefusal", () => {
  it("accepts a reply to a visible top-level comment", () => {
    expect(replyRefusal({ parentId: null, hiddenAt: null })).toBeNull();
  });
  it("refuses a reply to a reply: one level deep", () => {
    expect(replyRefusal({ parentId: "top", hiddenAt: null })).toBe(
      "Replies go one level deep: reply to the first comment of the thread instead.",
    );
  });
  it("refuses a reply under a hidden comment", () => {
    expect(replyRefusal({ parentId: null, hiddenAt: POSTED })).toContain("hid this comment");
  });
});

describe("parseThreadKey", () => {
  it.each([
    ["proposal:cm4abc123", { kind: "proposal", proposalId: "cm4abc123" }],
    ["proposal:demo_proposal-1", { kind: "proposal", proposalId: "demo_proposal-1" }],
    ["parameter:reward.perGbUploaded", { kind: "parameter", parameterKey: "reward.perGbUploaded" }],
    ["parameter:gov.discussionPeriodHours", { kind: "parameter", parameterKey: "gov.discussionPeriodHours" }],
  ])("%s parses", (key, expected) => {
    expect(parseThreadKey(key)).toEqual(expected);
  });

  it.each([
    "",
    "proposal",
    "proposal:",
    "proposal:has space",
    "proposal:a/b",
    `proposal:${"x".repeat(65)}`,
    "parameter:",
    "parameter:reward.unknown",
    "parameter:REWARD.PERGBUPLOADED",
    "node:abc",
    "Proposal:abc",
    " proposal:abc",
  ])("%j is not a thread", (key) => {
    expect(parseThreadKey(key)).toBeNull();
  });

  it("round-trips the keys it builds", () => {
    expect(parseThreadKey(proposalThreadKey("abc"))).toEqual({ kind: "proposal", proposalId: "abc" });
    expect(parseThreadKey(parameterThreadKey("freeRider.graceDays"))).toEqual({
      kind: "parameter",
      parameterKey: "freeRider.graceDays",
    });
  });
});

describe("proposalThreadAccess", () => {
  it.each([
    ["Draft", null, false, false],
    ["Discussion", POSTED, true, false],
    ["Queued", POSTED, true, false],
    ["Withdrawn", POSTED, true, true],
    ["Withdrawn", null, false, false],
    ["Cancelled", POSTED, true, true],
    ["Cancelled", null, false, false],
  ])("%s published at %s: visible %s, closed %s", (state, publishedAt, isVisible, isClosed) => {
    const access = proposalThreadAccess({ state, publishedAt });
    expect(access.isVisible).toBe(isVisible);
    expect(access.closedReason !== null).toBe(isClosed);
  });
});

describe("threadPostingAccess", () => {
  const CLOSED = "The author withdrew this proposal, so its discussion is closed to new comments.";
  it.each([
    ["a signed-in operator, open thread", null, true, { canPost: true, postBlockedReason: null }],
    ["a signed-in operator, closed thread", CLOSED, true, { canPost: false, postBlockedReason: CLOSED }],
    [
      "an anonymous reader, open thread",
      null,
      false,
      { canPost: false, postBlockedReason: SIGN_IN_TO_DISCUSS },
    ],
    [
      "an anonymous reader, closed thread",
      CLOSED,
      false,
      { canPost: false, postBlockedReason: SIGN_IN_TO_DISCUSS },
    ],
  ])("%s", (_name, closedReason, isSignedIn, expected) => {
    expect(threadPostingAccess(closedReason, isSignedIn)).toEqual(expected);
  });
});

describe("commentActions", () => {
  const topLevel = { ...comment, parentId: null };
  const reply = { ...comment, parentId: "top" };
  const hidden = { ...topLevel, hiddenAt: after(1) };
  const alice = { id: "alice", role: "operator" } as const;
  const steward = { id: "sam", role: "steward" } as const;
  const admin = { id: "ada", role: "admin" } as const;
  const inWindow = { now: after(60_000), canPost: true };
  it.each([
    ["the author, in the window", topLevel, alice, inWindow, [true, false, true]],
    [
      "the author, after the window",
      topLevel,
      alice,
      { ...inWindow, now: after(86_400_000) },
      [false, false, true],
    ],
    ["a steward", topLevel, steward, inWindow, [false, true, true]],
    ["an admin, on a reply", reply, admin, inWindow, [false, true, false]],
    ["a steward, on a hidden comment", hidden, steward, inWindow, [false, false, false]],
    [
      "the author, where posting is closed",
      topLevel,
      alice,
      { ...inWindow, canPost: false },
      [true, false, false],
    ],
    ["an anonymous reader", topLevel, null, { ...inWindow, canPost: false }, [false, false, false]],
  ] as const)("%s", (_name, subject, viewer, context, [canEdit, canHide, canReply]) => {
    expect(commentActions(subject, viewer, context)).toEqual({ canEdit, canHide, canReply });
  });
});

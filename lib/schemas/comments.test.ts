import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  COMMENT_BODY_MAX,
  editCommentInputSchema,
  hideCommentInputSchema,
  listCommentsInputSchema,
  postCommentInputSchema,
} from "./comments";

function firstError(result: { success: boolean; error?: z.ZodError }): { field: string; message: string } {
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { field: issue.path.join("."), message: issue.message };
}

describe("listCommentsInputSchema", () => {
  it("defaults to the first page of 20", () => {
    expect(listCommentsInputSchema.parse({ threadKey: "parameter:freeRider.graceDays" })).toEqual({
      threadKey: "parameter:freeRider.graceDays",
      page: 1,
      pageSize: 20,
    });
  });

  it.each([
    [{ threadKey: "node:abc" }, "threadKey", '"proposal:<id>" or "parameter:<parameter key>"'],
    [{ threadKey: "parameter:" }, "threadKey", "parameter key"],
    [{ threadKey: "proposal:a", page: 0 }, "page", "at least 1"],
    [{ threadKey: "proposal:a", page: 1.5 }, "page", "whole number"],
    [{ threadKey: "proposal:a", pageSize: 4 }, "pageSize", "at least 5"],
    [{ threadKey: "proposal:a", pageSize: 51 }, "pageSize", "at most 50"],
  ])("refuses %o naming %s", (input, field, message) => {
    const error = firstError(listCommentsInputSchema.safeParse(input));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});

describe("postCommentInputSchema", () => {
  it("trims the body and keeps line breaks inside it", () => {
    expect(
      postCommentInputSchema.parse({ threadKey: "proposal:abc", body: "  first line\n\n- a\tb  \n" }),
    ).toEqual({ threadKey: "proposal:abc", body: "first line\n\n- a\tb" });
  });

  it("accepts exactly the maximum length after trimming", () => {
    const body = `  ${"x".repeat(COMMENT_BODY_MAX)}  `;
    expect(postCommentInputSchema.safeParse({ threadKey: "proposal:abc", body }).success).toBe(true);
  });

  it.each([
    [{ threadKey: "proposal:abc", body: "" }, "body", "empty"],
    [{ threadKey: "proposal:abc", body: " \n\t " }, "body", "empty"],
    [{ threadKey: "proposal:abc", body: "x".repeat(COMMENT_BODY_MAX + 1) }, "body", "at most 5,000"],
    [{ threadKey: "proposal:abc", body: "bell\u0007" }, "body", "control characters"],
    [{ threadKey: "proposal:abc", body: "ok", parentId: "" }, "parentId", "Reply target is required"],
    [{ threadKey: "proposal:a b", body: "ok" }, "threadKey", "Thread must be"],
  ])("refuses %o naming %s", (input, field, message) => {
    const error = firstError(postCommentInputSchema.safeParse(input));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});

describe("editCommentInputSchema and hideCommentInputSchema", () => {
  it("edits need a comment id and a body", () => {
    expect(firstError(editCommentInputSchema.safeParse({ commentId: "", body: "x" })).field).toBe(
      "commentId",
    );
    expect(editCommentInputSchema.parse({ commentId: "c1", body: " new " })).toEqual({
      commentId: "c1",
      body: "new",
    });
  });

  it.each([
    ["spam", "at least 5"],
    ["    spam    ", "at least 5"],
    ["x".repeat(301), "at most 300"],
    ["two\nlines", "one line"],
  ])("a hide reason %j is refused (%s)", (reason, message) => {
    const error = firstError(hideCommentInputSchema.safeParse({ commentId: "c1", reason }));
    expect(error.field).toBe("reason");
    expect(error.message).toContain(message);
  });

  it("a hide reason is trimmed", () => {
    expect(hideCommentInputSchema.parse({ commentId: "c1", reason: "  Off-topic advert " }).reason).toBe(
      "Off-topic advert",
    );
  });
});

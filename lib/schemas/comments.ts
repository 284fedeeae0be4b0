import { z } from "zod";
import type { CommentActions } from "@/lib/domain/governance/comment-rules";
import { roleSchema } from "@/lib/domain/roles";
import { pageSchema } from "./page";

export const COMMENT_BODY_MAX = 5000;
export const HIDE_REASON_MIN = 5;
export const HIDE_REASON_MAX = 300;
export const COMMENT_PAGE_SIZE_MIN = 5;
export const COMMENT_PAGE_SIZE_MAX = 50;
export const COMMENT_PAGE_SIZE_DEFAULT = 20;

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
const CONTROL_EXCEPT_LINE_BREAKS_AND_TABS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The shape of a thread key; whether the proposal or parameter exists is the service's question (NOT_FOUND). */
export const threadKeySchema = z
  .string({ error: "Thread is required" })
  .max(200, { error: "Thread is at most 200 characters" })
  .regex(/^(proposal|parameter):\S+$/, {
    error: 'Thread must be "proposal:<id>" or "parameter:<parameter key>"',
  });

export const commentBodySchema = z
  .string({ error: "Comment is required" })
  .trim()
  .min(1, { error: "Comment is empty: write something before posting" })
  .max(COMMENT_BODY_MAX, {
    error: `Comment is at most ${COMMENT_BODY_MAX.toLocaleString("en")} characters: shorten it or split it in two`,
  })
  .refine((body) => !CONTROL_EXCEPT_LINE_BREAKS_AND_TABS.test(body), {
    error: "Comment must not contain control characters (line breaks and tabs are fine)",
  });

const idSchema = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .min(1, { error: `${name} is required` })
    .max(64, { error: `${name} is at most 64 characters` })
    .regex(NO_CONTROL_CHARACTERS, { error: `${name} must not contain control characters` });

export const listCommentsInputSchema = z.object({
  threadKey: threadKeySchema,
  page: z.int({ error: "Page must be a whole number" }).min(1, { error: "Page is at least 1" }).default(1),
  pageSize: z
    .int({ error: "Page size must be a whole number" })
    .min(COMMENT_PAGE_SIZE_MIN, { error: `Page size is at least ${COMMENT_PAGE_SIZE_MIN}` })
    .max(COMMENT_PAGE_SIZE_MAX, { error: `Page size is at most ${COMMENT_PAGE_SIZE_MAX}` })
    .default(COMMENT_PAGE_SIZE_DEFAULT),
});

export const postCommentInputSchema = z.object({
  threadKey: threadKeySchema,
  parentId: idSchema("Reply target").optional(),
  body: commentBodySchema,
});

export const editCommentInputSchema = z.object({
  commentId: idSchema("Comment id"),
  body: commentBodySchema,
});

export const hideCommentInputSchema = z.object({
  commentId: idSchema("Comment id"),
  reason: z
    .string({ error: "Reason is required" })
    .trim()
    .min(HIDE_REASON_MIN, {
      error: `Reason is at least ${HIDE_REASON_MIN} characters: say in a few words why the comment is hidden`,
    })
    .max(HIDE_REASON_MAX, { error: `Reason is at most ${HIDE_REASON_MAX} characters` })
    .regex(NO_CONTROL_CHARACTERS, { error: "Reason must be one line without control characters" }),
});

export type ListCommentsInput = z.input<typeof listCommentsInputSchema>;
export type PostCommentInput = z.infer<typeof postCommentInputSchema>;
export type EditCommentInput = z.infer<typeof editCommentInputSchema>;
export type HideCommentInput = z.infer<typeof hideCommentInputSchema>;

const commentActionsSchema = z.object({
  canEdit: z.boolean(),
  canHide: z.boolean(),
  canReply: z.boolean(),
}) satisfies z.ZodType<CommentActions>;

/**
 * One comment as every reader sees it: the body is null once a steward has hidden it. The author's
 * role is the account's, for the badge beside the name (names may not claim a role themselves).
 */
export const commentViewSchema = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), displayName: z.string(), role: roleSchema }),
  body: z.string().nullable(),
  hidden: z.object({ reason: z.string(), at: z.date() }).nullable(),
  createdAt: z.date(),
  editedAt: z.date().nullable(),
  viewer: commentActionsSchema,
});
export type CommentView = z.infer<typeof commentViewSchema>;

const commentThreadItemSchema = commentViewSchema.extend({ replies: z.array(commentViewSchema) });
export type CommentThreadItem = z.infer<typeof commentThreadItemSchema>;

/** A page of top-level comments (`total` counts no replies), with whether the viewer may post. */
export const commentThreadSchema = pageSchema(commentThreadItemSchema).extend({
  threadKey: z.string(),
  canPost: z.boolean(),
  postBlockedReason: z.string().nullable(),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const commentWriteSchema = z.object({ commentId: z.string() });
export type CommentWrite = z.infer<typeof commentWriteSchema>;

export const editedCommentSchema = commentWriteSchema.extend({ editedAt: z.date() });
export type EditedComment = z.infer<typeof editedCommentSchema>;

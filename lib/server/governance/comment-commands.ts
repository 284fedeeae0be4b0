import { DomainError } from "@/lib/domain/errors";
import { canEditComment, COMMENT_EDIT_WINDOW_MS, replyRefusal } from "@/lib/domain/governance/comment-rules";
import { canModerate } from "@/lib/domain/roles";
import type {
  CommentWrite,
  EditCommentInput,
  EditedComment,
  HideCommentInput,
  PostCommentInput,
} from "@/lib/schemas/comments";
import { loadThreadAccess, type CommentViewer } from "@/lib/server/governance/comment-queries";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import type { Db } from "@/lib/server/platform/db";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";

/** Posts a comment or a one-level reply; at most 10 a minute and 100 a day per operator. */
export async function postComment(
  db: Db,
  { threadKey, parentId, body, authorId, now }: PostCommentInput & { authorId: string; now: Date },
): Promise<CommentWrite> {
  await enforceRateLimit(db, RATE_LIMITS.commentPostPerMinute, { subject: authorId, now });
  await enforceRateLimit(db, RATE_LIMITS.commentPostPerDay, { subject: authorId, now });
  // Withdrawing or cancelling holds the chain lock too: a comment cannot slip in after the thread closed.
  return withGovernanceTransaction(db, async (tx) => {
    const { closedReason } = await loadThreadAccess(tx, threadKey);
    if (closedReason) throw new DomainError("CONFLICT", closedReason);
    if (parentId !== undefined) {
      const parent = await tx.comment.findUnique({
        where: { id: parentId },
        select: { threadKey: true, parentId: true, hiddenAt: true },
      });
      if (!parent || parent.threadKey !== threadKey) {
        throw new DomainError(
          "NOT_FOUND",
          "The comment you are replying to is not in this discussion. Reload the page and reply again.",
        );
      }
      const refusal = replyRefusal(parent);
      if (refusal) throw new DomainError(parent.parentId === null ? "CONFLICT" : "BAD_INPUT", refusal);
    }
    const { id } = await tx.comment.create({
      data: { threadKey, parentId: parentId ?? null, authorId, body, createdAt: now },
      select: { id: true },
    });
    return { commentId: id };
  });
}

/** The author rewrites a visible comment within 15 minutes of posting; it is then marked edited. */
export async function editComment(
  db: Db,
  { commentId, body, editorId, now }: EditCommentInput & { editorId: string; now: Date },
): Promise<EditedComment> {
  await enforceRateLimit(db, RATE_LIMITS.commentEdit, { subject: editorId, now });
  return withGovernanceTransaction(db, async (tx) => {
    const comment = await tx.comment.findUnique({
      where: { id: commentId },
      select: { authorId: true, createdAt: true, hiddenAt: true, threadKey: true },
    });
    if (!comment) {
      throw new DomainError("NOT_FOUND", "There is no comment with this id. Reload the discussion.");
    }
    if (comment.authorId !== editorId) {
      throw new DomainError("FORBIDDEN", "Only the person who wrote a comment can edit it.");
    }
    if (comment.hiddenAt) {
      throw new DomainError("CONFLICT", "A steward hid this comment, so it can no longer be edited.");
    }
    const { closedReason } = await loadThreadAccess(tx, comment.threadKey);
    if (closedReason) throw new DomainError("CONFLICT", closedReason);
    if (!canEditComment(comment, editorId, now)) {
      throw new DomainError(
        "CONFLICT",
        `Comments can be edited for ${COMMENT_EDIT_WINDOW_MS / 60_000} minutes after posting, and that time has passed. Post a reply to add to what you wrote.`,
      );
    }
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, authorId: editorId, hiddenAt: null },
      data: { body, editedAt: now },
    });
    if (count !== 1) {
      throw new DomainError("CONFLICT", "This comment changed while you edited it. Reload the discussion.");
    }
    return { commentId, editedAt: now };
  });
}

/**
 * A steward or admin hides a comment with a public reason, at most 30 a minute; the body stays stored
 * but is never sent again. The `comment.hidden` governance event is written in the same transaction.
 */
export async function hideComment(
  db: Db,
  { commentId, reason, moderator, now }: HideCommentInput & { moderator: CommentViewer; now: Date },
): Promise<CommentWrite> {
  if (!canModerate(moderator.role)) {
    throw new DomainError("FORBIDDEN", "Only stewards and admins can hide comments.");
  }
  await enforceRateLimit(db, RATE_LIMITS.commentHide, { subject: moderator.id, now });
  return withGovernanceTransaction(db, async (tx) => {
    const comment = await tx.comment.findUnique({
      where: { id: commentId },
      select: { threadKey: true },
    });
    if (!comment) {
      throw new DomainError("NOT_FOUND", "There is no comment with this id. Reload the discussion.");
    }
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, hiddenAt: null },
      data: { hiddenAt: now, hiddenReason: reason, hiddenById: moderator.id },
    });
    if (count !== 1) {
      throw new DomainError(
        "CONFLICT",
        "This comment is already hidden by a steward. Reload the discussion to see the reason given.",
      );
    }
    await appendGovernanceEvent(
      tx,
      {
        type: "comment.hidden",
        subject: `comment:${commentId}`,
        data: { threadKey: comment.threadKey, commentId, reason, stewardId: moderator.id },
      },
      now,
    );
    return { commentId };
  });
}

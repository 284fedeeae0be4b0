import { DomainError } from "@/lib/domain/errors";
import {
  canEditComment,
  COMMENT_EDIT_WINDOW_MS,
  parseThreadKey,
  proposalThreadAccess,
  replyRefusal,
} from "@/lib/domain/governance/comment-rules";
import { canModerate, type Role } from "@/lib/domain/roles";
import {
  SIGN_IN_TO_DISCUSS,
  type CommentThread,
  type CommentThreadItem,
  type CommentView,
  type EditCommentInput,
  type HideCommentInput,
  type PostCommentInput,
} from "@/lib/schemas/comments";
import type { Db, DbOrTransaction } from "@/lib/server/platform/db";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";

export interface CommentViewer {
  id: string;
  role: Role;
}

const COMMENT_FIELDS = {
  id: true,
  parentId: true,
  authorId: true,
  body: true,
  createdAt: true,
  editedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  author: { select: { id: true, displayName: true } },
} as const;

interface CommentRow {
  id: string;
  parentId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  author: { id: string; displayName: string };
}

const UNKNOWN_THREAD =
  "There is no discussion here: the proposal does not exist or is still a draft, or the parameter is not in the catalogue. Check the link, or find it from the proposals or parameters list.";

/** The thread exists for readers (else NOT_FOUND); `closedReason` says why it takes no new comments. */
async function loadThreadAccess(
  db: DbOrTransaction,
  threadKey: string,
): Promise<{ closedReason: string | null }> {
  const thread = parseThreadKey(threadKey);
  if (!thread) throw new DomainError("NOT_FOUND", UNKNOWN_THREAD);
  if (thread.kind === "parameter") return { closedReason: null };
  const proposal = await db.proposal.findUnique({
    where: { id: thread.proposalId },
    select: { state: true, publishedAt: true },
  });
  // A draft its author withdrew was never public, so neither is its thread.
  const access = proposal?.publishedAt ? proposalThreadAccess(proposal.state) : null;
  if (!access?.isVisible) throw new DomainError("NOT_FOUND", UNKNOWN_THREAD);
  return { closedReason: access.closedReason };
}

function toView(row: CommentRow, viewer: CommentViewer | null, now: Date, canReply: boolean): CommentView {
  const isHidden = row.hiddenAt !== null;
  return {
    id: row.id,
    author: row.author,
    body: isHidden ? null : row.body,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "", at: row.hiddenAt } : null,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    viewer: {
      canEdit: canEditComment(row, viewer?.id ?? null, now),
      canHide: viewer !== null && canModerate(viewer.role) && !isHidden,
      canReply,
    },
  };
}

/** One page of a thread's top-level comments (oldest first), each with all its replies (oldest first). */
export async function listComments(
  db: DbOrTransaction,
  {
    threadKey,
    page,
    pageSize,
    viewer,
    now,
  }: { threadKey: string; page: number; pageSize: number; viewer: CommentViewer | null; now: Date },
): Promise<CommentThread> {
  const { closedReason } = await loadThreadAccess(db, threadKey);
  const topLevel = { threadKey, parentId: null };
  const [total, rows] = await Promise.all([
    db.comment.count({ where: topLevel }),
    db.comment.findMany({
      where: topLevel,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: COMMENT_FIELDS,
    }),
  ]);
  const replies =
    rows.length === 0
      ? []
      : await db.comment.findMany({
          where: { threadKey, parentId: { in: rows.map((row) => row.id) } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: COMMENT_FIELDS,
        });
  const canPost = viewer !== null && closedReason === null;
  const items = rows.map((row): CommentThreadItem => ({
    ...toView(row, viewer, now, canPost && replyRefusal(row) === null),
    replies: replies
      .filter((reply) => reply.parentId === row.id)
      .map((reply) => toView(reply, viewer, now, false)),
  }));
  return {
    threadKey,
    items,
    total,
    page,
    pageSize,
    canPost,
    postBlockedReason: viewer === null ? SIGN_IN_TO_DISCUSS : closedReason,
  };
}

/** Posts a comment or a one-level reply; at most 10 a minute and 100 a day per operator. */
export async function postComment(
  db: Db,
  { threadKey, parentId, body, authorId, now }: PostCommentInput & { authorId: string; now: Date },
): Promise<{ commentId: string }> {
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
): Promise<{ commentId: string; editedAt: Date }> {
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
): Promise<{ commentId: string }> {
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

import { isParameterKey, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import { canModerate, type Role } from "@/lib/domain/roles";

/** A comment can be edited by its author for this long after it was posted. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60_000;

export type ThreadKey =
  { kind: "proposal"; proposalId: string } | { kind: "parameter"; parameterKey: ParameterKey };

const PROPOSAL_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** "proposal:<id>" or "parameter:<catalogue key>" → the thread it names; null for anything else. */
export function parseThreadKey(threadKey: string): ThreadKey | null {
  const separator = threadKey.indexOf(":");
  if (separator < 0) return null;
  const kind = threadKey.slice(0, separator);
  const id = threadKey.slice(separator + 1);
  if (kind === "proposal" && PROPOSAL_ID.test(id)) return { kind, proposalId: id };
  if (kind === "parameter" && isParameterKey(id)) return { kind, parameterKey: id };
  return null;
}

export function proposalThreadKey(proposalId: string): string {
  return `proposal:${proposalId}`;
}

export function parameterThreadKey(parameterKey: ParameterKey): string {
  return `parameter:${parameterKey}`;
}

export interface EditableComment {
  authorId: string;
  createdAt: Date;
  hiddenAt: Date | null;
}

/** Milliseconds of the edit window left at `now` (0 once it has closed). */
export function editTimeLeftMs(comment: Pick<EditableComment, "createdAt">, now: Date): number {
  // Clamped: a clock slightly behind the server's must not promise more than the window.
  const left = comment.createdAt.getTime() + COMMENT_EDIT_WINDOW_MS - now.getTime();
  return Math.min(COMMENT_EDIT_WINDOW_MS, Math.max(0, left));
}

/** Only the author edits, only while the comment is visible and at most 15 minutes after posting. */
export function canEditComment(comment: EditableComment, viewerId: string | null, now: Date): boolean {
  return (
    viewerId !== null &&
    comment.authorId === viewerId &&
    comment.hiddenAt === null &&
    now.getTime() <= comment.createdAt.getTime() + COMMENT_EDIT_WINDOW_MS
  );
}

/** Why a comment cannot take a reply (replies go one level deep, never under a hidden comment), or null. */
export function replyRefusal(parent: { parentId: string | null; hiddenAt: Date | null }): string | null {
  if (parent.parentId !== null) {
    return "Replies go one level deep: reply to the first comment of the thread instead.";
  }
  if (parent.hiddenAt !== null) {
    return "A steward hid this comment, so it takes no new replies. Start a new comment instead.";
  }
  return null;
}

/** What a viewer may do with one comment. */
export interface CommentActions {
  canEdit: boolean;
  canHide: boolean;
  canReply: boolean;
}

/**
 * The author edits a comment (canEditComment), a steward or admin hides it while it is visible, and
 * anyone who may post in the thread replies where replyRefusal allows.
 */
export function commentActions(
  comment: EditableComment & { parentId: string | null },
  viewer: { id: string; role: Role } | null,
  { now, canPost }: { now: Date; canPost: boolean },
): CommentActions {
  return {
    canEdit: canEditComment(comment, viewer?.id ?? null, now),
    canHide: viewer !== null && canModerate(viewer.role) && comment.hiddenAt === null,
    canReply: canPost && replyRefusal(comment) === null,
  };
}

/** `postBlockedReason` for anonymous readers: the page shows a sign-in link instead of the form. */
export const SIGN_IN_TO_DISCUSS = "Sign in to join the discussion.";

/** Signed-in operators post in a thread that is not closed; anonymous readers are asked to sign in. */
export function threadPostingAccess(
  closedReason: string | null,
  isSignedIn: boolean,
): { canPost: boolean; postBlockedReason: string | null } {
  return {
    canPost: isSignedIn && closedReason === null,
    postBlockedReason: isSignedIn ? closedReason : SIGN_IN_TO_DISCUSS,
  };
}

const CLOSED_DISCUSSIONS: Readonly<Record<string, string>> = {
  Withdrawn: "The author withdrew this proposal, so its discussion is closed to new comments.",
  Cancelled: "A steward cancelled this proposal, so its discussion is closed to new comments.",
};

/**
 * A proposal's thread exists once the proposal is published (a draft its author withdrew never was);
 * a withdrawn or cancelled proposal's thread is read-only.
 */
export function proposalThreadAccess(proposal: { state: string; publishedAt: Date | null }): {
  isVisible: boolean;
  closedReason: string | null;
} {
  if (proposal.state === "Draft" || proposal.publishedAt === null) {
    return { isVisible: false, closedReason: null };
  }
  return { isVisible: true, closedReason: CLOSED_DISCUSSIONS[proposal.state] ?? null };
}

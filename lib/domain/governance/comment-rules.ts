import { isParameterKey, type ParameterKey } from "@/lib/domain/parameters/catalogue";

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

const CLOSED_DISCUSSIONS: Readonly<Record<string, string>> = {
  Withdrawn: "The author withdrew this proposal, so its discussion is closed to new comments.",
  Cancelled: "A steward cancelled this proposal, so its discussion is closed to new comments.",
};

/** A draft's thread does not exist yet; a withdrawn or cancelled proposal's thread is read-only. */
export function proposalThreadAccess(state: string): { isVisible: boolean; closedReason: string | null } {
  if (state === "Draft") return { isVisible: false, closedReason: null };
  return { isVisible: true, closedReason: CLOSED_DISCUSSIONS[state] ?? null };
}

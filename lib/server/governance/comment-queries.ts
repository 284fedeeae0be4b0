import { DomainError } from "@/lib/domain/errors";
import {
  commentActions,
  parseThreadKey,
  proposalThreadAccess,
  threadPostingAccess,
} from "@/lib/domain/governance/comment-rules";
import { roleSchema, type Role } from "@/lib/domain/roles";
import type { CommentThread, CommentView } from "@/lib/schemas/comments";
import { toPage } from "@/lib/schemas/page";
import type { DbOrTransaction } from "@/lib/server/platform/db";

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
  author: { select: { id: true, displayName: true, role: true } },
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
  author: { id: string; displayName: string; role: string };
}

const UNKNOWN_THREAD =
  "There is no discussion here: the proposal does not exist or is still a draft, or the parameter is not in the catalogue. Check the link, or find it from the proposals or parameters list.";

/** The thread exists for readers (else NOT_FOUND); `closedReason` says why it takes no new comments. */
export async function loadThreadAccess(
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
  const access = proposal ? proposalThreadAccess(proposal) : null;
  if (!access?.isVisible) throw new DomainError("NOT_FOUND", UNKNOWN_THREAD);
  return { closedReason: access.closedReason };
}

/** The author's role for the badge beside the name; a role this version does not know shows none. */
function authorRole(stored: string): Role {
  const role = roleSchema.safeParse(stored);
  return role.success ? role.data : "operator";
}

function toView(
  row: CommentRow,
  viewer: CommentViewer | null,
  context: { now: Date; canPost: boolean },
): CommentView {
  return {
    id: row.id,
    author: { id: row.author.id, displayName: row.author.displayName, role: authorRole(row.author.role) },
    body: row.hiddenAt ? null : row.body,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "", at: row.hiddenAt } : null,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    viewer: commentActions(row, viewer, context),
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
  const posting = threadPostingAccess(closedReason, viewer !== null);
  const context = { now, canPost: posting.canPost };
  const items = rows.map((row) => ({
    ...toView(row, viewer, context),
    replies: replies
      .filter((reply) => reply.parentId === row.id)
      .map((reply) => toView(reply, viewer, context)),
  }));
  return { threadKey, ...toPage(items, { total, page, pageSize }), ...posting };
}

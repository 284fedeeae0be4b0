import {
  commentThreadSchema,
  commentWriteSchema,
  editCommentInputSchema,
  editedCommentSchema,
  hideCommentInputSchema,
  listCommentsInputSchema,
  postCommentInputSchema,
} from "@/lib/schemas/comments";
import { editComment, hideComment, postComment } from "@/lib/server/governance/comment-commands";
import { listComments } from "@/lib/server/governance/comment-queries";
import { createTRPCRouter, operatorProcedure, publicProcedure, stewardProcedure } from "../init";

export const commentsRouter = createTRPCRouter({
  /** A page of a discussion, readable by anyone; hidden comments come without their body. */
  list: publicProcedure
    .input(listCommentsInputSchema)
    .output(commentThreadSchema)
    .query(({ ctx, input }) =>
      listComments(ctx.db, {
        ...input,
        viewer: ctx.operator ? { id: ctx.operator.id, role: ctx.operator.role } : null,
        now: ctx.now(),
      }),
    ),
  post: operatorProcedure
    .input(postCommentInputSchema)
    .output(commentWriteSchema)
    .mutation(({ ctx, input }) =>
      postComment(ctx.db, { ...input, authorId: ctx.operator.id, now: ctx.now() }),
    ),
  edit: operatorProcedure
    .input(editCommentInputSchema)
    .output(editedCommentSchema)
    .mutation(({ ctx, input }) =>
      editComment(ctx.db, { ...input, editorId: ctx.operator.id, now: ctx.now() }),
    ),
  hide: stewardProcedure
    .input(hideCommentInputSchema)
    .output(commentWriteSchema)
    .mutation(({ ctx, input }) =>
      hideComment(ctx.db, {
        ...input,
        moderator: { id: ctx.operator.id, role: ctx.operator.role },
        now: ctx.now(),
      }),
    ),
});

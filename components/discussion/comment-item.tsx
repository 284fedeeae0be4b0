"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Markdown } from "@/components/markdown";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { editTimeLeftMs } from "@/lib/domain/governance/comment-rules";
import { roleBadgeLabel } from "@/lib/domain/identity/role-badge";
import type { CommentView } from "@/lib/schemas/comments";
import { useTRPC } from "@/lib/trpc/client";
import { CommentForm } from "./comment-form";
import { HideCommentForm } from "./hide-comment-form";

type Mode = "reply" | "edit" | "hide" | null;

function minutesLeft(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** One comment with its reply, edit and hide actions; `onChanged` gets a sentence to announce. */
export function CommentItem({
  threadKey,
  comment,
  now,
  onChanged,
}: {
  threadKey: string;
  comment: CommentView;
  now: Date;
  onChanged: (announcement: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.comments.list.pathFilter());
  const post = useMutation(trpc.comments.post.mutationOptions({ onSuccess: refresh }));
  const edit = useMutation(trpc.comments.edit.mutationOptions({ onSuccess: refresh }));
  const hide = useMutation(trpc.comments.hide.mutationOptions({ onSuccess: refresh }));

  const editLeftMs = editTimeLeftMs(comment, now);
  const canEdit = comment.viewer.canEdit && editLeftMs > 0;
  const author = comment.author.displayName;
  // The role shown is the account's, from the server; a display name cannot claim one.
  const badge = roleBadgeLabel(comment.author.role);
  const metaId = `comment-${comment.id}-meta`;

  return (
    <article aria-labelledby={metaId} className="rounded-lg border border-border bg-surface p-4">
      <p id={metaId} className="flex flex-wrap items-baseline gap-x-2 text-sm text-muted-foreground">
        <span className="font-semibold text-foreground">{author}</span>
        {badge ? <Badge tone="info">{badge}</Badge> : null}
        <span aria-hidden="true">·</span>
        <RelativeTime at={comment.createdAt} now={now} />
        {comment.editedAt ? (
          <span>
            (edited <RelativeTime at={comment.editedAt} now={now} />)
          </span>
        ) : null}
      </p>

      {comment.hidden ? (
        <p className="mt-2 italic text-muted-foreground">Hidden by a steward: {comment.hidden.reason}</p>
      ) : mode === "edit" ? null : (
        <Markdown className="mt-2">{comment.body ?? ""}</Markdown>
      )}

      {mode === "edit" && comment.body !== null ? (
        <CommentForm
          label={`Edit your comment`}
          submitLabel="Save changes"
          pendingLabel="Saving…"
          initialBody={comment.body}
          autoFocus
          note={`You can edit for ${minutesLeft(editLeftMs)} more.`}
          onCancel={() => setMode(null)}
          onSubmit={async (body) => {
            await edit.mutateAsync({ commentId: comment.id, body });
            setMode(null);
            onChanged("Your comment was saved.");
          }}
        />
      ) : null}

      {mode === null && (comment.viewer.canReply || canEdit || comment.viewer.canHide) ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {comment.viewer.canReply ? (
            <Button size="sm" variant="secondary" onClick={() => setMode("reply")}>
              Reply<span className="sr-only"> to {author}</span>
            </Button>
          ) : null}
          {canEdit ? (
            <Button size="sm" variant="secondary" onClick={() => setMode("edit")}>
              Edit<span className="sr-only"> your comment</span>{" "}
              <span className="text-muted-foreground">({minutesLeft(editLeftMs)} left)</span>
            </Button>
          ) : null}
          {comment.viewer.canHide ? (
            <Button size="sm" variant="ghost" onClick={() => setMode("hide")}>
              Hide<span className="sr-only"> {author}’s comment</span>
            </Button>
          ) : null}
        </div>
      ) : null}

      {mode === "reply" ? (
        <CommentForm
          label={`Your reply to ${author}`}
          submitLabel="Post reply"
          pendingLabel="Posting…"
          autoFocus
          onCancel={() => setMode(null)}
          onSubmit={async (body) => {
            await post.mutateAsync({ threadKey, parentId: comment.id, body });
            setMode(null);
            onChanged("Your reply was posted.");
          }}
        />
      ) : null}

      {mode === "hide" ? (
        <HideCommentForm
          authorName={author}
          onCancel={() => setMode(null)}
          onHide={async (reason) => {
            await hide.mutateAsync({ commentId: comment.id, reason });
            setMode(null);
            onChanged(`${author}’s comment is now hidden.`);
          }}
        />
      ) : null}
    </article>
  );
}

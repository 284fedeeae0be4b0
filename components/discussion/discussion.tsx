"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { SIGN_IN_TO_DISCUSS } from "@/lib/domain/governance/comment-rules";
import { COMMENT_PAGE_SIZE_DEFAULT } from "@/lib/schemas/comments";
import { useTRPC } from "@/lib/trpc/client";
import { CommentForm, describeCommentError } from "./comment-form";
import { CommentItem } from "./comment-item";

const CLOCK_TICK_MS = 30_000;

/** The browser's clock, re-read every 30 seconds so "5 minutes ago" and edit windows stay current. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;
}

function DiscussionSkeleton() {
  return (
    <div>
      <p role="status" className="sr-only">
        Loading the discussion…
      </p>
      {[0, 1, 2].map((row) => (
        <div key={row} className="mt-4 rounded-lg border border-border p-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-3 h-4 w-full" />
          <Skeleton className="mt-2 h-4 w-2/3" />
        </div>
      ))}
    </div>
  );
}

/**
 * A thread ("proposal:<id>" or "parameter:<key>"): comments oldest first with one level of replies,
 * posting, editing within 15 minutes, hiding for stewards, and pages of 20.
 */
export function Discussion({ threadKey, initialPage = 1 }: { threadKey: string; initialPage?: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const headingId = useId();
  const now = useNow();
  const [page, setPage] = useState(Math.max(1, Math.floor(initialPage)));
  const [announcement, setAnnouncement] = useState("");
  const thread = useQuery({
    ...trpc.comments.list.queryOptions({ threadKey, page, pageSize: COMMENT_PAGE_SIZE_DEFAULT }),
    placeholderData: keepPreviousData,
    // What a viewer may do depends on who is signed in, which the query key does not show: always re-ask on mount.
    staleTime: 0,
  });
  const post = useMutation(trpc.comments.post.mutationOptions());

  const data = thread.data;
  const pageCount = data?.pageCount ?? 1;
  // A page past the end (an old link, say) falls back to the last page.
  if (data && data.page === page && page > pageCount) setPage(pageCount);
  const nextPath = encodeURIComponent(pathname);

  async function postTopLevel(body: string) {
    await post.mutateAsync({ threadKey, body });
    const total = (data?.total ?? 0) + 1;
    setPage(Math.max(1, Math.ceil(total / COMMENT_PAGE_SIZE_DEFAULT)));
    await queryClient.invalidateQueries(trpc.comments.list.pathFilter());
    setAnnouncement("Your comment was posted.");
  }

  return (
    <section id="discussion" aria-labelledby={headingId} className="mt-12 scroll-mt-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-2xl font-semibold">
          Discussion
        </h2>
        {data ? (
          <p className="text-muted-foreground">
            {plural(data.total, "comment")}
            {data.total > 0 ? " (not counting replies)" : ""}
          </p>
        ) : null}
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>

      {thread.isPending ? <DiscussionSkeleton /> : null}

      {thread.isError ? (
        <div role="alert" className="mt-4 rounded-lg border border-danger-fg bg-danger-bg p-4 text-danger-fg">
          <p className="font-medium">
            The discussion could not be loaded. {describeCommentError(thread.error)}
          </p>
          <Button className="mt-3" size="sm" variant="secondary" onClick={() => thread.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}

      {data ? (
        <>
          {data.total === 0 ? (
            <div className="mt-4 rounded-lg border border-dashed border-border-strong bg-surface px-6 py-8 text-center">
              <p className="text-lg font-semibold">No comments yet — start the discussion</p>
              <p className="mt-1 text-muted-foreground">
                Questions are welcome: if something here is unclear, others probably wonder too.
              </p>
            </div>
          ) : (
            <ol className="mt-4 space-y-4" aria-label="Comments">
              {data.rows.map((item) => (
                <li key={item.id}>
                  <CommentItem threadKey={threadKey} comment={item} now={now} onChanged={setAnnouncement} />
                  {item.replies.length > 0 ? (
                    <ol
                      className="mt-3 ml-4 space-y-3 border-l-2 border-border pl-4 sm:ml-8"
                      aria-label={`Replies to ${item.author.displayName}`}
                    >
                      {item.replies.map((reply) => (
                        <li key={reply.id}>
                          <CommentItem
                            threadKey={threadKey}
                            comment={reply}
                            now={now}
                            onChanged={setAnnouncement}
                          />
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </li>
              ))}
            </ol>
          )}

          {pageCount > 1 ? (
            <nav
              aria-label="Discussion pages"
              className="mt-6 flex flex-wrap items-center justify-between gap-3"
            >
              <p className="text-sm text-muted-foreground" aria-live="polite">
                Page {Math.min(page, pageCount)} of {pageCount}
              </p>
              <div className="flex gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={page <= 1}
                  onClick={() => setPage((current) => Math.max(1, Math.min(current, pageCount) - 1))}
                >
                  <span aria-hidden="true">←</span> Earlier comments
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={page >= pageCount}
                  onClick={() => setPage((current) => Math.min(pageCount, current + 1))}
                >
                  Later comments <span aria-hidden="true">→</span>
                </Button>
              </div>
            </nav>
          ) : null}

          <div className="mt-8">
            {data.canPost ? (
              <CommentForm
                label="Add a comment"
                submitLabel="Post comment"
                pendingLabel="Posting…"
                onSubmit={postTopLevel}
              />
            ) : data.postBlockedReason === SIGN_IN_TO_DISCUSS ? (
              <p className="rounded-lg border border-border bg-surface-muted p-4">
                <Link href={`/sign-in?next=${nextPath}`}>Sign in</Link> to join the discussion, or{" "}
                <Link href={`/sign-up?next=${nextPath}`}>create an account</Link>. Anyone can read it;
                operators can comment and reply.
              </p>
            ) : data.postBlockedReason ? (
              <p className="rounded-lg border border-border bg-surface-muted p-4">{data.postBlockedReason}</p>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

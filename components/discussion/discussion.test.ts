import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { CommentThread, CommentView } from "@/lib/schemas/comments";
import { TRPCProvider } from "@/lib/trpc/client";
import { Discussion } from "./discussion";

const THREAD = "parameter:freeRider.graceDays";
const NOBODY = { canEdit: false, canHide: false, canReply: false };

function comment(overrides: Partial<CommentView> & { id: string }): CommentView {
  return {
    author: { id: `author-${overrides.id}`, displayName: `Author ${overrides.id}`, role: "operator" },
    body: `Body of ${overrides.id}`,
    hidden: null,
    createdAt: new Date(Date.now() - 2 * 60_000),
    editedAt: null,
    viewer: NOBODY,
    ...overrides,
  };
}

/** Renders the thread as the server would on first paint, with the list query already answered. */
function renderThread(thread: Partial<CommentThread>): string {
  const data: CommentThread = {
    threadKey: THREAD,
    rows: [],
    total: 0,
    page: 1,
    pageSize: 20,
    pageCount: 1,
    canPost: false,
    postBlockedReason: "Sign in to join the discussion.",
    ...thread,
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  queryClient.setQueryData(
    [["comments", "list"], { input: { threadKey: THREAD, page: 1, pageSize: 20 }, type: "query" }],
    data,
  );
  const trpcClient = createTRPCClient({
    links: [httpBatchLink({ url: "http://127.0.0.1:1/", transformer: superjson })],
  });
  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(
        TRPCProvider,
        { trpcClient, queryClient } as unknown as Parameters<typeof TRPCProvider>[0],
        createElement(Discussion, { threadKey: THREAD }),
      ),
    ),
  );
}

describe("Discussion", () => {
  it("invites the first comment, and asks visitors to sign in", () => {
    const html = renderThread({});
    expect(html).toContain("No comments yet — start the discussion");
    expect(html).toContain('href="/sign-in?next=');
    expect(html).not.toContain("<textarea");
  });

  it("shows hidden comments only by their reason, replies beneath, and no actions to visitors", () => {
    const html = renderThread({
      total: 1,
      rows: [
        {
          ...comment({ id: "c1", body: null, hidden: { reason: "Advertising", at: new Date() } }),
          replies: [comment({ id: "r1", body: "A **reply**", editedAt: new Date() })],
        },
      ],
    });
    expect(html).toContain("Hidden by a steward: Advertising");
    expect(html).toContain("Author c1");
    expect(html).toContain("<strong>reply</strong>");
    expect(html).toContain("(edited");
    expect(html).toContain('aria-label="Replies to Author c1"');
    expect(html).not.toMatch(/>(Reply|Edit|Hide)</);
  });

  it("offers reply, edit with the time left, and hide according to the viewer's rights", () => {
    const html = renderThread({
      total: 1,
      canPost: true,
      postBlockedReason: null,
      rows: [
        { ...comment({ id: "c1", viewer: { canEdit: true, canHide: true, canReply: true } }), replies: [] },
      ],
    });
    expect(html).toMatch(/Reply<span class="sr-only"> to Author c1<\/span>/);
    expect(html).toMatch(/\(1[23] minutes left\)/);
    expect(html).toContain("Hide<span");
    expect(html).toContain("Add a comment");
    expect(html).toContain("<textarea");
  });

  it("shows a role only as the badge from the author's account, never from the name", () => {
    const html = renderThread({
      total: 3,
      rows: [
        {
          ...comment({ id: "c1", author: { id: "s", displayName: "Petra Novakova", role: "steward" } }),
          replies: [comment({ id: "r1", author: { id: "a", displayName: "Root", role: "admin" } })],
        },
        { ...comment({ id: "c2", author: { id: "o", displayName: "Olga", role: "operator" } }), replies: [] },
      ],
    });
    const metaOf = (id: string) =>
      html.match(new RegExp(`id="comment-${id}-meta"[^>]*>(.*?)</p>`))?.[1] ?? "";
    expect(metaOf("c1")).toMatch(/Petra Novakova<\/span><span[^>]*>.*Steward<\/span>/);
    expect(metaOf("r1")).toMatch(/Root<\/span><span[^>]*>.*Admin<\/span>/);
    expect(metaOf("c2")).toContain("Olga");
    expect(metaOf("c2")).not.toMatch(/Steward|Admin/);
  });

  it("says why a closed thread takes no comments, and pages long threads", () => {
    const html = renderThread({
      total: 45,
      pageCount: 3,
      postBlockedReason: "The author withdrew this proposal, so its discussion is closed to new comments.",
      rows: [{ ...comment({ id: "c1" }), replies: [] }],
    });
    expect(html).toContain("45 comments");
    expect(html).toContain("Page 1 of 3");
    expect(html).toContain("closed to new comments");
    expect(html).not.toContain("/sign-in?next=");
  });
});

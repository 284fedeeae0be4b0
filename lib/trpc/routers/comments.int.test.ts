import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMENT_EDIT_WINDOW_MS } from "@/lib/domain/governance/comment-rules";
import type { Role } from "@/lib/domain/roles";
import {
  listGovernanceEventsForSubject,
  verifyGovernanceChain,
} from "@/lib/server/governance/governance-chain";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { TEST_NOW } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

let database: TestDatabase;
let alice: SessionOperator;
let bob: SessionOperator;
let steward: SessionOperator;
let admin: SessionOperator;
const proposals = {} as Record<"discussion" | "draft" | "withdrawn" | "cancelled", string>;

const PARAMETER_THREAD = "parameter:reward.perGbUploaded";

function callerFor(operator: SessionOperator | null, now = TEST_NOW) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => now,
    operator,
    clientIp: "203.0.113.5",
    settings: TEST_REQUEST_SETTINGS,
  });
}

function minutesAfter(minutes: number, from = TEST_NOW): Date {
  return new Date(from.getTime() + minutes * 60_000);
}

async function operator(name: string, role: Role = "operator"): Promise<SessionOperator> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.test`;
  const { id } = await database.db.operator.create({
    data: { displayName: name, email, role },
    select: { id: true },
  });
  return { id, displayName: name, email, role };
}

async function proposal(state: string): Promise<string> {
  const { id } = await database.db.proposal.create({
    data: {
      authorId: alice.id,
      title: `A ${state} proposal`,
      titleSearch: `a ${state.toLowerCase()} proposal`,
      summary: "Summary",
      rationale: "Rationale",
      state,
      baseVersion: 1,
      publishedAt: state === "Draft" ? null : TEST_NOW,
    },
    select: { id: true },
  });
  return id;
}

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await operator("Alice");
  bob = await operator("Bob");
  steward = await operator("Stella Steward", "steward");
  admin = await operator("Ada Admin", "admin");
  proposals.discussion = await proposal("Discussion");
  proposals.draft = await proposal("Draft");
  proposals.withdrawn = await proposal("Withdrawn");
  proposals.cancelled = await proposal("Cancelled");
});
afterAll(() => database.drop());

describe("comments.list", () => {
  it("lets anyone read an empty parameter thread, and tells anonymous readers to sign in", async () => {
    const thread = await callerFor(null).comments.list({ threadKey: "parameter:freeRider.graceDays" });
    expect(thread).toEqual({
      threadKey: "parameter:freeRider.graceDays",
      rows: [],
      total: 0,
      page: 1,
      pageSize: 20,
      pageCount: 1,
      canPost: false,
      postBlockedReason: "Sign in to join the discussion.",
    });
    const signedIn = await callerFor(bob).comments.list({ threadKey: "parameter:freeRider.graceDays" });
    expect(signedIn).toMatchObject({ canPost: true, postBlockedReason: null });
  });

  it.each([
    ["an unknown parameter", () => "parameter:reward.noSuchThing"],
    ["a proposal that does not exist", () => "proposal:doesnotexist"],
    ["a draft proposal", () => `proposal:${proposals.draft}`],
  ])("answers NOT_FOUND for %s, to readers and writers", async (_name, key) => {
    const threadKey = key();
    expect((await failure(callerFor(null).comments.list({ threadKey }))).code).toBe("NOT_FOUND");
    const posted = await failure(callerFor(bob).comments.post({ threadKey, body: "hello" }));
    expect(posted.code).toBe("NOT_FOUND");
    expect(posted.message).toContain("Check the link");
    expect(await database.db.comment.count({ where: { threadKey } })).toBe(0);
  });

  it("refuses a malformed thread key or page size as bad input", async () => {
    expect((await failure(callerFor(null).comments.list({ threadKey: "node:abc" }))).code).toBe(
      "BAD_REQUEST",
    );
    const error = await failure(callerFor(null).comments.list({ threadKey: PARAMETER_THREAD, pageSize: 51 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("Page size is at most 50");
  });
});

describe("comments.post", () => {
  it("posts comments and one-level replies, listed oldest first with the viewer's rights", async () => {
    const threadKey = `proposal:${proposals.discussion}`;
    const first = await callerFor(alice).comments.post({ threadKey, body: "  I like **this**.  " });
    const second = await callerFor(bob, minutesAfter(1)).comments.post({ threadKey, body: "Not sure." });
    const replyLater = await callerFor(alice, minutesAfter(3)).comments.post({
      threadKey,
      parentId: first.commentId,
      body: "Second reply",
    });
    const replyEarlier = await callerFor(bob, minutesAfter(2)).comments.post({
      threadKey,
      parentId: first.commentId,
      body: "First reply",
    });

    const asAlice = await callerFor(alice, minutesAfter(5)).comments.list({ threadKey });
    expect(asAlice.total).toBe(2);
    expect(asAlice.canPost).toBe(true);
    expect(asAlice.rows.map((item) => item.id)).toEqual([first.commentId, second.commentId]);
    const [top, other] = asAlice.rows;
    expect(top).toMatchObject({
      author: { id: alice.id, displayName: "Alice", role: "operator" },
      body: "I like **this**.",
      hidden: null,
      createdAt: TEST_NOW,
      editedAt: null,
      viewer: { canEdit: true, canHide: false, canReply: true },
    });
    expect(top!.replies.map((reply) => [reply.id, reply.body])).toEqual([
      [replyEarlier.commentId, "First reply"],
      [replyLater.commentId, "Second reply"],
    ]);
    expect(top!.replies[0]!.viewer).toEqual({ canEdit: false, canHide: false, canReply: false });
    expect(top!.replies[1]!.viewer).toEqual({ canEdit: true, canHide: false, canReply: false });
    expect(other).toMatchObject({ viewer: { canEdit: false, canHide: false, canReply: true }, replies: [] });

    const asSteward = await callerFor(steward, minutesAfter(5)).comments.list({ threadKey });
    expect(asSteward.rows[0]!.viewer).toEqual({ canEdit: false, canHide: true, canReply: true });
    expect(asSteward.rows[0]!.replies[0]!.viewer.canHide).toBe(true);

    const anonymous = await callerFor(null, minutesAfter(5)).comments.list({ threadKey });
    expect(anonymous.rows[0]!.viewer).toEqual({ canEdit: false, canHide: false, canReply: false });
  });

  it("gives each author the role of their account, for the badge beside the name", async () => {
    const threadKey = "parameter:roles.guardMinRating";
    await callerFor(steward).comments.post({ threadKey, body: "Speaking as a steward." });
    await callerFor(bob, minutesAfter(1)).comments.post({ threadKey, body: "Speaking as myself." });
    const thread = await callerFor(null, minutesAfter(2)).comments.list({ threadKey });
    expect(thread.rows.map((row) => row.author)).toEqual([
      { id: steward.id, displayName: steward.displayName, role: "steward" },
      { id: bob.id, displayName: bob.displayName, role: "operator" },
    ]);
  });

  it("refuses a reply to a reply, and a reply to a comment of another thread", async () => {
    const threadKey = "parameter:selection.explorationRate";
    const top = await callerFor(alice).comments.post({ threadKey, body: "Top" });
    const reply = await callerFor(bob).comments.post({ threadKey, parentId: top.commentId, body: "Reply" });
    const deep = await failure(
      callerFor(alice).comments.post({ threadKey, parentId: reply.commentId, body: "Too deep" }),
    );
    expect(deep.code).toBe("BAD_REQUEST");
    expect(deep.message).toBe("Replies go one level deep: reply to the first comment of the thread instead.");
    const elsewhere = await failure(
      callerFor(alice).comments.post({ threadKey: PARAMETER_THREAD, parentId: top.commentId, body: "x" }),
    );
    expect(elsewhere.code).toBe("NOT_FOUND");
    const missing = await failure(
      callerFor(alice).comments.post({ threadKey, parentId: "nosuchcomment", body: "x" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
    expect(await database.db.comment.count({ where: { threadKey } })).toBe(2);
    expect(await database.db.comment.count({ where: { body: { in: ["Too deep", "x"] } } })).toBe(0);
  });

  it.each([
    ["withdrawn", "withdrew"],
    ["cancelled", "cancelled"],
  ] as const)("keeps a %s proposal's thread readable but closed", async (which, words) => {
    const threadKey = `proposal:${proposals[which]}`;
    const thread = await callerFor(bob).comments.list({ threadKey });
    expect(thread.canPost).toBe(false);
    expect(thread.postBlockedReason).toContain(words);
    const error = await failure(callerFor(bob).comments.post({ threadKey, body: "Too late" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("closed to new comments");
    expect(await database.db.comment.count({ where: { threadKey } })).toBe(0);
  });

  it("never lets anonymous callers write", async () => {
    const [comment] = await database.db.comment.findMany({ take: 1, select: { id: true } });
    const before = await database.db.comment.findMany({ orderBy: { id: "asc" } });
    const anonymous = callerFor(null);
    const calls = [
      anonymous.comments.post({ threadKey: PARAMETER_THREAD, body: "anonymous" }),
      anonymous.comments.edit({ commentId: comment!.id, body: "anonymous" }),
      anonymous.comments.hide({ commentId: comment!.id, reason: "anonymous hide" }),
    ];
    for (const call of calls) expect((await failure(call)).code).toBe("UNAUTHORIZED");
    expect(await database.db.comment.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("limits posting to 10 comments a minute and 100 a day per operator", async () => {
    const carol = await operator("Carol");
    const threadKey = "parameter:gov.discussionPeriodHours";
    for (let index = 0; index < 10; index += 1) {
      await callerFor(carol).comments.post({ threadKey, body: `minute 0, comment ${index}` });
    }
    const tooFast = await failure(callerFor(carol).comments.post({ threadKey, body: "eleventh" }));
    expect(tooFast.code).toBe("TOO_MANY_REQUESTS");
    expect(tooFast.message).toContain("in the last minute");
    expect(tooFast.message).toMatch(/Try again in \d+ seconds/);
    await expect(
      callerFor(bob).comments.post({ threadKey, body: "others still post" }),
    ).resolves.toBeDefined();

    for (let minute = 1; minute < 10; minute += 1) {
      for (let index = 0; index < 10; index += 1) {
        await callerFor(carol, minutesAfter(minute)).comments.post({
          threadKey,
          body: `m${minute} c${index}`,
        });
      }
    }
    const tooMany = await failure(
      callerFor(carol, minutesAfter(10)).comments.post({ threadKey, body: "101" }),
    );
    expect(tooMany.code).toBe("TOO_MANY_REQUESTS");
    expect(tooMany.message).toContain("today");
    expect(tooMany.message).toMatch(/Try again in \d+ hours\./);
    expect(await database.db.comment.count({ where: { authorId: carol.id } })).toBe(100);
  });
});

describe("comments.edit", () => {
  it("lets only the author edit, up to 15 minutes after posting, and marks the comment edited", async () => {
    const threadKey = "parameter:reward.uptimeBonusPerDay";
    const { commentId } = await callerFor(alice).comments.post({ threadKey, body: "Frist!" });
    const notYours = await failure(callerFor(bob).comments.edit({ commentId, body: "Bob's words" }));
    expect(notYours.code).toBe("FORBIDDEN");
    expect((await failure(callerFor(steward).comments.edit({ commentId, body: "x" }))).code).toBe(
      "FORBIDDEN",
    );

    const atWindowEnd = new Date(TEST_NOW.getTime() + COMMENT_EDIT_WINDOW_MS);
    const edited = await callerFor(alice, atWindowEnd).comments.edit({ commentId, body: " First! " });
    expect(edited).toEqual({ commentId, editedAt: atWindowEnd });

    const tooLate = await failure(
      callerFor(alice, new Date(atWindowEnd.getTime() + 1)).comments.edit({ commentId, body: "Third" }),
    );
    expect(tooLate.code).toBe("CONFLICT");
    expect(tooLate.message).toContain("Comments can be edited for 15 minutes after posting");

    const thread = await callerFor(alice, new Date(atWindowEnd.getTime() + 1)).comments.list({ threadKey });
    expect(thread.rows[0]).toMatchObject({ body: "First!", editedAt: atWindowEnd });
    expect(thread.rows[0]!.viewer.canEdit).toBe(false);
    expect((await failure(callerFor(alice).comments.edit({ commentId: "missing", body: "x" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses edits once the proposal's discussion closed, even inside the 15 minutes", async () => {
    const proposalId = await proposal("Discussion");
    const threadKey = `proposal:${proposalId}`;
    const { commentId } = await callerFor(alice).comments.post({ threadKey, body: "Before the cancel" });
    await database.db.proposal.update({ where: { id: proposalId }, data: { state: "Cancelled" } });
    const closed = await failure(
      callerFor(alice, minutesAfter(2)).comments.edit({ commentId, body: "After the cancel" }),
    );
    expect(closed.code).toBe("CONFLICT");
    expect(closed.message).toContain("closed to new comments");
    const stored = await database.db.comment.findUniqueOrThrow({ where: { id: commentId } });
    expect(stored).toMatchObject({ body: "Before the cancel", editedAt: null });
  });
});

describe("comments.hide", () => {
  it("lets stewards and admins hide with a reason; the body never leaves the server again", async () => {
    const threadKey = "parameter:reward.epochEmissionCap";
    const secret = "Buy cheap credits at spam.example";
    const { commentId } = await callerFor(alice).comments.post({ threadKey, body: secret });
    const { commentId: other } = await callerFor(bob).comments.post({ threadKey, body: "Fine comment" });

    const refused = await failure(callerFor(bob).comments.hide({ commentId, reason: "I disagree" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((await failure(callerFor(alice).comments.hide({ commentId, reason: "Own comment" }))).code).toBe(
      "FORBIDDEN",
    );

    const hiddenAt = minutesAfter(2);
    await expect(
      callerFor(steward, hiddenAt).comments.hide({ commentId, reason: "  Advertising, not discussion " }),
    ).resolves.toEqual({ commentId });

    for (const viewer of [null, alice, bob, steward, admin]) {
      const thread = await callerFor(viewer, minutesAfter(3)).comments.list({ threadKey });
      expect(JSON.stringify(thread)).not.toContain("spam.example");
      expect(thread.rows[0]).toMatchObject({
        id: commentId,
        body: null,
        hidden: { reason: "Advertising, not discussion", at: hiddenAt },
        viewer: { canEdit: false, canHide: false, canReply: false },
      });
    }

    const edit = await failure(callerFor(alice, minutesAfter(3)).comments.edit({ commentId, body: "sorry" }));
    expect(edit.code).toBe("CONFLICT");
    const reply = await failure(
      callerFor(bob, minutesAfter(3)).comments.post({ threadKey, parentId: commentId, body: "reply" }),
    );
    expect(reply.code).toBe("CONFLICT");

    const [event] = await listGovernanceEventsForSubject(database.db, `comment:${commentId}`);
    expect(event).toMatchObject({
      type: "comment.hidden",
      at: hiddenAt,
      data: { threadKey, commentId, reason: "Advertising, not discussion", stewardId: steward.id },
    });

    const again = await failure(callerFor(admin).comments.hide({ commentId, reason: "Hide it twice" }));
    expect(again.code).toBe("CONFLICT");
    await callerFor(admin).comments.hide({ commentId: other, reason: "Admins may hide too" });
    expect(await listGovernanceEventsForSubject(database.db, `comment:${commentId}`)).toHaveLength(1);
    expect(await listGovernanceEventsForSubject(database.db, `comment:${other}`)).toHaveLength(1);
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();
  });

  it("writes nothing when the hide fails", async () => {
    const before = await database.db.governanceEvent.count();
    const missing = await failure(
      callerFor(steward).comments.hide({ commentId: "nosuch", reason: "Spam spam" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
    const short = await failure(callerFor(steward).comments.hide({ commentId: "nosuch", reason: "bad" }));
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.message).toContain("at least 5 characters");
    expect(await database.db.governanceEvent.count()).toBe(before);
  });

  it("limits hiding to 30 comments a minute per steward", async () => {
    const busy = await operator("Busy Steward", "steward");
    for (let index = 0; index < 30; index += 1) {
      const hide = callerFor(busy).comments.hide({ commentId: `nosuch${index}`, reason: "Spam spam" });
      expect((await failure(hide)).code).toBe("NOT_FOUND");
    }
    const tooFast = await failure(
      callerFor(busy).comments.hide({ commentId: "nosuch", reason: "Spam spam" }),
    );
    expect(tooFast.code).toBe("TOO_MANY_REQUESTS");
    expect(tooFast.message).toMatch(
      /^You hid 30 comments in the last minute, .* Try again in \d+ seconds\.$/,
    );
    const later = callerFor(busy, minutesAfter(1)).comments.hide({
      commentId: "nosuch",
      reason: "Spam spam",
    });
    expect((await failure(later)).code).toBe("NOT_FOUND");
  });
});

describe("pagination", () => {
  it("pages top-level comments (replies ride along and are not counted)", async () => {
    const threadKey = "parameter:freeRider.throttleFactor";
    const [dave, erin] = [await operator("Dave"), await operator("Erin")];
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      const author = index % 2 === 0 ? dave : erin;
      const at = new Date(TEST_NOW.getTime() + index * 1000);
      ids.push(
        (await callerFor(author, at).comments.post({ threadKey, body: `comment ${index}` })).commentId,
      );
    }
    await callerFor(dave, minutesAfter(1)).comments.post({ threadKey, parentId: ids[5], body: "reply to 5" });

    const pageOne = await callerFor(null).comments.list({ threadKey, pageSize: 5 });
    expect(pageOne.total).toBe(12);
    expect(pageOne.rows.map((item) => item.body)).toEqual([0, 1, 2, 3, 4].map((i) => `comment ${i}`));
    const pageTwo = await callerFor(null).comments.list({ threadKey, page: 2, pageSize: 5 });
    expect(pageTwo.rows.map((item) => item.id)).toEqual(ids.slice(5, 10));
    expect(pageTwo.rows[0]!.replies.map((reply) => reply.body)).toEqual(["reply to 5"]);
    const pageThree = await callerFor(null).comments.list({ threadKey, page: 3, pageSize: 5 });
    expect(pageThree).toMatchObject({ page: 3, pageSize: 5, total: 12 });
    expect(pageThree.rows.map((item) => item.id)).toEqual(ids.slice(10));
    const beyond = await callerFor(null).comments.list({ threadKey, page: 4, pageSize: 5 });
    expect(beyond).toMatchObject({ rows: [], total: 12 });
  });
});

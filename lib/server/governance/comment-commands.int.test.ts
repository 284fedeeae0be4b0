import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "@/lib/domain/errors";
import type { Db } from "@/lib/server/platform/db";
import { editComment, hideComment, postComment } from "@/lib/server/governance/comment-commands";
import { listComments } from "@/lib/server/governance/comment-queries";
import {
  listGovernanceEventsForSubject,
  verifyGovernanceChain,
} from "@/lib/server/governance/governance-chain";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

let database: TestDatabase;
let authorId: string;
let stewardId: string;
const NOW = new Date("2026-11-25T12:00:00.000Z");
const THREAD = "parameter:selection.weightSpeed";

/** The same client, except that writing a governance event inside a transaction fails. */
function withFailingEventWrites(db: Db): Db {
  return new Proxy(db, {
    get(target, property) {
      if (property !== "$transaction") {
        const value = Reflect.get(target, property) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (work: (tx: unknown) => Promise<unknown>, options?: unknown) =>
        target.$transaction(
          (tx) =>
            work(
              new Proxy(tx, {
                get(txTarget, txProperty) {
                  const model = Reflect.get(txTarget, txProperty) as unknown;
                  if (txProperty !== "governanceEvent") return model;
                  return new Proxy(model as object, {
                    get(delegate, method) {
                      if (method === "create" || method === "createMany") {
                        return () => Promise.reject(new Error("disk full"));
                      }
                      return Reflect.get(delegate, method) as unknown;
                    },
                  });
                },
              }),
            ),
          options as never,
        );
    },
  });
}

async function domainCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(isDomainError(error), String(error)).toBe(true);
  return (error as { code: string }).code;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  authorId = (await db.operator.create({ data: { displayName: "Author", email: "author@example.test" } })).id;
  stewardId = (
    await db.operator.create({
      data: { displayName: "Steward", email: "steward@example.test", role: "steward" },
    })
  ).id;
});
afterAll(() => database.drop());

describe("hideComment", () => {
  it("leaves the comment visible when writing its governance event fails", async () => {
    const { db } = database;
    const { commentId } = await postComment(db, { threadKey: THREAD, body: "Keep me", authorId, now: NOW });
    await expect(
      hideComment(withFailingEventWrites(db), {
        commentId,
        reason: "Should not stick",
        moderator: { id: stewardId, role: "steward" },
        now: NOW,
      }),
    ).rejects.toThrow("disk full");
    const row = await db.comment.findUniqueOrThrow({ where: { id: commentId } });
    expect(row).toMatchObject({ hiddenAt: null, hiddenReason: null, hiddenById: null });
    expect(await db.governanceEvent.count()).toBe(0);
  });

  it("refuses a moderator without the steward or admin role, even when called directly", async () => {
    const { db } = database;
    const { commentId } = await postComment(db, { threadKey: THREAD, body: "Mine", authorId, now: NOW });
    const code = await domainCode(
      hideComment(db, {
        commentId,
        reason: "Not allowed",
        moderator: { id: authorId, role: "operator" },
        now: NOW,
      }),
    );
    expect(code).toBe("FORBIDDEN");
    expect(await db.governanceEvent.count()).toBe(0);
  });

  it("hides a comment once when two stewards hide it at the same time", async () => {
    const { db } = database;
    const { commentId } = await postComment(db, { threadKey: THREAD, body: "Contested", authorId, now: NOW });
    const moderator = { id: stewardId, role: "steward" as const };
    const results = await Promise.allSettled([
      hideComment(db, { commentId, reason: "First reason", moderator, now: NOW }),
      hideComment(db, { commentId, reason: "Second reason", moderator, now: NOW }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const events = await listGovernanceEventsForSubject(db, `comment:${commentId}`);
    expect(events).toHaveLength(1);
    const row = await db.comment.findUniqueOrThrow({
      where: { id: commentId },
      select: { hiddenReason: true },
    });
    expect(row.hiddenReason).toBe(events[0]!.data.reason);
    expect(await verifyGovernanceChain(db)).toEqual({ head: 1, brokenAt: null });
  });
});

describe("editComment", () => {
  it("does not edit a comment a steward hid while the author was typing", async () => {
    const { db } = database;
    const { commentId } = await postComment(db, {
      threadKey: THREAD,
      body: "Draft words",
      authorId,
      now: NOW,
    });
    await hideComment(db, {
      commentId,
      reason: "Off topic",
      moderator: { id: stewardId, role: "steward" },
      now: NOW,
    });
    expect(
      await domainCode(editComment(db, { commentId, body: "New words", editorId: authorId, now: NOW })),
    ).toBe("CONFLICT");
    const row = await db.comment.findUniqueOrThrow({
      where: { id: commentId },
      select: { body: true, editedAt: true },
    });
    expect(row).toEqual({ body: "Draft words", editedAt: null });
    const thread = await listComments(db, {
      threadKey: THREAD,
      page: 1,
      pageSize: 50,
      viewer: null,
      now: NOW,
    });
    expect(thread.rows.find((item) => item.id === commentId)).toMatchObject({ body: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger } from "@/lib/server/platform/logger";
import { consumeRateLimit } from "@/lib/server/platform/rate-limit";
import { LONGEST_RATE_LIMIT_WINDOW_MS, RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { pruneRateLimitBucketsJob } from "./prune-rate-limit-buckets";
import { JOBS } from "./registry";

const NOW = new Date("2026-12-07T12:00:00Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const countAt = (key: string, at: Date) =>
  consumeRateLimit(database.db, { key, rule: RATE_LIMITS.signInPerAccount, now: at });

describe("prune-rate-limit-buckets job", () => {
  it("is registered and deletes only buckets that no policy's window still covers", async () => {
    expect(JOBS).toContain(pruneRateLimitBucketsJob);
    expect(LONGEST_RATE_LIMIT_WINDOW_MS).toBe(RATE_LIMITS.commentPostPerDay.windowMs);

    const longAgo = new Date(NOW.getTime() - LONGEST_RATE_LIMIT_WINDOW_MS - 1);
    const justInside = new Date(NOW.getTime() - LONGEST_RATE_LIMIT_WINDOW_MS + 1_000);
    // Keys with attacker-chosen e-mails: thousands of them must not stay forever.
    for (let index = 0; index < 30; index += 1)
      await countAt(`sign-in:account:x${index}@spam.example`, longAgo);
    await countAt("comment-post-day:op-1", justInside);
    await countAt("sign-in:ip:203.0.113.9", NOW);

    const result = await pruneRateLimitBucketsJob.run({
      db: database.db,
      now: () => NOW,
      env: loadEnv({}),
      logger: createLogger({ write: () => {} }),
      signal: new AbortController().signal,
    });

    expect(result).toEqual({ bucketsDeleted: 30 });
    const left = await database.db.rateLimitBucket.findMany({
      select: { key: true },
      orderBy: { key: "asc" },
    });
    expect(left.map((bucket) => bucket.key)).toEqual(["comment-post-day:op-1", "sign-in:ip:203.0.113.9"]);
  });

  it("deletes in batches until none is left", async () => {
    const longAgo = new Date(NOW.getTime() - 2 * LONGEST_RATE_LIMIT_WINDOW_MS);
    for (let index = 0; index < 25; index += 1) await countAt(`sign-up:ip:198.51.100.${index}`, longAgo);
    const { pruneRateLimitBuckets } = await import("@/lib/server/platform/rate-limit");
    const deleted = await pruneRateLimitBuckets(database.db, {
      now: NOW,
      longestWindowMs: LONGEST_RATE_LIMIT_WINDOW_MS,
      batchSize: 10,
    });
    expect(deleted).toBe(25);
    expect(await database.db.rateLimitBucket.count({ where: { key: { startsWith: "sign-up:" } } })).toBe(0);
  });
});

import { DomainError } from "@/lib/domain/errors";
import { formatWait } from "@/lib/domain/format-time";
import { Prisma } from "@/lib/generated/prisma/client";
import { deleteInBatches } from "@/lib/server/platform/delete-in-batches";
import type { DbOrTransaction } from "@/lib/server/platform/db";

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** One entry of RATE_LIMITS (rate-limit-policies.ts). */
export interface RateLimitPolicy extends RateLimitRule {
  /** Starts the bucket's key; the subject (an operator, a node, an address) completes it. */
  bucket: string;
  /** What happened, in the refused person's terms, e.g. "You posted 10 comments in the last minute, the most allowed." */
  tooMany: (rule: RateLimitRule) => string;
  /** What to do besides waiting. */
  nextStep?: string;
  /**
   * A slow-down instead of a refusal: past the limit every answer is held `firstDelayMs`, doubling
   * with each count beyond it, at most `maxDelayMs` (slowDownDelayMs); nobody is refused.
   */
  slowDown?: { firstDelayMs: number; maxDelayMs: number };
}

export interface RateLimitDecision {
  isAllowed: boolean;
  /** Whole seconds until the window resets (for `Retry-After`); 0 when allowed. */
  retryAfterSeconds: number;
  remaining: number;
}

/**
 * Counts one request against `key` in a fixed window and says whether it is allowed. One atomic
 * upsert, so concurrent requests on any number of web replicas never lose a count.
 */
export async function consumeRateLimit(
  db: DbOrTransaction,
  { key, rule, now }: { key: string; rule: RateLimitRule; now: Date },
): Promise<RateLimitDecision> {
  const nowMs = BigInt(now.getTime());
  const expiredBefore = nowMs - BigInt(rule.windowMs);
  const [bucket] = await db.$queryRaw<
    { count: number | bigint; windowStartMs: number | bigint }[]
  >(Prisma.sql`
    INSERT INTO "RateLimitBucket" ("key", "windowStartMs", "count") VALUES (${key}, ${nowMs}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStartMs" <= ${expiredBefore} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStartMs" = CASE WHEN "RateLimitBucket"."windowStartMs" <= ${expiredBefore} THEN ${nowMs} ELSE "RateLimitBucket"."windowStartMs" END
    RETURNING "count", "windowStartMs"`);
  if (!bucket) throw new Error(`rate limit upsert for ${key} returned no row`);
  const count = Number(bucket.count);
  const resetAtMs = Number(bucket.windowStartMs) + rule.windowMs;
  const isAllowed = count <= rule.limit;
  return {
    isAllowed,
    retryAfterSeconds: isAllowed ? 0 : Math.max(1, Math.ceil((resetAtMs - now.getTime()) / 1000)),
    remaining: Math.max(0, rule.limit - count),
  };
}

/**
 * What `key` has counted in its current window, without counting: the decision one more request
 * would get. For budgets counted only after the fact (failed sign-ins): peek before, consume after.
 */
export async function peekRateLimit(
  db: DbOrTransaction,
  { key, rule, now }: { key: string; rule: RateLimitRule; now: Date },
): Promise<RateLimitDecision & { count: number }> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  const windowStartMs = bucket ? Number(bucket.windowStartMs) : 0;
  const isCurrent = bucket !== null && windowStartMs > now.getTime() - rule.windowMs;
  const count = isCurrent ? Number(bucket.count) : 0;
  const isAllowed = count < rule.limit;
  const resetAtMs = windowStartMs + rule.windowMs;
  return {
    count,
    isAllowed,
    retryAfterSeconds: isAllowed ? 0 : Math.max(1, Math.ceil((resetAtMs - now.getTime()) / 1000)),
    remaining: Math.max(0, rule.limit - count),
  };
}

/** How long a slow-down policy holds an answer after `count` in its window: 0 below the limit. */
export function slowDownDelayMs(count: number, policy: RateLimitPolicy): number {
  if (!policy.slowDown || count < policy.limit) return 0;
  const { firstDelayMs, maxDelayMs } = policy.slowDown;
  const doublings = Math.min(count - policy.limit, 30);
  return Math.min(maxDelayMs, firstDelayMs * 2 ** doublings);
}

/**
 * The RATE_LIMITED error for a refused decision, or null when it was allowed: the policy's sentence,
 * then "Try again in <wait>" and its next step; the wait also travels as Retry-After.
 */
export function rateLimitRefusal(
  { isAllowed, retryAfterSeconds }: RateLimitDecision,
  policy: RateLimitPolicy,
): DomainError | null {
  if (isAllowed) return null;
  const { nextStep } = policy;
  const wait = `Try again in ${formatWait(retryAfterSeconds)}${nextStep ? `; ${nextStep}` : ""}.`;
  return new DomainError("RATE_LIMITED", `${policy.tooMany(policy)} ${wait}`, { retryAfterSeconds });
}

/** Counts one request of `subject` under `policy`; the refusal when it is over the limit, else null. */
export async function checkRateLimit(
  db: DbOrTransaction,
  policy: RateLimitPolicy,
  { subject, now }: { subject: string; now: Date },
): Promise<DomainError | null> {
  const decision = await consumeRateLimit(db, { key: `${policy.bucket}:${subject}`, rule: policy, now });
  return rateLimitRefusal(decision, policy);
}

/** Counts one request of `subject` under `policy` and throws the refusal when it is over the limit. */
export async function enforceRateLimit(
  db: DbOrTransaction,
  policy: RateLimitPolicy,
  options: { subject: string; now: Date },
): Promise<void> {
  const refusal = await checkRateLimit(db, policy, options);
  if (refusal) throw refusal;
}

/**
 * Deletes buckets whose window started more than `longestWindowMs` ago: they count nothing under any
 * policy, and their keys include attacker-chosen text (e-mails typed at sign-in), so they must not pile up.
 */
export function pruneRateLimitBuckets(
  db: DbOrTransaction,
  { now, longestWindowMs, batchSize = 10_000 }: { now: Date; longestWindowMs: number; batchSize?: number },
): Promise<number> {
  const expired = { windowStartMs: { lt: BigInt(now.getTime() - longestWindowMs) } };
  return deleteInBatches(
    (take) =>
      db.rateLimitBucket
        .findMany({ where: expired, select: { key: true }, take })
        .then((rows) => rows.map((row) => ({ id: row.key }))),
    (keys) => db.rateLimitBucket.deleteMany({ where: { key: { in: keys } } }),
    batchSize,
  );
}

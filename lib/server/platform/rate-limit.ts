import { DomainError } from "@/lib/domain/errors";
import { formatWait } from "@/lib/domain/format-time";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbOrTransaction } from "@/lib/server/platform/db";

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
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

export interface RateLimitMessage {
  /** What happened, e.g. "You submitted more than 30 ballots in 10 minutes." */
  tooMany: string;
  nextStep?: string;
}

/**
 * The RATE_LIMITED error for a refused decision, or null when it was allowed: `tooMany`, then
 * "Try again in <wait>" and `nextStep` when given; the wait also travels as Retry-After.
 */
export function rateLimitRefusal(
  { isAllowed, retryAfterSeconds }: RateLimitDecision,
  { tooMany, nextStep }: RateLimitMessage,
): DomainError | null {
  if (isAllowed) return null;
  const wait = `Try again in ${formatWait(retryAfterSeconds)}${nextStep ? `; ${nextStep}` : ""}.`;
  return new DomainError("RATE_LIMITED", `${tooMany} ${wait}`, { retryAfterSeconds });
}

/** Counts one request and throws rateLimitRefusal() when it is over the limit. */
export async function enforceRateLimit(
  db: DbOrTransaction,
  { key, rule, now, ...message }: { key: string; rule: RateLimitRule; now: Date } & RateLimitMessage,
): Promise<void> {
  const refusal = rateLimitRefusal(await consumeRateLimit(db, { key, rule, now }), message);
  if (refusal) throw refusal;
}

import { describe, expect, it } from "vitest";
import { rateLimitRefusal, slowDownDelayMs, type RateLimitPolicy } from "./rate-limit";
import { RATE_LIMITS, windowPhrase } from "./rate-limit-policies";

const policies = Object.entries(RATE_LIMITS) as [string, RateLimitPolicy][];

describe("RATE_LIMITS", () => {
  it.each([
    [60_000, "a minute"],
    [600_000, "10 minutes"],
    [3_600_000, "an hour"],
    [7_200_000, "2 hours"],
    [86_400_000, "a day"],
    [90_000, "90 seconds"],
  ])("says a window of %i ms as %s", (windowMs, phrase) => {
    expect(windowPhrase(windowMs)).toBe(phrase);
  });

  it("gives every policy its own bucket, so two policies never share a count", () => {
    const buckets = policies.map(([, policy]) => policy.bucket);
    expect(new Set(buckets).size).toBe(buckets.length);
  });

  it.each(policies)("%s refuses in a sentence that ends with when to try again", (_name, policy) => {
    expect(policy.limit).toBeGreaterThan(0);
    const refusal = rateLimitRefusal({ isAllowed: false, retryAfterSeconds: 42, remaining: 0 }, policy);
    expect(refusal?.code).toBe("RATE_LIMITED");
    expect(refusal?.details).toEqual({ retryAfterSeconds: 42 });
    expect(refusal?.message).toMatch(/^[A-Z].*\. Try again in 42 seconds(; .+)?\.$/);
    expect(refusal?.message).not.toContain("undefined");
  });

  it("words the sentence from the rule it refuses under, so a wider test rule reads right", () => {
    const refusal = rateLimitRefusal(
      { isAllowed: false, retryAfterSeconds: 600, remaining: 0 },
      { ...RATE_LIMITS.ballot, limit: 2, windowMs: 3_600_000 },
    );
    expect(refusal?.message).toBe(
      "You submitted more than 2 ballots in an hour. Try again in 10 minutes; your last stored ballot still counts.",
    );
  });

  it.each([
    [0, 0],
    [9, 0],
    [10, 1_000],
    [11, 2_000],
    [13, 8_000],
    [14, 10_000],
    [5_000, 10_000],
  ])("slows an account's sign-ins after %i wrong passwords by %i ms, never refusing", (count, delayMs) => {
    expect(slowDownDelayMs(count, RATE_LIMITS.signInPerAccount)).toBe(delayMs);
  });

  it("gives no delay for a policy without a slow-down", () => {
    expect(slowDownDelayMs(1_000, RATE_LIMITS.signInPerAddress)).toBe(0);
  });
});

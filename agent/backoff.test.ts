import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryDelayMs } from "./backoff";
import { PlatformError, PlatformUnreachableError } from "./protocol/platform-client";

describe("backoffDelayMs", () => {
  it.each([
    [0, 1_000, 2_000],
    [1, 2_000, 4_000],
    [2, 4_000, 8_000],
    [5, 32_000, 64_000],
    [7, 128_000, 256_000],
    [8, 150_000, 300_000],
    [30, 150_000, 300_000],
  ])("attempt %i waits between %i and %i ms", (attempt, min, max) => {
    expect(backoffDelayMs(attempt, () => 0)).toBe(min);
    expect(backoffDelayMs(attempt, () => 0.999999)).toBeLessThanOrEqual(max);
    expect(backoffDelayMs(attempt, () => 0.999999)).toBeGreaterThan(max * 0.99);
  });
});

describe("retryDelayMs", () => {
  const half = () => 0.5;
  const error = (status: number, retryAfter: number | null = null) =>
    new PlatformError(status, "X", "x", retryAfter);

  it.each([
    ["unreachable", new PlatformUnreachableError("down"), 1_500],
    ["500", error(500), 1_500],
    ["502", error(502), 1_500],
    ["503 with Retry-After: 30", error(503, 30), 30_000],
    ["429 with Retry-After: 17", error(429, 17), 17_000],
    ["429 without Retry-After", error(429), 60_000],
    ["429 with Retry-After: 0", error(429, 0), 1_000],
  ])("retries after %s", (_, failure, delay) => {
    expect(retryDelayMs(failure, 0, half)).toBe(delay);
  });

  it.each([[400], [401], [403], [404], [409], [410], [413], [422]])("does not retry %i", (status) => {
    expect(retryDelayMs(error(status), 0, half)).toBeNull();
  });

  it("does not retry a programming error", () => {
    expect(retryDelayMs(new TypeError("bug"), 0, half)).toBeNull();
  });
});

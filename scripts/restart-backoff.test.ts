import { describe, expect, it } from "vitest";
import { nextRestart, RESTART_POLICY, type RestartDecision } from "./restart-backoff";

describe("nextRestart", () => {
  it.each<[string, number, number, RestartDecision]>([
    ["first exit, died at once", 0, 200, { consecutiveFailures: 1, delayMs: 1_000, isCrashLoop: false }],
    [
      "first exit after a long run",
      0,
      3_600_000,
      { consecutiveFailures: 1, delayMs: 1_000, isCrashLoop: false },
    ],
    ["second young death", 1, 500, { consecutiveFailures: 2, delayMs: 2_000, isCrashLoop: true }],
    ["third young death", 2, 500, { consecutiveFailures: 3, delayMs: 4_000, isCrashLoop: true }],
    ["fourth", 3, 10_000, { consecutiveFailures: 4, delayMs: 8_000, isCrashLoop: true }],
    ["sixth", 5, 0, { consecutiveFailures: 6, delayMs: 32_000, isCrashLoop: true }],
    ["seventh reaches the cap", 6, 0, { consecutiveFailures: 7, delayMs: 60_000, isCrashLoop: true }],
    ["stays at the cap", 40, 59_999, { consecutiveFailures: 41, delayMs: 60_000, isCrashLoop: true }],
    ["never overflows", 5_000, 1, { consecutiveFailures: 5_001, delayMs: 60_000, isCrashLoop: true }],
    ["a healthy run resets", 12, 60_000, { consecutiveFailures: 1, delayMs: 1_000, isCrashLoop: false }],
    ["healthy long after", 3, 86_400_000, { consecutiveFailures: 1, delayMs: 1_000, isCrashLoop: false }],
  ])("%s (previous %i, up %i ms)", (_case, previousFailures, uptimeMs, expected) => {
    expect(nextRestart(previousFailures, uptimeMs)).toEqual(expected);
  });

  it("follows another policy's numbers", () => {
    const policy = { firstDelayMs: 100, maxDelayMs: 250, healthyAfterMs: 5_000 };
    expect([0, 1, 2, 3].map((previous) => nextRestart(previous, 10, policy).delayMs)).toEqual([
      100, 200, 250, 250,
    ]);
    expect(nextRestart(3, 5_000, policy)).toEqual({
      consecutiveFailures: 1,
      delayMs: 100,
      isCrashLoop: false,
    });
  });

  it("defaults to 1 s doubling to 60 s, healthy after 60 s", () => {
    expect(RESTART_POLICY).toEqual({ firstDelayMs: 1_000, maxDelayMs: 60_000, healthyAfterMs: 60_000 });
  });
});

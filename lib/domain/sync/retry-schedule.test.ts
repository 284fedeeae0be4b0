import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MIN_WAIT_AFTER_OVERLOAD_MS,
  RETRY_STEPS_MS,
  UNREACHABLE_AFTER_MS,
  UNREACHABLE_PROBE_MS,
  nextRetry,
  retryStepMs,
  withJitter,
} from "./retry-schedule";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("retryStepMs", () => {
  it.each([
    [1, 5_000],
    [2, 5 * MINUTE],
    [3, 30 * MINUTE],
    [4, 2 * HOUR],
    [5, 5 * HOUR],
    [6, 10 * HOUR],
    [7, 12 * HOUR],
    [8, 12 * HOUR],
    [40, 12 * HOUR],
  ])("after %i failures waits %i ms", (failures, ms) => {
    expect(retryStepMs(failures)).toBe(ms);
  });
});

describe("nextRetry", () => {
  it.each([
    ["transient, middle of the jitter", { failureCount: 1, kind: "transient", random: 0.5 }, 5_000],
    ["transient, lowest jitter", { failureCount: 2, kind: "transient", random: 0 }, 4 * MINUTE],
    ["timeout waits at least 60 s", { failureCount: 1, kind: "timeout", random: 0.5 }, 60_000],
    [
      "timeout after a long step keeps the step",
      { failureCount: 3, kind: "timeout", random: 0.5 },
      30 * MINUTE,
    ],
    [
      "429 without Retry-After waits at least 60 s",
      { failureCount: 1, kind: "overloaded", random: 0.99 },
      60_000,
    ],
    [
      "Retry-After below the step is raised to the step",
      { failureCount: 3, kind: "overloaded", retryAfterSeconds: 10, random: 0.5 },
      30 * MINUTE,
    ],
    [
      "Retry-After above twice the step is lowered to twice the step",
      { failureCount: 2, kind: "overloaded", retryAfterSeconds: 86_400, random: 0.5 },
      10 * MINUTE,
    ],
    [
      "Retry-After inside the bounds is kept",
      { failureCount: 2, kind: "overloaded", retryAfterSeconds: 420, random: 0.5 },
      7 * MINUTE,
    ],
    [
      "Retry-After on the first step still waits 60 s",
      { failureCount: 1, kind: "overloaded", retryAfterSeconds: 7, random: 0.5 },
      60_000,
    ],
  ] as const)("%s", (_, input, delayMs) => {
    expect(nextRetry({ failingForMs: 0, ...input })).toEqual({ delayMs, isUnreachable: false });
  });

  it("after 120 h of failures marks the node Unreachable and probes every 24 h ± 20 %", () => {
    expect(
      nextRetry({ failureCount: 20, failingForMs: UNREACHABLE_AFTER_MS, kind: "transient", random: 0.5 }),
    ).toEqual({ delayMs: UNREACHABLE_PROBE_MS, isUnreachable: true });
    expect(
      nextRetry({ failureCount: 20, failingForMs: UNREACHABLE_AFTER_MS - 1, kind: "transient", random: 0.5 })
        .isUnreachable,
    ).toBe(false);
  });

  it("keeps every delay inside the ±20 % jitter of its step (and the 60 s floor)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom("transient", "timeout", "overloaded") as fc.Arbitrary<
          "transient" | "timeout" | "overloaded"
        >,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failureCount, kind, random) => {
          const step = retryStepMs(failureCount);
          const { delayMs } = nextRetry({ failureCount, failingForMs: 0, kind, random });
          const floor = kind === "transient" ? 0 : MIN_WAIT_AFTER_OVERLOAD_MS;
          expect(delayMs).toBeGreaterThanOrEqual(Math.max(floor, Math.floor(step * 0.8)));
          expect(delayMs).toBeLessThanOrEqual(Math.max(floor, Math.ceil(step * 1.2)));
        },
      ),
    );
  });

  it("never shortens the step as failures accumulate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (failureCount) => {
        expect(retryStepMs(failureCount + 1)).toBeGreaterThanOrEqual(retryStepMs(failureCount));
      }),
    );
    expect([...RETRY_STEPS_MS].sort((a, b) => a - b)).toEqual(RETRY_STEPS_MS);
  });

  it("keeps a clamped Retry-After inside [step, 2 × step] and at least 60 s", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat({ max: 200_000 }), (failureCount, seconds) => {
        const step = retryStepMs(failureCount);
        const { delayMs } = nextRetry({
          failureCount,
          failingForMs: 0,
          kind: "overloaded",
          retryAfterSeconds: seconds,
          random: 0.3,
        });
        expect(delayMs).toBeGreaterThanOrEqual(Math.max(step, 60_000));
        expect(delayMs).toBeLessThanOrEqual(Math.max(2 * step, 60_000));
      }),
    );
  });
});

describe("withJitter", () => {
  it("maps [0, 1) onto [0.8, 1.2) of the wait", () => {
    expect(withJitter(1_000, 0)).toBe(800);
    expect(withJitter(1_000, 0.5)).toBe(1_000);
    expect(withJitter(1_000, 0.999_999)).toBe(1_200);
  });
});

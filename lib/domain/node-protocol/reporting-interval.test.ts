import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportingIntervalSeconds } from "./reporting-interval";

describe("reportingIntervalSeconds", () => {
  it.each([
    [0, 60],
    [1, 60],
    [25, 60],
    [1000, 60],
    [1001, 61],
    [2000, 120],
    [10_000, 600],
    [60_000, 3600],
    [1_000_000, 3600],
  ])("with %i nodes asks for a report every %i s", (nodeCount, seconds) => {
    expect(reportingIntervalSeconds(nodeCount)).toBe(seconds);
  });

  it("never lets the fleet send more than about 1,000 reports a minute below the one-hour cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (nodeCount) => {
        const interval = reportingIntervalSeconds(nodeCount);
        expect((nodeCount * 60) / interval).toBeLessThanOrEqual(1000);
      }),
    );
  });

  it("never shrinks as the network grows", () => {
    fc.assert(
      fc.property(fc.nat(2_000_000), fc.nat(2_000_000), (a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(reportingIntervalSeconds(small)).toBeLessThanOrEqual(reportingIntervalSeconds(large));
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDate,
  compareForecastWithOutcome,
  countWithin,
  firstWholeDay,
  isCheckDue,
  verdictOf,
} from "@/lib/domain/network-model/forecast-outcome";
import { MODEL_METRIC_IDS, type Band, type DayMetrics } from "@/lib/domain/network-model/model-types";

const PROPERTY_RUNS = { numRuns: 300, seed: 20_261_216 };

function dayMetrics(values: Partial<DayMetrics>): DayMetrics {
  return { ...Object.fromEntries(MODEL_METRIC_IDS.map((id) => [id, 0])), ...values } as DayMetrics;
}

const bands = (rows: [p10: number, median: number, p90: number][]): Band[] =>
  rows.map(([p10, median, p90], index) => ({ day: index + 1, p10, median, p90 }));

describe("the days a check covers", () => {
  it.each([
    [
      "mid-day activation: day 1 is the next midnight",
      "2026-12-01T13:00:00.000Z",
      "2026-12-02",
      "2026-12-09",
    ],
    ["activation at midnight: that day is day 1", "2026-12-01T00:00:00.000Z", "2026-12-01", "2026-12-08"],
    ["a millisecond after midnight", "2026-12-01T00:00:00.001Z", "2026-12-02", "2026-12-09"],
  ])("%s", (_label, activatedAt, day1, sevenDayCheck) => {
    const at = new Date(activatedAt);
    expect(firstWholeDay(at).toISOString().slice(0, 10)).toBe(day1);
    expect(checkDate(at, 7).toISOString().slice(0, 10)).toBe(sevenDayCheck);
  });

  it("is due once the last counted day's epoch is due (15 minutes after that day ends)", () => {
    const activatedAt = new Date("2026-12-01T13:00:00.000Z");
    // Days 2–8 Dec; day 8 Dec ends at midnight on the 9th.
    expect(isCheckDue({ activatedAt, days: 7, now: new Date("2026-12-09T00:14:59.999Z") })).toBe(false);
    expect(isCheckDue({ activatedAt, days: 7, now: new Date("2026-12-09T00:15:00.000Z") })).toBe(true);
    expect(isCheckDue({ activatedAt, days: 30, now: new Date("2026-12-09T00:15:00.000Z") })).toBe(false);
  });
});

describe("compareForecastWithOutcome", () => {
  const proposed = bands([
    [0.2, 0.3, 0.4],
    [0.2, 0.3, 0.4],
    [0.4, 0.5, 0.6],
    // Day 4 lies beyond a 3-day comparison and must not count.
    [9, 9, 9],
  ]);
  const current = bands([
    [0.5, 0.6, 0.7],
    [0.5, 0.6, 0.7],
    [0.5, 0.6, 0.7],
    [9, 9, 9],
  ]);
  const compare = (actualTop10: number[]) =>
    compareForecastWithOutcome({
      metrics: [{ id: "top10Share", current, proposed }],
      actual: actualTop10.map((top10Share) => dayMetrics({ top10Share })),
      days: 3,
    })[0]!;

  it("compares the mean of the real days with the mean median and band of the forecast's same days", () => {
    const outcome = compare([0.3, 0.36, 0.42]);
    expect(outcome.id).toBe("top10Share");
    expect(outcome.forecast.p10).toBeCloseTo(0.8 / 3, 12);
    expect(outcome.forecast.median).toBeCloseTo(1.1 / 3, 12);
    expect(outcome.forecast.p90).toBeCloseTo(1.4 / 3, 12);
    expect(outcome.withoutChange).toBeCloseTo(0.6, 12);
    expect(outcome.actual).toBeCloseTo(0.36, 12);
    expect(outcome.verdict).toBe("within");
  });

  it.each([
    ["below the mean 10th percentile", [0.1, 0.2, 0.3], "below"],
    ["above the mean 90th percentile", [0.5, 0.5, 0.5], "above"],
    ["exactly on the mean 90th percentile", [0.4, 0.4, 0.6], "within"],
  ] as const)("reads a real mean %s as %s", (_label, actual, verdict) => {
    expect(compare([...actual]).verdict).toBe(verdict);
  });

  it("only counts the first n real days", () => {
    expect(compare([0.36, 0.36, 0.36, 5, 5]).actual).toBeCloseTo(0.36, 12);
  });

  it("refuses to compare fewer real or forecast days than asked", () => {
    expect(() => compare([0.3, 0.3])).toThrow(/2 real days/);
    expect(() =>
      compareForecastWithOutcome({
        metrics: [{ id: "top10Share", current, proposed: proposed.slice(0, 2) }],
        actual: [0.3, 0.3, 0.3].map((top10Share) => dayMetrics({ top10Share })),
        days: 3,
      }),
    ).toThrow(/covers 2 of the 3 days/);
  });

  it("holds every metric apart and counts the figures within their band", () => {
    const flat = bands([
      [10, 20, 30],
      [10, 20, 30],
    ]);
    const outcomes = compareForecastWithOutcome({
      metrics: [
        { id: "nodesOnline", current: flat, proposed: flat },
        { id: "guardEligible", current: flat, proposed: flat },
        { id: "emissionCredits", current: flat, proposed: flat },
      ],
      actual: [
        dayMetrics({ nodesOnline: 25, guardEligible: 40, emissionCredits: 5 }),
        dayMetrics({ nodesOnline: 15, guardEligible: 40, emissionCredits: 5 }),
      ],
      days: 2,
    });
    expect(outcomes.map((outcome) => [outcome.id, outcome.actual, outcome.verdict])).toEqual([
      ["nodesOnline", 20, "within"],
      ["guardEligible", 40, "above"],
      ["emissionCredits", 5, "below"],
    ]);
    expect(countWithin(outcomes)).toEqual({ within: 1, total: 3 });
  });

  it("calls a real mean within exactly when it lies between the mean 10th and 90th percentiles (property)", () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 30 }),
        fc.array(value, { minLength: 30, maxLength: 30 }),
        (rows, real) => {
          const sorted = rows.map((row) => [...row].sort((a, b) => a - b) as [number, number, number]);
          const days = sorted.length;
          const [outcome] = compareForecastWithOutcome({
            metrics: [{ id: "meanRating", current: bands(sorted), proposed: bands(sorted) }],
            actual: real.map((meanRating) => dayMetrics({ meanRating })),
            days,
          });
          const { p10, median, p90 } = outcome!.forecast;
          expect(p10).toBeLessThanOrEqual(median + 1e-6);
          expect(median).toBeLessThanOrEqual(p90 + 1e-6);
          const margin = 1e-6 * Math.max(1, Math.abs(outcome!.actual));
          if (outcome!.actual < p10 - margin) expect(outcome!.verdict).toBe("below");
          else if (outcome!.actual > p90 + margin) expect(outcome!.verdict).toBe("above");
          else if (outcome!.actual > p10 + margin && outcome!.actual < p90 - margin) {
            expect(outcome!.verdict).toBe("within");
          }
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it("reads a forecast median that came true as within its band (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (median, spread) => {
          expect(verdictOf(median, median - spread, median + spread)).toBe("within");
        },
      ),
      PROPERTY_RUNS,
    );
  });
});

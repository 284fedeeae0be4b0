import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MetricForecast } from "@/lib/schemas/forecast";
import {
  backtestLine,
  backtestSummaryLine,
  bandChartMax,
  bandChartRows,
  changeDirection,
  describeBandChart,
  downsampleRows,
  formatBandRange,
  formatGroupChange,
  formatMetricError,
  formatMetricTick,
  formatMetricValue,
  niceAxis,
} from "./forecast-format";

const band = (day: number, median: number, spread = 0.02) => ({
  day,
  p10: median - spread,
  median,
  p90: median + spread,
});

const METRIC: MetricForecast = {
  id: "largestClusterShare",
  label: "Share of traffic served by the largest cluster",
  unit: "share",
  higherIsBetter: false,
  current: [band(1, 0.31), band(2, 0.31), { day: 3, p10: 0.28, median: 0.3, p90: 0.32 }],
  proposed: [band(1, 0.31), band(2, 0.27), { day: 3, p10: 0.21, median: 0.24, p90: 0.27 }],
  sentence: "If passed, …",
  backtestError: 0.021,
};

const BACKTEST = { fromDay: new Date("2026-11-01T00:00:00.000Z"), days: 23, errorPercent: 4.24 };

describe("metric figures", () => {
  it("reads each unit the way people say it", () => {
    expect(formatMetricValue(0.3125, "share")).toBe("31.3 %");
    expect(formatMetricValue(1234.4, "credits")).toBe("1,234 credits");
    expect(formatMetricValue(2.345, "credits")).toBe("2.35 credits");
    expect(formatMetricValue(12.5, "count")).toBe("12.5");
    expect(formatMetricValue(0.381, "rating")).toBe("0.38");
    expect(formatMetricValue(0.4, "index")).toBe("0.40");
  });

  it("keeps axis ticks short and unit-free", () => {
    expect(formatMetricTick(0.25, "share")).toBe("25 %");
    expect(formatMetricTick(50_000, "credits")).toBe("50,000");
    expect(formatMetricTick(2.5, "count")).toBe("2.5");
    expect(formatMetricTick(0.8, "rating")).toBe("0.8");
  });

  it("says the backtest error in the metric's unit", () => {
    expect(formatMetricError(0.021, "share")).toBe("±2.1 percentage points");
    expect(formatMetricError(310.4, "credits")).toBe("±310 credits");
    expect(formatMetricError(1, "count")).toBe("±1 node");
    expect(formatMetricError(3.2, "count")).toBe("±3.2 nodes");
    expect(formatMetricError(0.034, "index")).toBe("±0.03");
  });

  it("writes a band's range with the unit once", () => {
    expect(formatBandRange({ p10: 0.21, p90: 0.27 }, "share")).toBe("21–27 %");
    expect(formatBandRange({ p10: 2.9, p90: 3.3 }, "credits")).toBe("2.9–3.3 credits");
    expect(formatBandRange({ p10: 0.3, p90: 0.41 }, "rating")).toBe("0.30–0.41");
    expect(formatBandRange({ p10: 290.9, p90: 295.1 }, "count")).toBe("291–295");
  });
});

describe("the backtest beside every forecast", () => {
  it("gives the metric's own error when the backtest measured it", () => {
    expect(backtestLine(METRIC, BACKTEST)).toBe(
      "On the last 23 days the model was off by ±2.1 percentage points on this figure.",
    );
  });

  it("falls back to the overall error, and says so when there is no backtest", () => {
    expect(backtestLine({ ...METRIC, backtestError: null }, BACKTEST)).toBe(
      "On the last 23 days the model was off by ±4.2 % on average across its figures.",
    );
    expect(backtestSummaryLine({ ...BACKTEST, days: 1, errorPercent: 12.6 })).toBe(
      "On the last 1 day the model was off by ±13 % on average across its figures.",
    );
    expect(backtestLine(METRIC, null)).toMatch(/has not been checked against past days yet/);
  });
});

describe("band chart rows", () => {
  it("joins both rule sets by day, with each band as a [low, high] pair", () => {
    const rows = bandChartRows(METRIC);
    expect(rows.map((row) => row.day)).toEqual([1, 2, 3]);
    expect(rows[2]).toEqual({
      day: 3,
      current: 0.3,
      currentBand: [0.28, 0.32],
      proposed: 0.24,
      proposedBand: [0.21, 0.27],
    });
  });

  it("leaves a gap, not a zero, on a day only one side has", () => {
    const rows = bandChartRows({ current: [band(1, 0.5)], proposed: [band(1, 0.4), band(2, 0.4)] });
    expect(rows[1]).toMatchObject({ day: 2, current: null, currentBand: null, proposed: 0.4 });
  });

  it("never keeps more points than asked, keeps the ends and keeps days aligned across both series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 400 }),
        fc.integer({ min: 2, max: 120 }),
        (medians, maxPoints) => {
          const metric = {
            current: medians.map((median, index) => band(index + 1, median / 2)),
            proposed: medians.map((median, index) => band(index + 1, median)),
          };
          const rows = bandChartRows(metric);
          const kept = downsampleRows(rows, maxPoints);
          expect(kept.length).toBeLessThanOrEqual(Math.max(maxPoints, 2));
          expect(kept[0]).toBe(rows[0]);
          expect(kept[kept.length - 1]).toBe(rows[rows.length - 1]);
          for (const row of kept) expect(row.current).toBe((row.proposed ?? 0) / 2);
          for (let index = 1; index < kept.length; index += 1) {
            expect(kept[index]!.day).toBeGreaterThan(kept[index - 1]!.day);
          }
        },
      ),
      { seed: 16 },
    );
  });

  it("leaves a 30-day forecast alone on any chart wider than 30 pixels", () => {
    const rows = bandChartRows({
      current: Array.from({ length: 30 }, (_, index) => band(index + 1, 0.3)),
      proposed: Array.from({ length: 30 }, (_, index) => band(index + 1, 0.2)),
    });
    expect(downsampleRows(rows, 300)).toEqual(rows);
    expect(downsampleRows(rows, 10)).toHaveLength(10);
  });

  it("describes the chart in words for assistive technology", () => {
    expect(describeBandChart(METRIC)).toBe(
      "Line chart of share of traffic served by the largest cluster over 3 simulated days, current rules against the proposed values, each a median line with a shaded band where 8 runs in 10 fell. " +
        "Current rules: median 31 % on day 1, 30 % on day 3 (likely 28–32 %). " +
        "Proposed values: median 31 % on day 1, 24 % on day 3 (likely 21–27 %).",
    );
  });
});

describe("who gains and who loses", () => {
  it("gives the direction in words and signs, not only colour", () => {
    const gain = { current: 100, proposed: 112.3, changePercent: 12.3 };
    const loss = { current: 1_000, proposed: 960, changePercent: -4 };
    const same = { current: 275, proposed: 275.01, changePercent: 0.004 };
    const fromNone = { current: 0, proposed: 20, changePercent: null };
    expect(changeDirection(gain)).toBe("gains");
    expect(formatGroupChange(gain)).toBe("+12.3 credits (+12.3 %)");
    expect(changeDirection(loss)).toBe("loses");
    expect(formatGroupChange(loss)).toBe("−40 credits (−4 %)");
    expect(changeDirection(same)).toBe("same");
    expect(formatGroupChange(same)).toBe("no change");
    expect(changeDirection(fromNone)).toBe("gains");
    expect(formatGroupChange(fromNone)).toBe("+20 credits (from none)");
    expect(changeDirection({ current: 0, proposed: 0, changePercent: null })).toBe("same");
  });

  it("never calls a rise a loss or a fall a gain", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (current, proposed) => {
          const changePercent = ((proposed - current) / current) * 100;
          const direction = changeDirection({ current, proposed, changePercent });
          if (direction === "gains") expect(proposed).toBeGreaterThan(current);
          if (direction === "loses") expect(proposed).toBeLessThan(current);
          const text = formatGroupChange({ current, proposed, changePercent });
          if (direction === "gains") expect(text.startsWith("+")).toBe(true);
          if (direction === "loses") expect(text.startsWith("−")).toBe(true);
        },
      ),
      { seed: 16 },
    );
  });
});

describe("the value axis", () => {
  it("runs from 0 to a round top in round steps that cover the data", () => {
    expect(niceAxis(0.34, "share")).toEqual({ top: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
    expect(niceAxis(0.96, "share")).toEqual({ top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(niceAxis(14_706, "credits")).toEqual({ top: 15_000, ticks: [0, 5_000, 10_000, 15_000] });
    expect(niceAxis(3, "count")).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceAxis(0, "rating")).toEqual({ top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it("always covers the highest figure with at most six ticks", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.constantFrom("share" as const, "credits" as const, "count" as const, "rating" as const),
        (max, unit) => {
          const axis = niceAxis(max, unit);
          expect(axis.top).toBeGreaterThanOrEqual(max * (1 - 1e-9));
          expect(axis.ticks.length).toBeLessThanOrEqual(6);
          expect(axis.ticks[0]).toBe(0);
          if (unit === "count") for (const tick of axis.ticks) expect(Number.isInteger(tick)).toBe(true);
        },
      ),
      { seed: 16 },
    );
  });

  it("takes the top of the bands, not only the medians", () => {
    expect(bandChartMax(bandChartRows(METRIC))).toBeCloseTo(0.33);
  });
});

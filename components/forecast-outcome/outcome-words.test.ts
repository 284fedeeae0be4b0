import { describe, expect, it } from "vitest";
import { checkSummary, forecastFigure, likelyRange, noForecastReason } from "./outcome-words";

describe("outcome words", () => {
  it.each([
    [{ within: 5, total: 8, days: 7 }, "5 of 8 figures within the forecast range after 7 days"],
    [{ within: 1, total: 1, days: 30 }, "1 of 1 figure within the forecast range after 30 days"],
    [{ within: 0, total: 11, days: 7 }, "0 of 11 figures within the forecast range after 7 days"],
  ])("summarises %o as %s", (check, text) => {
    expect(checkSummary(check)).toBe(text);
  });

  it("writes a forecast figure with its likely range, the unit once, one figure when both ends read the same", () => {
    expect(forecastFigure("count", { p10: 5, median: 5.8, p90: 6.2 })).toBe("6 nodes (likely 5–6 nodes)");
    expect(forecastFigure("share", { p10: 0.3, median: 0.3, p90: 0.3 })).toBe("30 % (likely 30 %)");
    expect(likelyRange("credits", 75, 80.8)).toBe("75–80.8 credits");
    expect(likelyRange("rating", 0.43, 0.44)).toBe("0.43–0.44");
  });

  it.each([
    ["no-history", /enough days of history/],
    ["no-model-change", /only changed governance rules/],
    ["same-as-current", /already the rules in force/],
    ["something-new", /“something-new”/],
  ])("says why %s left nothing to check", (status, text) => {
    expect(noForecastReason(status)).toMatch(text);
  });
});

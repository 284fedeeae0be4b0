import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ABOUT_THE_SAME,
  bindingDaysShare,
  formatFigure,
  groupViews,
  isAboutTheSame,
  METRIC_PRESENTATION,
  metricSentence,
  metricViews,
  payoutLimitSentence,
  payoutLimitView,
  yourNodesEarnings,
  yourNodesLabel,
} from "./forecast-view";
import { MODEL_METRIC_IDS, type Band, type ChangeForecast, type ModelMetricId } from "./model-types";

/** Bands for `days` days that move linearly from `start` to `end`, the band ± `spread` around the median. */
function bands(start: number, end: number, { days = 30, spread = 0 } = {}): Band[] {
  return Array.from({ length: days }, (_, index) => {
    const median = start + ((end - start) * index) / Math.max(1, days - 1);
    return { day: index + 1, p10: median - spread, median, p90: median + spread };
  });
}

function forecastWith(
  overrides: Partial<Record<ModelMetricId, { current: Band[]; proposed: Band[] }>> = {},
): ChangeForecast {
  const metrics = Object.fromEntries(
    MODEL_METRIC_IDS.map((id) => [id, overrides[id] ?? { current: bands(1, 1), proposed: bands(1, 1) }]),
  ) as ChangeForecast["metrics"];
  return {
    runs: 50,
    days: 30,
    metrics,
    groups: [
      { group: "medianNode", current: 80, proposed: 60 },
      { group: "top10", current: 900, proposed: 1_200 },
      { group: "home", current: 40, proposed: 40 },
      { group: "dataCentre", current: 0, proposed: 12 },
    ],
    nodeEarnings: [
      { nodeId: "a1", operatorId: "ada", current: 10, proposed: 15 },
      { nodeId: "a2", operatorId: "ada", current: 20, proposed: 15 },
      { nodeId: "b1", operatorId: "bob", current: 300, proposed: 250 },
    ],
    capCredits: { current: 50_000, proposed: 50_000 },
  };
}

describe("metricSentence", () => {
  it("says the issue's sentence for a falling cluster share", () => {
    const current = bands(0.3, 0.31, { spread: 0.02 });
    const proposed = [...bands(0.3, 0.24, { spread: 0.03 })];
    expect(metricSentence("largestClusterShare", { current, proposed })).toBe(
      "If passed, the largest cluster's share of traffic is expected to fall from 31 % to 24 % within 30 days (likely 21–27 %).",
    );
  });

  it("says rise with credits and the range's unit once", () => {
    const sentence = metricSentence("homeNodeEarnings", {
      current: bands(2.75, 2.75, { spread: 0.1 }),
      proposed: bands(2.75, 3.1, { spread: 0.2 }),
    });
    expect(sentence).toBe(
      "If passed, what a typical home node earns per day is expected to rise from 2.8 credits to 3.1 credits within 30 days (likely 2.9–3.3 credits).",
    );
  });

  it("writes both ends of a range with the same decimals", () => {
    expect(
      metricSentence("homeNodeEarnings", {
        current: bands(9.9, 9.9),
        proposed: [...bands(9.9, 11.1, { days: 29 }), { day: 30, p10: 9, median: 11.1, p90: 13.8 }],
      }),
    ).toContain("rise from 9.9 credits to 11.1 credits within 30 days (likely 9.0–13.8 credits)");
  });

  it("writes a range whose ends read alike as one figure, without padding", () => {
    expect(
      metricSentence("emissionCredits", { current: bands(50_000, 50_000), proposed: bands(50_000, 50_000) }),
    ).toBe(
      "If passed, the total paid per day is expected to stay about the same over 30 days: 50,000 credits, against 50,000 credits under the current rules (likely 50,000 credits).",
    );
  });

  it("says stay about the same within the stated tolerance, with one more digit when the figures round alike", () => {
    const sentence = metricSentence("nodesOnline", {
      current: bands(250, 250.2, { spread: 4 }),
      proposed: bands(250, 250.4, { spread: 4 }),
    });
    expect(sentence).toBe(
      "If passed, the number of nodes online is expected to stay about the same over 30 days: 250.4 nodes, against 250.2 nodes under the current rules (likely 246.4–254.4 nodes).",
    );
  });

  it("reads ratings and the Gini index to two decimals and large credits with thousands grouping", () => {
    expect(
      metricSentence("giniServed", { current: bands(0.38, 0.38), proposed: bands(0.38, 0.31) }),
    ).toContain("fall from 0.38 to 0.31 within 30 days (likely 0.31)");
    expect(
      metricSentence("emissionCredits", {
        current: bands(50_000, 50_000),
        proposed: bands(50_000, 41_234.6, { spread: 1_000 }),
      }),
    ).toContain("fall from 50,000 credits to 41,235 credits within 30 days (likely 40,235–42,235 credits)");
  });

  it("has no figures to compare when a rule set has no days", () => {
    expect(metricSentence("meanRating", { current: [], proposed: bands(0.5, 0.5) })).toBe(
      "The model has no figures for the mean rating of online nodes.",
    );
  });

  it("says rise exactly when the proposed median beats the current one beyond the tolerance", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODEL_METRIC_IDS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (id, now, next) => {
          const sentence = metricSentence(id, { current: bands(now, now), proposed: bands(next, next) });
          const unit = METRIC_PRESENTATION[id].unit;
          if (isAboutTheSame(unit, now, next)) expect(sentence).toContain("stay about the same");
          else expect(sentence).toContain(next > now ? "expected to rise from" : "expected to fall from");
        },
      ),
    );
  });
});

describe("isAboutTheSame", () => {
  it("uses the larger of 2 % and the unit's absolute tolerance", () => {
    expect(ABOUT_THE_SAME.relative).toBe(0.02);
    expect(isAboutTheSame("share", 0.31, 0.315)).toBe(true);
    expect(isAboutTheSame("share", 0.31, 0.3175)).toBe(false);
    expect(isAboutTheSame("credits", 1_000, 1_019)).toBe(true);
    expect(isAboutTheSame("credits", 1_000, 1_021)).toBe(false);
    expect(isAboutTheSame("count", 3, 3.5)).toBe(true);
    expect(isAboutTheSame("count", 3, 4)).toBe(false);
  });

  it("is symmetric for equal figures and holds for any figure against itself", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        expect(isAboutTheSame("credits", value, value)).toBe(true);
      }),
    );
  });
});

describe("formatFigure", () => {
  it.each([
    ["share", 0.3125, "31 %"],
    ["share", 0.042, "4.2 %"],
    ["credits", 275.4, "275 credits"],
    ["credits", 0.384, "0.38 credits"],
    ["count", 1_234.4, "1,234 nodes"],
    ["rating", 0.8, "0.80"],
  ] as const)("%s %d reads %s", (unit, value, text) => {
    expect(formatFigure(unit, value)).toBe(text);
  });
});

describe("metricViews", () => {
  it("lists every metric once in order with its label, unit, direction and backtest error", () => {
    const views = metricViews(forecastWith(), { top10Share: { meanAbsError: 0.03 } });
    expect(views.map((view) => view.id)).toEqual([...MODEL_METRIC_IDS]);
    expect(views[0]).toMatchObject({
      id: "top10Share",
      label: "Share of traffic served by the top 10 % of nodes",
      unit: "share",
      higherIsBetter: false,
      backtestError: 0.03,
    });
    expect(views.find((view) => view.id === "nodesOnline")?.backtestError).toBeNull();
    expect(metricViews(forecastWith(), null).every((view) => view.backtestError === null)).toBe(true);
    for (const view of views) expect(view.sentence).toMatch(/^If passed, .+\.$/);
  });
});

describe("groups", () => {
  it("labels every group and gives the change in percent, null when nothing was earned", () => {
    expect(groupViews(forecastWith().groups, null)).toEqual([
      { group: "medianNode", label: "The median node", current: 80, proposed: 60, changePercent: -25 },
      {
        group: "top10",
        label: "The top 10 % of nodes",
        current: 900,
        proposed: 1_200,
        changePercent: (300 / 900) * 100,
      },
      { group: "home", label: "A home node", current: 40, proposed: 40, changePercent: 0 },
      { group: "dataCentre", label: "A data-centre node", current: 0, proposed: 12, changePercent: null },
    ]);
  });

  it("adds the viewer's own nodes, together, only when the viewer has nodes in the state", () => {
    const { nodeEarnings, groups } = forecastWith();
    expect(yourNodesEarnings(nodeEarnings, "ada")).toEqual({ count: 2, current: 30, proposed: 30 });
    expect(yourNodesEarnings(nodeEarnings, "carol")).toBeNull();
    expect(yourNodesEarnings(nodeEarnings, null)).toBeNull();
    const withBob = groupViews(groups, yourNodesEarnings(nodeEarnings, "bob"));
    expect(withBob.at(-1)).toEqual({
      group: "yourNodes",
      label: "Your node",
      current: 300,
      proposed: 250,
      changePercent: (-50 / 300) * 100,
    });
    expect(yourNodesLabel(3)).toBe("Your 3 nodes");
    expect(yourNodesLabel(1_200)).toBe("Your 1,200 nodes");
  });
});

describe("payout limit", () => {
  const binding = bands(0.8, 0.8);
  const free = bands(1, 1);

  it("counts the days whose median scale is below 1", () => {
    expect(bindingDaysShare(binding)).toBe(1);
    expect(bindingDaysShare(free)).toBe(0);
    expect(bindingDaysShare([...bands(1, 1, { days: 3 }), ...bands(0.9, 0.9, { days: 1 })])).toBe(0.25);
    expect(bindingDaysShare([])).toBe(0);
  });

  it("says the limit already binds today and that a change under a binding limit only moves credits", () => {
    const view = payoutLimitView(
      forecastWith({ payoutScale: { current: binding, proposed: binding } }),
      true,
    );
    expect(view).toMatchObject({
      capCredits: { current: 50_000, proposed: 50_000 },
      bindsToday: true,
      bindingDaysShare: { current: 1, proposed: 1 },
    });
    expect(view.sentence).toBe(
      "The daily payout limit of 50,000 credits already binds today: every payout is scaled down to fit it. " +
        "It binds on most simulated days under both the current and the proposed rules, so the total paid stays " +
        "at the limit and this change moves credits between nodes: who gains and who loses is its real effect.",
    );
  });

  it("says when the limit does not bind today, and when the change would make it bind", () => {
    const view = payoutLimitView(forecastWith({ payoutScale: { current: free, proposed: binding } }), false);
    expect(view.sentence).toBe(
      "The daily payout limit of 50,000 credits does not bind today: every payout is paid in full. " +
        "Under the proposed rules it would bind on 100 % of the simulated days (0 % under the current rules), scaling every payout down on those days.",
    );
    expect(
      payoutLimitView(forecastWith({ payoutScale: { current: free, proposed: free } }), false).sentence,
    ).toContain("It is not expected to bind under either rule set.");
  });

  it("names a changed limit", () => {
    expect(
      payoutLimitSentence({
        capCredits: { current: 50_000, proposed: 80_000 },
        bindsToday: true,
        bindingDaysShare: { current: 1, proposed: 0.1 },
      }),
    ).toBe(
      "The daily payout limit of 50,000 credits already binds today: every payout is scaled down to fit it. " +
        "The change sets the limit to 80,000 credits. Under the proposed rules it would bind on 10 % of the simulated days (100 % under the current rules), so payouts would more often be paid in full.",
    );
  });

  it("always says whether the limit binds today", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (bindsToday, current, proposed) => {
          const sentence = payoutLimitSentence({
            capCredits: { current: 100, proposed: 100 },
            bindsToday,
            bindingDaysShare: { current, proposed },
          });
          expect(sentence.startsWith("The daily payout limit of 100 credits")).toBe(true);
          expect(sentence.includes("already binds today")).toBe(bindsToday);
          expect(sentence.includes("moves credits between nodes")).toBe(current >= 0.5 && proposed >= 0.5);
        },
      ),
    );
  });
});

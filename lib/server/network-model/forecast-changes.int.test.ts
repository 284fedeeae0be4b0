import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_METRIC_IDS, MODEL_VERSION } from "@/lib/domain/network-model/model-types";
import { forecastViewSchema, type ForecastView } from "@/lib/schemas/forecast";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  forecastChanges,
  forecastProposal,
  FORECAST_DAYS,
  FORECAST_RUNS,
  warmProposalForecasts,
} from "./forecast-changes";
import { cachedModelResult, MODEL_RESULT_MAX_AGE_DAYS } from "./model-result-cache";
import {
  consecutiveDays,
  HISTORY_NODES,
  insertHistoryDays,
  insertHistoryNetwork,
  type ModelHistory,
} from "./testing/model-history";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-11-25T12:00:00.000Z");
const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const MORE_BONUS = [{ key: "reward.uptimeBonusPerDay", toValue: 3 }];

let database: TestDatabase;
let history: ModelHistory;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Forecast test",
    now: new Date(NOW.getTime() - 60 * DAY_MS),
  });
  history = await insertHistoryNetwork(database.db, { firstReportedAt: day("2026-10-20") });
});
afterAll(() => database.drop());

const forecastRows = () =>
  database.db.modelResultCache.findMany({
    where: { kind: "forecast" },
    select: { key: true, createdAt: true },
  });

function expectForecast(view: ForecastView): Extract<ForecastView, { status: "forecast" }> {
  forecastViewSchema.parse(view);
  if (view.status !== "forecast") throw new Error(`expected a forecast, got ${JSON.stringify(view)}`);
  return view;
}

describe("forecastChanges statuses", () => {
  it("says what the page should before any history", async () => {
    const ask = (changes: { key: string; toValue: number }[]) =>
      forecastChanges(database.db, { changes, viewerOperatorId: null, now: NOW });
    expect(await ask(MORE_BONUS)).toEqual({ status: "no-history", daysNeeded: 7, daysAvailable: 0 });
    expect(await ask([{ key: "gov.quorum", toValue: 0.4 }])).toEqual({ status: "no-model-change" });
    expect(await ask([{ key: "reward.uptimeBonusPerDay", toValue: 2 }])).toEqual({
      status: "same-as-current",
      configVersion: 1,
    });
    await expect(ask([{ key: "reward.tips", toValue: 1 }])).rejects.toMatchObject({ code: "BAD_INPUT" });
  });

  it("counts the days until there are enough", async () => {
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(day("2026-11-01"), 6),
      configVersion: 1,
    });
    expect(
      await forecastChanges(database.db, { changes: MORE_BONUS, viewerOperatorId: null, now: NOW }),
    ).toEqual({
      status: "no-history",
      daysNeeded: 7,
      daysAvailable: 6,
    });
    expect(await forecastRows()).toEqual([]);
  });
});

describe("forecastChanges with history", () => {
  let anonymous: Extract<ForecastView, { status: "forecast" }>;

  beforeAll(async () => {
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(day("2026-11-07"), 8),
      configVersion: 1,
      scale: 0.8,
    });
    anonymous = expectForecast(
      await forecastChanges(database.db, { changes: MORE_BONUS, viewerOperatorId: null, now: NOW }),
    );
  });

  it("forecasts every metric over 30 days from the day after the newest epoch, with the backtest", () => {
    expect(anonymous).toMatchObject({
      configVersion: 1,
      startDay: day("2026-11-15"),
      modelVersion: MODEL_VERSION,
      runs: FORECAST_RUNS,
      days: FORECAST_DAYS,
      nodes: HISTORY_NODES.length,
    });
    expect(anonymous.metrics.map((metric) => metric.id)).toEqual([...MODEL_METRIC_IDS]);
    for (const metric of anonymous.metrics) {
      expect(metric.current).toHaveLength(FORECAST_DAYS);
      expect(metric.proposed).toHaveLength(FORECAST_DAYS);
      expect(metric.sentence).toMatch(/^If passed, /);
      expect(metric.backtestError).not.toBeNull();
    }
    // 14 consecutive computed days: the first 7 make the start state, the last 7 are compared.
    expect(anonymous.backtest).toMatchObject({ fromDay: day("2026-11-08"), days: 7 });
    expect(anonymous.assumptions.length).toBeGreaterThan(0);
  });

  it("says the daily payout limit already binds today when the newest day was scaled down", () => {
    expect(anonymous.payoutLimit.bindsToday).toBe(true);
    expect(anonymous.payoutLimit.sentence).toContain("already binds today");
  });

  it("shows the groups to everyone and the viewer's own nodes only to the viewer", async () => {
    expect(anonymous.groups.map((group) => group.group)).toEqual([
      "medianNode",
      "top10",
      "home",
      "dataCentre",
    ]);
    const ada = expectForecast(
      await forecastChanges(database.db, {
        changes: MORE_BONUS,
        viewerOperatorId: history.operatorIds.ada,
        now: NOW,
      }),
    );
    const large = expectForecast(
      await forecastChanges(database.db, {
        changes: MORE_BONUS,
        viewerOperatorId: history.operatorIds.large,
        now: NOW,
      }),
    );
    const yours = (view: typeof ada) => view.groups.find((group) => group.group === "yourNodes");
    expect(yours(ada)?.label).toBe("Your 2 nodes");
    expect(yours(large)?.label).toBe("Your 6 nodes");
    // LargeCorp's six nodes earn far more than Ada's two; each sees only their own.
    expect(yours(large)!.current).toBeGreaterThan(yours(ada)!.current);
    expect(
      yours(
        expectForecast(
          await forecastChanges(database.db, {
            changes: MORE_BONUS,
            viewerOperatorId: "someone-else",
            now: NOW,
          }),
        ),
      ),
    ).toBeUndefined();
    // Everything but the viewer's own line is the same for every viewer.
    const withoutYours = (view: typeof ada) => ({
      ...view,
      groups: view.groups.filter((group) => group.group !== "yourNodes"),
    });
    expect(withoutYours(ada)).toEqual(anonymous);
  });

  it("answers a repeated question from the cache: the same result, one stored row", async () => {
    const rows = await forecastRows();
    expect(rows).toHaveLength(1);
    const again = await forecastChanges(database.db, {
      changes: MORE_BONUS,
      viewerOperatorId: null,
      now: NOW,
    });
    expect(again).toEqual(anonymous);
    expect(await forecastRows()).toEqual(rows);
    // The row is what answers: a stored result changed by hand comes back as it is.
    const stored = await database.db.modelResultCache.findUniqueOrThrow({ where: { key: rows[0]!.key } });
    await database.db.modelResultCache.update({
      where: { key: rows[0]!.key },
      data: { payload: stored.payload.replace(`"nodes":${HISTORY_NODES.length}`, `"nodes":4321`) },
    });
    expect(
      await forecastChanges(database.db, { changes: MORE_BONUS, viewerOperatorId: null, now: NOW }),
    ).toMatchObject({ nodes: 4321 });
    await database.db.modelResultCache.update({
      where: { key: rows[0]!.key },
      data: { payload: stored.payload },
    });
  });

  it("gives the same changes in any order the same key, and other changes another", async () => {
    const both = [
      { key: "reward.uptimeBonusPerDay", toValue: 3 },
      { key: "selection.explorationRate", toValue: 0.2 },
    ];
    const first = await forecastChanges(database.db, { changes: both, viewerOperatorId: null, now: NOW });
    const reversed = await forecastChanges(database.db, {
      changes: [...both].reverse(),
      viewerOperatorId: null,
      now: NOW,
    });
    expect(reversed).toEqual(first);
    expect(await forecastRows()).toHaveLength(2);
  });

  it("computes a new forecast when a new epoch lands, and prunes rows older than a week", async () => {
    await database.db.modelResultCache.create({
      data: {
        key: "stale",
        kind: "forecast",
        payload: "{}",
        createdAt: new Date(NOW.getTime() - (MODEL_RESULT_MAX_AGE_DAYS + 1) * DAY_MS),
      },
    });
    const before = new Set((await forecastRows()).map((row) => row.key));
    await insertHistoryDays(database.db, history, { days: [day("2026-11-15")], configVersion: 1 });
    const next = expectForecast(
      await forecastChanges(database.db, { changes: MORE_BONUS, viewerOperatorId: null, now: NOW }),
    );
    expect(next.startDay).toEqual(day("2026-11-16"));
    expect(next.payoutLimit.bindsToday).toBe(false);
    const after = (await forecastRows()).map((row) => row.key);
    expect(after.filter((key) => !before.has(key))).toHaveLength(1);
    expect(after).not.toContain("stale");
  });
});

describe("cachedModelResult", () => {
  it("computes a key once for concurrent callers", async () => {
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { at: new Date("2026-11-01T00:00:00.000Z"), value: 42 };
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        cachedModelResult(database.db, { key: "singleflight", kind: "backtest", now: NOW, compute }),
      ),
    );
    expect(computed).toBe(1);
    for (const result of results)
      expect(result).toEqual({ at: new Date("2026-11-01T00:00:00.000Z"), value: 42 });
    // Stored with its date intact, and read back from the row later.
    expect(
      await cachedModelResult(database.db, { key: "singleflight", kind: "backtest", now: NOW, compute }),
    ).toEqual(results[0]);
    expect(computed).toBe(1);
  });
});

describe("forecastProposal", () => {
  let draftId: string;
  let publishedId: string;

  beforeAll(async () => {
    const writer = { id: history.operatorIds.ada, role: "operator" as const };
    const input = {
      title: "A bigger uptime bonus",
      summary: "Pay three credits a day for being up.",
      rationale: "Being there matters.",
      changes: MORE_BONUS,
    };
    draftId = (await createProposalDraft(database.db, { writer, now: NOW, input })).proposalId;
    publishedId = (
      await createProposalDraft(database.db, {
        writer,
        now: NOW,
        input: { ...input, title: "Published bonus" },
      })
    ).proposalId;
    await publishProposal(database.db, { writer, now: NOW, proposalId: publishedId });
  });

  it("shows a published proposal's forecast to anyone, the same as its changes' forecast", async () => {
    const view = await forecastProposal(database.db, {
      proposalId: publishedId,
      viewerOperatorId: null,
      now: NOW,
    });
    expect(view).toEqual(
      await forecastChanges(database.db, { changes: MORE_BONUS, viewerOperatorId: null, now: NOW }),
    );
  });

  it("shows a draft's forecast only to its author", async () => {
    const mine = await forecastProposal(database.db, {
      proposalId: draftId,
      viewerOperatorId: history.operatorIds.ada,
      now: NOW,
    });
    expect(expectForecast(mine).groups.at(-1)?.label).toBe("Your 2 nodes");
    for (const viewerOperatorId of [history.operatorIds.bob, null]) {
      await expect(
        forecastProposal(database.db, { proposalId: draftId, viewerOperatorId, now: NOW }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(
      forecastProposal(database.db, { proposalId: "no-such-proposal", viewerOperatorId: null, now: NOW }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("no proposal with this id"),
    });
  });

  it("warms open proposals' forecasts one per run, never drafts, and then answers from the cache", async () => {
    await database.db.modelResultCache.deleteMany({ where: { kind: "forecast" } });
    expect(await warmProposalForecasts(database.db, { now: NOW })).toEqual({
      warmed: publishedId,
      ready: 0,
      notForecast: 0,
    });
    const rows = await forecastRows();
    expect(rows).toHaveLength(1);
    expect(await warmProposalForecasts(database.db, { now: NOW })).toEqual({
      warmed: null,
      ready: 1,
      notForecast: 0,
    });
    await forecastProposal(database.db, { proposalId: publishedId, viewerOperatorId: null, now: NOW });
    expect(await forecastRows()).toEqual(rows);
  });

  it("forecasts from the history as it stood at `asOf`", async () => {
    expect(
      await forecastProposal(database.db, {
        proposalId: publishedId,
        viewerOperatorId: null,
        asOf: new Date("2026-11-06T12:00:00.000Z"),
        now: NOW,
      }),
    ).toEqual({ status: "no-history", daysNeeded: 7, daysAvailable: 5 });
    const asOf = expectForecast(
      await forecastProposal(database.db, {
        proposalId: publishedId,
        viewerOperatorId: null,
        asOf: new Date("2026-11-12T08:00:00.000Z"),
        now: NOW,
      }),
    );
    expect(asOf.startDay).toEqual(day("2026-11-12"));
    // Eleven consecutive days then: too few for a backtest (7 to start from + 7 to compare).
    expect(asOf.backtest).toBeNull();
  });
});

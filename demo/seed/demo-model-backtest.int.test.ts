/**
 * The model's backtest on the demo history (the "runs in CI, its error asserted below a bound"),
 * and a demo proposal's forecast cold and warm. Seeding the demo's 300 nodes and 30 days takes a minute or
 * more on a busy machine: the timeouts are only hang guards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoNetwork } from "@/demo/seed/seed-demo-network";
import { MODEL_METRIC_IDS } from "@/lib/domain/network-model/model-types";
import { forecastViewSchema } from "@/lib/schemas/forecast";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { BACKTEST_RUNS, modelBacktest } from "@/lib/server/network-model/backtest-queries";
import { forecastProposal } from "@/lib/server/network-model/forecast-changes";
import { loadModelInputs } from "@/lib/server/network-model/model-state-queries";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const SEED = 20261125;
const DAY_MS = 86_400_000;

/**
 * The bound on the backtest's error (the mean over the metrics of each one's mean absolute percentage error
 * against the real days), in percent. The run is deterministic (the seed comes from the cache key: the
 * demo's newest epoch, its config version and MODEL_VERSION), so the figure moves only when the model or the
 * demo changes. Measured with model version 1 on 2026-12-07: 15.3 % over 23 days from a 7-day start state
 * (emission 1.7 %, the traffic shares 4 %, Gini 10 %, free-riders 18 %, home earnings 28 %; the worst is
 * the guard count, 68 %, because the demo's ratings are still climbing towards the guard rating and the real
 * count is 0 on most days, so small misses are large shares). Before the model sent requests for the
 * demand from outside the network it measured 38.6 %. 25 % leaves room for tuning the model and the demo,
 * and fails a change that loses a whole part of the traffic or the payouts again.
 */
const DEMO_BACKTEST_ERROR_BOUND_PERCENT = 25;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const started = performance.now();
  await seedDemoNetwork(database.db, { seed: SEED, now: NOW });
  console.log(`seeded the demo in ${Math.round(performance.now() - started)} ms`);
}, 900_000);
afterAll(() => database.drop());

describe("the model's backtest on the demo history", { timeout: 900_000 }, () => {
  it("starts from the network as it was, simulates the rules in force and stays within the bound", async () => {
    const started = performance.now();
    const backtest = await modelBacktest(database.db, { now: NOW });
    console.log(`backtest cold ${Math.round(performance.now() - started)} ms`);
    if (!backtest) throw new Error("the demo history should be long enough for a backtest");
    const newest = await database.db.epoch.findFirstOrThrow({
      where: { status: "Computed" },
      orderBy: { day: "desc" },
      select: { day: true },
    });
    expect(backtest.newestEpochDay).toEqual(newest.day);
    expect(backtest.runs).toBe(BACKTEST_RUNS);
    expect(backtest.fromDay).toEqual(new Date(newest.day.getTime() - (backtest.days - 1) * DAY_MS));
    console.log(
      `backtest: ${backtest.days} days from ${backtest.fromDay.toISOString().slice(0, 10)} (state ${backtest.stateDays} days), error ${backtest.errorPercent?.toFixed(2)} %`,
    );
    for (const metric of MODEL_METRIC_IDS) {
      const { meanAbsError, meanAbsPercentError } = backtest.perMetric[metric];
      console.log(
        `  ${metric}: ±${meanAbsError.toPrecision(3)} (${meanAbsPercentError?.toFixed(1) ?? "–"} %)`,
      );
    }
    expect(backtest.errorPercent).not.toBeNull();
    expect(backtest.errorPercent!).toBeLessThan(DEMO_BACKTEST_ERROR_BOUND_PERCENT);

    const warmStarted = performance.now();
    expect(await modelBacktest(database.db, { now: NOW })).toEqual(backtest);
    console.log(`backtest warm ${Math.round(performance.now() - warmStarted)} ms`);
  });

  it("forecasts a demo proposal, cold and then from the cache", async () => {
    const proposal = await database.db.proposal.findFirstOrThrow({
      where: { state: { in: ["Discussion", "Queued", "Voting"] } },
      orderBy: { publishedAt: "asc" },
      select: { id: true, title: true },
    });
    const coldStarted = performance.now();
    const cold = await forecastProposal(database.db, {
      proposalId: proposal.id,
      viewerOperatorId: null,
      now: NOW,
    });
    const coldMs = performance.now() - coldStarted;
    const warmStarted = performance.now();
    const warm = await forecastProposal(database.db, {
      proposalId: proposal.id,
      viewerOperatorId: null,
      now: NOW,
    });
    const warmMs = performance.now() - warmStarted;
    console.log(
      `forecast of "${proposal.title}": cold ${Math.round(coldMs)} ms, warm ${Math.round(warmMs)} ms`,
    );
    forecastViewSchema.parse(cold);
    expect(warm).toEqual(cold);
    const inputs = await loadModelInputs(database.db);
    if (inputs.status !== "ready") throw new Error("the demo history should make a model state");
    // Every demo node that was up in the last 30 days (a few of the 300 never were).
    expect(cold).toMatchObject({ status: "forecast", nodes: inputs.state.nodes.length });
    expect(inputs.state.nodes.length).toBeGreaterThan(250);
    if (cold.status === "forecast") {
      for (const metric of cold.metrics) console.log(`  ${metric.sentence}`);
      console.log(`  ${cold.payoutLimit.sentence}`);
      console.log(`  ${JSON.stringify(cold.groups)}`);
      expect(cold.backtest?.errorPercent).toBeLessThan(DEMO_BACKTEST_ERROR_BOUND_PERCENT);
    }
  });
});

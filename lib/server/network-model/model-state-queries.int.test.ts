import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  loadModelInputs,
  loadModelState,
  MODEL_MIN_HISTORY_DAYS,
  recentModelState,
} from "./model-state-queries";
import { kindsOverDays, observedMetrics } from "./observed-metrics-queries";
import {
  consecutiveDays,
  HISTORY_NODES,
  insertHistoryDays,
  insertHistoryNetwork,
  type ModelHistory,
} from "./testing/model-history";

const DAY_MS = 86_400_000;
const GB = 1e9;
const NOW = new Date("2026-11-25T12:00:00.000Z");
const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const GUARD_V1 = defaultParameterValues()["roles.guardMinRating"];
const GUARD_V2 = 0.5;

let database: TestDatabase;
let history: ModelHistory;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, {
    networkName: "Model state test",
    now: new Date(NOW.getTime() - 60 * DAY_MS),
  });
  history = await insertHistoryNetwork(database.db, { firstReportedAt: day("2026-10-20") });
});
afterAll(() => database.drop());

describe("loadModelInputs", () => {
  it("has no history before any epoch", async () => {
    expect(await loadModelInputs(database.db)).toEqual({
      status: "no-history",
      daysNeeded: MODEL_MIN_HISTORY_DAYS,
      daysAvailable: 0,
    });
  });

  it("counts the computed days until there are enough", async () => {
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(day("2026-11-01"), 5),
      configVersion: 1,
    });
    expect(await loadModelInputs(database.db)).toEqual({
      status: "no-history",
      daysNeeded: 7,
      daysAvailable: 5,
    });
  });

  it("builds the state from the ledger, with the newest version issued as the rules", async () => {
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(day("2026-11-06"), 5),
      configVersion: 1,
    });
    await issueConfigVersion(database.db, {
      params: { ...defaultParameterValues(), "roles.guardMinRating": GUARD_V2 },
      activateAt: day("2026-11-11"),
      proposals: [],
      now: new Date("2026-11-10T12:00:00.000Z"),
    });
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(day("2026-11-11"), 5),
      configVersion: 2,
    });
    await insertHistoryDays(database.db, history, {
      days: [day("2026-11-16")],
      configVersion: 2,
      scale: 0.9,
    });

    const inputs = await loadModelInputs(database.db);
    if (inputs.status !== "ready") throw new Error(`expected a ready state, got ${JSON.stringify(inputs)}`);
    expect(inputs).toMatchObject({
      configVersion: 2,
      newestEpochDay: day("2026-11-16"),
      newestEpochScale: 0.9,
    });
    expect(inputs.params["roles.guardMinRating"]).toBe(GUARD_V2);
    const { state } = inputs;
    expect(state.startDay).toEqual(day("2026-11-17"));
    expect(state.calibration.observedDays).toBe(16);
    expect(state.nodes).toHaveLength(HISTORY_NODES.length);
    const byName = new Map(
      Object.entries(history.nodeIds).map(([name, id]) => [
        name,
        state.nodes.find((node) => node.nodeId === id)!,
      ]),
    );
    expect(byName.get("large-1")).toMatchObject({
      kind: "dataCentre",
      cluster: "192.0.2.0/24",
      operatorId: history.operatorIds.large,
      capacityBytesPerDay: 60 * GB,
      demandBytesPerDay: 2 * GB,
      upShare: 1,
      confirmedShare: 0.5,
      latencyMs: 40,
    });
    expect(byName.get("ada-1")).toMatchObject({ kind: "home", capacityBytesPerDay: 20 * GB });
    expect(byName.get("bob-rider")).toMatchObject({ kind: "home", demandBytesPerDay: 20 * GB });
    // ada-2 is down every third day (by day number since 1970).
    const adaTwoUp = consecutiveDays(day("2026-11-01"), 16).filter(
      (d) => Math.round(d.getTime() / DAY_MS) % 3 !== 0,
    );
    expect(byName.get("ada-2")!.upShare).toBeCloseTo(adaTwoUp.length / 16, 12);
    expect(byName.get("ada-2")!.ageDays).toBe(28);
  });

  it("reads the history as it stood at `asOf`: epochs whose day had ended, versions issued by then", async () => {
    const early = await loadModelInputs(database.db, { asOf: new Date("2026-11-10T06:00:00.000Z") });
    expect(early).toMatchObject({ status: "ready", configVersion: 1, newestEpochDay: day("2026-11-09") });
    if (early.status === "ready") {
      expect(early.state.calibration.observedDays).toBe(9);
      expect(early.params["roles.guardMinRating"]).toBe(GUARD_V1);
    }
    expect(await loadModelInputs(database.db, { asOf: new Date("2026-11-06T12:00:00.000Z") })).toEqual({
      status: "no-history",
      daysNeeded: 7,
      daysAvailable: 5,
    });
  });
});

describe("recentModelState", () => {
  it("reads the ledger once per start day and computed days, and again when they move on", async () => {
    const basis = { startDay: day("2026-11-17"), daysAvailable: 16 };
    const first = await recentModelState(database.db, basis);
    expect(await recentModelState(database.db, basis)).toBe(first);
    expect(await loadModelState(database.db, { startDay: basis.startDay })).toEqual(first);
    const earlier = await recentModelState(database.db, { startDay: day("2026-11-10"), daysAvailable: 9 });
    expect(earlier).not.toBe(first);
    expect(earlier.calibration.observedDays).toBe(9);
  });
});

describe("observedMetrics", () => {
  it("measures each computed day in range as the model measures a simulated one", async () => {
    const observed = await observedMetrics(database.db, { from: day("2026-11-03"), to: day("2026-11-16") });
    expect(observed.map((entry) => entry.day)).toEqual(consecutiveDays(day("2026-11-03"), 14));
    expect(await observedMetrics(database.db, { from: day("2026-12-01"), to: day("2026-12-31") })).toEqual(
      [],
    );

    for (const { day: date, metrics } of observed) {
      const dayIndex = Math.round(date.getTime() / DAY_MS);
      const up = HISTORY_NODES.filter((node) => node.downEvery === 0 || dayIndex % node.downEvery !== 0);
      const paid = (node: (typeof HISTORY_NODES)[number]) => node.gbUp * 0.75;
      const total = up.reduce((sum, node) => sum + paid(node), 0);
      expect(metrics.nodesOnline).toBe(up.length);
      expect(metrics.largestClusterShare).toBeCloseTo((6 * 60 * 0.75) / total, 9);
      expect(metrics.freeRiderShare).toBeCloseTo(1 / up.length, 12);
      // The six LargeCorp nodes share one cluster: a data centre; each earns 45 + 2 credits (× the day's scale).
      const scale = date.getTime() === day("2026-11-16").getTime() ? 0.9 : 1;
      expect(metrics.payoutScale).toBe(scale);
      expect(metrics.dataCentreNodeEarnings).toBeCloseTo(47 * scale, 5);
    }
  });

  it("counts guard-eligible nodes under the guard rating of the version each day was computed under", async () => {
    const observed = await observedMetrics(database.db, { from: day("2026-11-01"), to: day("2026-11-16") });
    let decidedByVersion = 0;
    for (const { day: date, metrics } of observed) {
      const dayIndex = Math.round(date.getTime() / DAY_MS);
      const rating = Math.min(1, 0.3 + 0.05 * ((dayIndex % 20) + 1));
      const guard = date.getTime() >= day("2026-11-11").getTime() ? GUARD_V2 : GUARD_V1;
      expect(metrics.guardEligible).toBe(rating >= guard ? metrics.nodesOnline : 0);
      expect(metrics.meanRating).toBeCloseTo(rating, 12);
      if (guard === GUARD_V2 && rating >= GUARD_V2 && rating < GUARD_V1) decidedByVersion += 1;
    }
    // At least one day where the two versions disagree, so the assertion above tells them apart.
    expect(decidedByVersion).toBeGreaterThan(0);
  });
});

describe("kindsOverDays", () => {
  const line = (
    nodeId: string,
    clusterPrefix: string | null,
    uptimeSeconds: number,
    date = "2026-11-01",
  ) => ({
    day: day(date),
    nodeId,
    operatorId: "op",
    clusterPrefix,
    uptimeSeconds,
    bytesUp: 0,
    paidBytesUp: 0,
    corroboratedBytesUp: 0,
    bytesDown: 0,
    latencyMsSeconds: 0,
    classification: "Contributor" as const,
    unscaledMicro: 0,
    rewardMicro: 0,
    rating: 0,
  });

  it("sizes clusters over the nodes up on any of the days, each in its most frequent cluster", () => {
    const five = ["n1", "n2", "n3", "n4", "n5"];
    const kinds = kindsOverDays([
      five.map((id) => line(id, "192.0.2.0/24", 86_400)),
      [line("h1", null, 86_400)],
    ]);
    expect(five.map((id) => kinds.get(id))).toEqual(Array(5).fill("dataCentre"));
    expect(kinds.get("h1")).toBe("home");
    // A node never up does not count towards its cluster: four up nodes are home nodes.
    const fourUp = kindsOverDays([
      five.map((id, index) => line(id, "192.0.2.0/24", index === 0 ? 0 : 86_400)),
    ]);
    expect(fourUp.get("n2")).toBe("home");
    expect(fourUp.has("n1")).toBe(false);
    // A node that moved counts once, in the cluster it was up in most often.
    const moved = kindsOverDays([
      [...five.slice(0, 4).map((id) => line(id, "192.0.2.0/24", 86_400)), line("n5", "192.0.2.0/24", 86_400)],
      [line("n5", "203.0.113.0/24", 86_400, "2026-11-02")],
      [line("n5", "203.0.113.0/24", 86_400, "2026-11-03")],
    ]);
    expect(moved.get("n1")).toBe("home");
  });
});

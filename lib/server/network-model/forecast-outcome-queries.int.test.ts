import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Band } from "@/lib/domain/network-model/model-types";
import type { ForecastOutcome, OutcomeCheck } from "@/lib/schemas/forecast-outcome";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { freezeDueForecasts, storeFrozenForecast, type FrozenPayload } from "./freeze-forecasts";
import { getForecastOutcome, listRecentOutcomes } from "./forecast-outcome-queries";
import {
  activateRatifiedVersion,
  day,
  insertLedgerDay,
  RATIFIED_AT,
  ratifiedHistory,
  usualLines,
  type RatifiedHistory,
} from "./testing/ratified-history";

const HOUR_MS = 3_600_000;
const flat = (p10: number, median: number, p90: number, days = 30): Band[] =>
  Array.from({ length: days }, (_, index) => ({ day: index + 1, p10, median, p90 }));

/**
 * A forecast built by hand, so the comparison can be worked out: nodes online 5–6 (median 5.8), guards
 * 1–3, mean rating 0.8–0.9, and a metric the model no longer has (skipped).
 */
const CONSTRUCTED_METRICS = [
  {
    id: "nodesOnline",
    label: "Nodes online",
    unit: "count",
    higherIsBetter: true,
    current: flat(6, 6, 6),
    proposed: flat(5, 5.8, 6),
  },
  {
    id: "guardEligible",
    label: "Nodes rated high enough to be guards",
    unit: "count",
    higherIsBetter: true,
    current: flat(1, 1, 1),
    // Days 1–3 say 1–3 guards, the rest 2–4: the mean band over 7 days is 11/7–25/7, median 18/7.
    proposed: flat(1, 2, 3).map((band) => (band.day > 3 ? { ...band, p10: 2, median: 3, p90: 4 } : band)),
  },
  {
    id: "meanRating",
    label: "Mean rating of online nodes",
    unit: "rating",
    higherIsBetter: true,
    current: flat(0.7, 0.75, 0.8),
    proposed: flat(0.8, 0.85, 0.9),
  },
  {
    id: "retiredMetric",
    label: "A metric an older model had",
    unit: "count",
    higherIsBetter: null,
    current: flat(1, 1, 1),
    proposed: flat(1, 1, 1),
  },
];

let database: TestDatabase;
let history: RatifiedHistory;
let guardSeq: number;

beforeAll(async () => {
  database = await createTestDatabase();
  history = await ratifiedHistory(database.db);
  const payload: FrozenPayload = {
    proposalId: history.guardProposalId,
    configVersion: history.configVersion,
    ratifiedAt: RATIFIED_AT.toISOString(),
    modelVersion: "test",
    forecast: { status: "forecast", metrics: CONSTRUCTED_METRICS },
  };
  const stored = await storeFrozenForecast(database.db, {
    payload,
    now: new Date(RATIFIED_AT.getTime() + 60_000),
  });
  guardSeq = stored!.seq;
});
afterAll(() => database.drop());

const outcomeAt = (now: Date, proposalId = history.guardProposalId) =>
  getForecastOutcome(database.db, { proposalId, now });

function checks(outcome: ForecastOutcome): OutcomeCheck[] {
  if (outcome.status !== "frozen") throw new Error(`expected a frozen forecast, got ${outcome.status}`);
  return outcome.checks;
}

describe("getForecastOutcome", () => {
  it("says 'none' for a rejected proposal and an unknown id, 'freezing' before the worker froze it", async () => {
    expect(await outcomeAt(RATIFIED_AT, history.rejectedProposalId)).toEqual({ status: "none" });
    expect(await outcomeAt(RATIFIED_AT, "no-such-proposal")).toEqual({ status: "none" });
    expect(await outcomeAt(RATIFIED_AT, history.quorumProposalId)).toEqual({
      status: "freezing",
      activation: { configVersion: history.configVersion, activateAt: history.activateAt, activatedAt: null },
    });
  });

  it("before activation: the frozen record, its place in the audit chain, and both checks scheduled from the planned activation", async () => {
    const outcome = await outcomeAt(new Date(RATIFIED_AT.getTime() + 2 * HOUR_MS));
    // Activation at 02:00 on 11 Dec: day 1 is 12 Dec, the 7-day check on 19 Dec.
    expect(outcome).toEqual({
      status: "frozen",
      frozen: {
        frozenAt: new Date(RATIFIED_AT.getTime() + 60_000),
        ratifiedAt: RATIFIED_AT,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        modelVersion: "test",
        auditSeq: guardSeq,
        isHashInChain: true,
      },
      activation: { configVersion: history.configVersion, activateAt: history.activateAt, activatedAt: null },
      checks: [
        { status: "scheduled", days: 7, on: day(10) },
        { status: "scheduled", days: 30, on: day(33) },
      ],
    });
  });

  it("records 'no-forecast' with the model's reason for a rule the model does not act on", async () => {
    await freezeDueForecasts(database.db, { now: new Date(RATIFIED_AT.getTime() + 2 * HOUR_MS) });
    const outcome = await outcomeAt(new Date(RATIFIED_AT.getTime() + 3 * HOUR_MS), history.quorumProposalId);
    expect(outcome).toMatchObject({
      status: "no-forecast",
      reason: "no-model-change",
      frozen: { isHashInChain: true },
    });
  });

  describe("after the change took effect", () => {
    beforeAll(async () => {
      await activateRatifiedVersion(history);
      // Days 1–2 after the close ran under the old rules' tail; days 3–9 are days 1–7 under the new ones.
      for (let offset = 1; offset <= 8; offset += 1) {
        await insertLedgerDay(database.db, {
          at: day(offset),
          configVersion: offset >= 3 ? history.configVersion : 1,
          // Day 1 under the new rules: the lowest-rated node is down.
          lines: usualLines(history.nodes, { downIndices: offset === 3 ? [0] : [] }),
        });
      }
    });

    it("keeps the 7-day check scheduled until day 7's epoch is due, counted from the real activation", async () => {
      const [seven, thirty] = checks(await outcomeAt(new Date("2026-12-18T12:00:00.000Z")));
      expect(seven).toEqual({ status: "scheduled", days: 7, on: day(10) });
      expect(thirty).toEqual({ status: "scheduled", days: 30, on: day(33) });
    });

    it("waits when the date came but a day is not counted yet", async () => {
      const [seven] = checks(await outcomeAt(new Date("2026-12-19T12:00:00.000Z")));
      expect(seven).toEqual({ status: "waiting", days: 7, on: day(10), daysCounted: 6 });
    });

    it("compares the mean of days 1–7 with the forecast's mean median and band, per metric", async () => {
      await insertLedgerDay(database.db, {
        at: day(9),
        configVersion: history.configVersion,
        lines: usualLines(history.nodes),
      });
      const [seven, thirty] = checks(await outcomeAt(new Date("2026-12-19T12:00:00.000Z")));
      expect(thirty).toEqual({ status: "scheduled", days: 30, on: day(33) });
      if (seven?.status !== "checked") throw new Error(`expected the 7-day check, got ${seven?.status}`);
      expect(seven).toMatchObject({ days: 7, on: day(10), from: day(3), to: day(9), overlapping: [] });
      const byId = Object.fromEntries(seven.metrics.map((metric) => [metric.id, metric]));
      expect(Object.keys(byId)).toEqual(["nodesOnline", "guardEligible", "meanRating"]);
      // 5 nodes up on day 1, 6 on the other six: 41/7 ≈ 5.86, inside 5–6.
      expect(byId.nodesOnline).toEqual({
        id: "nodesOnline",
        label: "Nodes online",
        unit: "count",
        higherIsBetter: true,
        forecast: { p10: 5, median: expect.closeTo(5.8, 12), p90: 6 },
        withoutChange: 6,
        actual: expect.closeTo(41 / 7, 12),
        verdict: "within",
      });
      // Ratings 0.72, 0.78, 0.84 and 0.9 clear the new 0.7 bar every day: 4 > 25/7 ≈ 3.57.
      expect(byId.guardEligible).toMatchObject({
        forecast: {
          p10: expect.closeTo(11 / 7, 12),
          median: expect.closeTo(18 / 7, 12),
          p90: expect.closeTo(25 / 7, 12),
        },
        actual: 4,
        verdict: "above",
      });
      // Mean rating of the nodes up: 0.78 on day 1 (without the 0.6 node), 0.75 on the others.
      expect(byId.meanRating).toMatchObject({
        actual: expect.closeTo((0.78 + 6 * 0.75) / 7, 12),
        verdict: "below",
      });
      expect([seven.within, seven.total]).toEqual([1, 3]);
    });

    it("notices the stored forecast no longer matches the hash in the audit chain", async () => {
      const row = await database.db.frozenForecast.findUniqueOrThrow({
        where: { proposalId: history.guardProposalId },
        select: { payload: true },
      });
      await database.db.frozenForecast.update({
        where: { proposalId: history.guardProposalId },
        data: { payload: row.payload.replace('"median":5.8', '"median":5.9') },
        select: { proposalId: true },
      });
      try {
        const outcome = await outcomeAt(new Date("2026-12-19T12:00:00.000Z"));
        expect(outcome).toMatchObject({
          status: "frozen",
          frozen: { auditSeq: guardSeq, isHashInChain: false },
        });
      } finally {
        await database.db.frozenForecast.update({
          where: { proposalId: history.guardProposalId },
          data: { payload: row.payload },
          select: { proposalId: true },
        });
      }
    });
  });
});

describe("listRecentOutcomes", () => {
  it("lists the ratified changes, newest first, with their newest check and the next one's date", async () => {
    const { items } = await listRecentOutcomes(database.db, { now: new Date("2026-12-19T12:00:00.000Z") });
    expect(items.map((item) => item.proposalId).sort()).toEqual(
      [history.guardProposalId, history.quorumProposalId].sort(),
    );
    const guard = items.find((item) => item.proposalId === history.guardProposalId)!;
    expect(guard).toEqual({
      proposalId: history.guardProposalId,
      title: "Let more nodes serve as guards",
      roundNumber: 1,
      ratifiedAt: RATIFIED_AT,
      activation: {
        configVersion: history.configVersion,
        activateAt: history.activateAt,
        activatedAt: history.activateAt,
      },
      forecastStatus: "frozen",
      latestCheck: { days: 7, within: 1, total: 3 },
      nextCheckOn: day(33),
    });
    const quorum = items.find((item) => item.proposalId === history.quorumProposalId)!;
    expect(quorum).toMatchObject({ forecastStatus: "no-model-change", latestCheck: null, nextCheckOn: null });
  });

  it("is empty before any round passed anything", async () => {
    const empty = await createTestDatabase();
    try {
      expect(await listRecentOutcomes(empty.db, { now: RATIFIED_AT })).toEqual({ items: [] });
    } finally {
      await empty.drop();
    }
  });
});

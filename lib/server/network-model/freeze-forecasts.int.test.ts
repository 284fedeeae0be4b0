import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/domain/governance/audit-event";
import { MODEL_VERSION } from "@/lib/domain/network-model/model-types";
import { sha256Hex } from "@/lib/server/platform/encoding";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { forecastProposal } from "./forecast-changes";
import { forecastAsOf, freezeDueForecasts, frozenPayload } from "./freeze-forecasts";
import { exportFrozenForecast } from "./frozen-forecast-queries";
import { MODEL_MIN_HISTORY_DAYS } from "./model-state-queries";
import { day, insertLedgerDay, RATIFIED_AT, ratifiedHistory, usualLines } from "./testing/ratified-history";

const HOUR_MS = 3_600_000;
let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function fresh(options: { withLastDay?: boolean } = {}) {
  database = await createTestDatabase();
  return ratifiedHistory(database.db, options);
}

describe("freezeDueForecasts", () => {
  it("freezes each passed proposal's forecast as canonical JSON with its sha256 and a chained event", async () => {
    const history = await fresh();
    const { db } = history;
    const now = new Date(RATIFIED_AT.getTime() + 60_000);
    const result = await freezeDueForecasts(db, { now });
    expect(result.failed).toEqual([]);
    expect(result.waiting).toBe(0);
    expect(result.frozen.map(({ proposalId, status }) => [proposalId, status]).sort()).toEqual(
      [
        [history.guardProposalId, "forecast"],
        [history.quorumProposalId, "no-model-change"],
      ].sort(),
    );

    const rows = await db.frozenForecast.findMany({ orderBy: { proposalId: "asc" } });
    expect(rows.map((row) => row.proposalId).sort()).toEqual(
      [history.guardProposalId, history.quorumProposalId].sort(),
    );
    for (const row of rows) {
      expect(row.configVersion).toBe(history.configVersion);
      expect(row.frozenAt).toEqual(now);
      // Stored canonical: re-canonicalising changes nothing, and the hash is of exactly that text.
      expect(canonicalJson(JSON.parse(row.payload))).toBe(row.payload);
      expect(row.sha256).toBe(sha256Hex(row.payload));
    }

    const guard = JSON.parse(rows.find((row) => row.proposalId === history.guardProposalId)!.payload) as {
      proposalId: string;
      configVersion: number;
      ratifiedAt: string;
      modelVersion: string;
      forecast: {
        status: string;
        configVersion: number;
        startDay: string;
        metrics: { id: string; proposed: unknown[] }[];
        groups: { group: string }[];
      };
    };
    expect(guard).toMatchObject({
      proposalId: history.guardProposalId,
      configVersion: history.configVersion,
      ratifiedAt: RATIFIED_AT.toISOString(),
      modelVersion: MODEL_VERSION,
    });
    // The rules in force before the close (version 1), the history up to the day before it.
    expect(guard.forecast.status).toBe("forecast");
    expect(guard.forecast.configVersion).toBe(history.configVersion - 1);
    expect(guard.forecast.startDay).toBe(day(1).toISOString());
    expect(guard.forecast.metrics.map((metric) => metric.id)).toContain("guardEligible");
    expect(guard.forecast.metrics.every((metric) => metric.proposed.length === 30)).toBe(true);
    // Frozen for nobody in particular: no "Your N nodes".
    expect(guard.forecast.groups.map((group) => group.group)).not.toContain("yourNodes");

    const events = await db.governanceEvent.findMany({
      where: { type: "proposal.forecast-frozen" },
      orderBy: { seq: "asc" },
      select: { seq: true, at: true, subject: true, data: true },
    });
    expect(events).toHaveLength(2);
    for (const event of events) {
      const row = rows.find((candidate) => `proposal:${candidate.proposalId}` === event.subject)!;
      expect(event.at).toEqual(now);
      expect(JSON.parse(event.data)).toEqual({
        proposalId: row.proposalId,
        configVersion: history.configVersion,
        sha256: row.sha256,
        modelVersion: MODEL_VERSION,
        forecastStatus: row.proposalId === history.guardProposalId ? "forecast" : "no-model-change",
      });
    }
    expect(await verifyGovernanceChain(db)).toEqual({ head: expect.any(Number), brokenAt: null });
    // Nothing for the rejected proposal.
    expect(await db.frozenForecast.count({ where: { proposalId: history.rejectedProposalId } })).toBe(0);

    // The export gives the payload back as stored.
    const exported = await exportFrozenForecast(db, { proposalId: history.guardProposalId });
    expect(sha256Hex(canonicalJson(exported.payload))).toBe(exported.sha256);
    await expect(exportFrozenForecast(db, { proposalId: history.rejectedProposalId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("is idempotent: a second run freezes nothing and appends no event", async () => {
    const { db } = await fresh();
    const now = new Date(RATIFIED_AT.getTime() + 60_000);
    await freezeDueForecasts(db, { now });
    const before = await db.frozenForecast.findMany({ orderBy: { proposalId: "asc" } });
    const head = await db.governanceEvent.count();
    expect(await freezeDueForecasts(db, { now: new Date(now.getTime() + HOUR_MS) })).toEqual({
      frozen: [],
      waiting: 0,
      failed: [],
    });
    expect(await db.frozenForecast.findMany({ orderBy: { proposalId: "asc" } })).toEqual(before);
    expect(await db.governanceEvent.count()).toBe(head);
  });

  it("shows a passed proposal's frozen forecast on its page instead of comparing its rules with themselves", async () => {
    const history = await fresh();
    const { db } = history;
    const now = new Date(RATIFIED_AT.getTime() + 60_000);
    await freezeDueForecasts(db, { now });
    const stored = JSON.parse(
      (await db.frozenForecast.findUniqueOrThrow({ where: { proposalId: history.guardProposalId } })).payload,
    ) as { forecast: { metrics: unknown[]; startDay: string } };

    const shown = await forecastProposal(db, {
      proposalId: history.guardProposalId,
      viewerOperatorId: null,
      now,
    });
    expect(shown.status).toBe("forecast");
    if (shown.status !== "forecast") return;
    expect(shown.frozenAt).toEqual(now);
    expect(shown.startDay.toISOString()).toBe(stored.forecast.startDay);
    expect(JSON.parse(JSON.stringify(shown.metrics))).toEqual(stored.forecast.metrics);

    // A proposal frozen without a forecast (governance only) still gets its live answer.
    const quorum = await forecastProposal(db, {
      proposalId: history.quorumProposalId,
      viewerOperatorId: null,
      now,
    });
    expect(quorum).toEqual({ status: "no-model-change" });
  });

  it("comes out the same whenever it runs: later history and an empty cache change nothing", async () => {
    const history = await fresh();
    const { db } = history;
    await freezeDueForecasts(db, { now: new Date(RATIFIED_AT.getTime() + 60_000) });
    const stored = await db.frozenForecast.findUniqueOrThrow({
      where: { proposalId: history.guardProposalId },
    });
    // Days after the close are computed and the version activates; the cache is emptied.
    for (let offset = 1; offset <= 3; offset += 1) {
      await insertLedgerDay(db, {
        at: day(offset),
        configVersion: history.configVersion,
        lines: usualLines(history.nodes),
      });
    }
    await db.modelResultCache.deleteMany({});
    const later = new Date(RATIFIED_AT.getTime() + 4 * 24 * HOUR_MS);
    const again = await forecastProposal(db, {
      proposalId: history.guardProposalId,
      viewerOperatorId: null,
      asOf: forecastAsOf(RATIFIED_AT),
      now: later,
    });
    const payload = frozenPayload({
      proposalId: history.guardProposalId,
      configVersion: history.configVersion,
      ratifiedAt: RATIFIED_AT,
      forecast: again,
    });
    expect(canonicalJson(payload)).toBe(stored.payload);
  });

  it("waits for the epoch of the day before the close, and freezes without it once it is long overdue", async () => {
    const history = await fresh({ withLastDay: false });
    const { db } = history;
    // 03:00: that day's epoch was due at 00:15 and may still come.
    const early = await freezeDueForecasts(db, { now: new Date(RATIFIED_AT.getTime() + HOUR_MS) });
    expect(early).toEqual({ frozen: [], waiting: 2, failed: [] });
    expect(await db.frozenForecast.count()).toBe(0);

    // 06:15 and later: not coming; frozen from the 13 days there are.
    const late = await freezeDueForecasts(db, { now: new Date("2026-12-10T06:15:00.000Z") });
    expect(late.frozen).toHaveLength(2);
    const guard = await exportFrozenForecast(db, { proposalId: history.guardProposalId });
    expect((guard.payload.forecast as { startDay: string }).startDay).toBe(day(0).toISOString());
  });

  it("freezes once that epoch is stored", async () => {
    const history = await fresh({ withLastDay: false });
    const { db } = history;
    await insertLedgerDay(db, { at: day(0), configVersion: 1, lines: usualLines(history.nodes) });
    const result = await freezeDueForecasts(db, { now: new Date(RATIFIED_AT.getTime() + HOUR_MS) });
    expect(result.frozen).toHaveLength(2);
  });

  it("records 'no-history' when the model had too few days, so the proposal is not tried again", async () => {
    database = await createTestDatabase();
    const history = await ratifiedHistory(database.db);
    const { db } = history;
    // Only 3 of the 14 days stay computed: below the model's minimum.
    await db.epoch.deleteMany({ where: { day: { lt: day(-2) } } });
    const now = new Date(RATIFIED_AT.getTime() + HOUR_MS);
    const result = await freezeDueForecasts(db, { now });
    const guard = result.frozen.find((entry) => entry.proposalId === history.guardProposalId);
    expect(guard?.status).toBe("no-history");
    const exported = await exportFrozenForecast(db, { proposalId: history.guardProposalId });
    expect(exported.payload.forecast).toEqual({
      status: "no-history",
      daysNeeded: MODEL_MIN_HISTORY_DAYS,
      daysAvailable: 3,
    });
    expect((await freezeDueForecasts(db, { now })).frozen).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freezeDueForecasts } from "@/lib/server/network-model/freeze-forecasts";
import {
  activateRatifiedVersion,
  day,
  insertLedgerDay,
  RATIFIED_AT,
  ratifiedHistory,
  usualLines,
  type RatifiedHistory,
} from "@/lib/server/network-model/testing/ratified-history";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createTestCaller } from "../testing/router-test-setup";

let database: TestDatabase;
let history: RatifiedHistory;
/** The 7-day check of the version activated on 11 Dec is due on 19 Dec. */
const CHECKED = new Date("2026-12-19T12:00:00.000Z");

beforeAll(async () => {
  database = await createTestDatabase();
  history = await ratifiedHistory(database.db);
  await freezeDueForecasts(database.db, { now: new Date(RATIFIED_AT.getTime() + 60_000) });
  await activateRatifiedVersion(history);
  for (let offset = 1; offset <= 9; offset += 1) {
    await insertLedgerDay(database.db, {
      at: day(offset),
      configVersion: offset >= 2 ? history.configVersion : 1,
      lines: usualLines(history.nodes),
    });
  }
});
afterAll(() => database.drop());

describe("forecastOutcomes router", () => {
  it("ofProposal answers anyone with the real forecast compared, every figure passing the output contract", async () => {
    const outcome = await createTestCaller(database.db, CHECKED).forecastOutcomes.ofProposal({
      proposalId: history.guardProposalId,
    });
    if (outcome.status !== "frozen") throw new Error(`expected a frozen forecast, got ${outcome.status}`);
    const [seven, thirty] = outcome.checks;
    expect(seven?.status).toBe("checked");
    expect(thirty).toEqual({ status: "scheduled", days: 30, on: day(33) });
    if (seven?.status !== "checked") return;
    expect(seven.total).toBe(seven.metrics.length);
    expect(seven.metrics.map((metric) => metric.id)).toContain("guardEligible");
    // Four of the six nodes clear the new 0.7 bar every day.
    expect(seven.metrics.find((metric) => metric.id === "guardEligible")?.actual).toBe(4);
    expect(outcome.frozen.isHashInChain).toBe(true);
  });

  it("recent lists both ratified changes; a malformed id is refused", async () => {
    const caller = createTestCaller(database.db, CHECKED);
    const { items } = await caller.forecastOutcomes.recent();
    expect(items.map((item) => item.forecastStatus).sort()).toEqual(["frozen", "no-model-change"]);
    await expect(caller.forecastOutcomes.ofProposal({ proposalId: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

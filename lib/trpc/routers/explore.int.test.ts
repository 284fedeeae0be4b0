import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consecutiveDays,
  insertHistoryDays,
  insertHistoryNetwork,
} from "@/lib/server/network-model/testing/model-history";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory } from "../init";
import { bootstrapTestPlatform, TEST_NOW, TEST_REQUEST_SETTINGS } from "../testing/router-test-setup";
import { appRouter } from "./_app";

const DAY_MS = 86_400_000;
let database: TestDatabase;

const caller = (clientIp: string | null = "192.0.2.44") =>
  createCallerFactory(appRouter)({
    db: database.db,
    now: () => TEST_NOW,
    operator: null,
    clientIp,
    settings: TEST_REQUEST_SETTINGS,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db, new Date(TEST_NOW.getTime() - 60 * DAY_MS));
});
afterAll(() => database.drop());

describe("explore router", () => {
  it("tells a visitor plainly that the network needs more history first", async () => {
    await expect(caller().explore.start({ goal: "fewer-free-riders" })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: expect.stringContaining("Explore needs at least 7 days"),
    });
  });

  it("lets a visitor start a search, reuses it, and reads where it stands", async () => {
    const history = await insertHistoryNetwork(database.db, {
      firstReportedAt: new Date("2026-10-20T00:00:00.000Z"),
    });
    await insertHistoryDays(database.db, history, {
      days: consecutiveDays(new Date("2026-11-10T00:00:00.000Z"), 8),
      configVersion: 1,
    });
    const started = await caller().explore.start({ goal: "fewer-free-riders" });
    expect(started.reused).toBe(false);
    expect(await caller("192.0.2.45").explore.start({ goal: "fewer-free-riders" })).toEqual({
      id: started.id,
      reused: true,
    });
    expect(await caller(null).explore.run({ id: started.id })).toMatchObject({
      id: started.id,
      goal: "fewer-free-riders",
      status: "Queued",
      queuedAhead: 0,
      outcome: null,
      error: null,
    });
  });

  it("refuses an unknown goal and an unknown search", async () => {
    await expect(caller().explore.start({ goal: "more-money" as never })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller().explore.run({ id: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("No such search"),
    });
  });
});

import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkDashboardSchema } from "@/lib/schemas/network-stats";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  bootstrapTestPlatform,
  createTestCaller,
  insertOperator,
  TEST_NOW,
} from "../testing/router-test-setup";

const HOUR_MS = 3_600_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  await insertOperator(database.db, { displayName: "Stats Cooperative", region: "eu-west" }, [
    { name: "Relay One" },
    { name: "Relay Two" },
    { name: "Relay Gone", status: "Gone" },
  ]);
  await database.db.networkHourlyRollup.create({
    data: {
      hourStart: new Date(Math.floor(TEST_NOW.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS),
      nodes: 2,
      samples: 2,
      windowSeconds: 7200n,
      uptimeSeconds: 5400n,
      bytesUp: 3_000_000_000n,
      bytesDown: 0n,
      latencyMsSeconds: 0n,
      peerSeconds: 0n,
    },
  });
});
afterAll(() => database.drop());

describe("stats.dashboard", () => {
  it("serves the dashboard for the last 7 days by default, to anyone, at the request's time", async () => {
    const dashboard = await createTestCaller(database.db).stats.dashboard({});
    expect(networkDashboardSchema.parse(dashboard)).toEqual(dashboard);
    expect(dashboard.range).toBe("7d");
    expect(dashboard.to).toBe(TEST_NOW.toISOString());
    expect(dashboard.from).toBe(new Date(TEST_NOW.getTime() - 7 * 24 * HOUR_MS).toISOString());
    expect(dashboard.headline).toMatchObject({ nodesOnline: 1.5, nodesKnown: 2, gbServed: 3 });
    expect(dashboard.nodesOnline.points).toEqual([
      { at: TEST_NOW.getTime() - HOUR_MS, online: 1.5, reporting: 2 },
    ]);
  });

  it("refuses an unknown range, naming the field and the choices", async () => {
    const error = await createTestCaller(database.db)
      .stats.dashboard({ range: "1y" as never })
      .then(
        () => null,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain("range must be one of 24h, 7d, 30d, all");
  });
});

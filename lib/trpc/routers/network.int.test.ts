import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  bootstrapTestPlatform,
  createTestCaller,
  insertOperator,
  minutesBefore,
  TEST_NOW,
} from "../testing/router-test-setup";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  await insertOperator(database.db, { displayName: "Alpha Cooperative", region: "eu-west" }, [
    { name: "Relay Amsterdam", lastSeenAt: minutesBefore(1) },
    { name: "Relay Berlin", lastSeenAt: minutesBefore(14) },
    { name: "Relay Lisbon", lastSeenAt: minutesBefore(16) },
    { name: "Storage Paris", status: "Gone", lastSeenAt: minutesBefore(2) },
  ]);
  await insertOperator(database.db, { displayName: "Beta Hosting", region: "us-east" }, [
    { name: "Mirror Boston", lastSeenAt: minutesBefore(15) },
    { name: "Mirror Austin", region: "us-west", lastSeenAt: null },
  ]);
});
afterAll(async () => {
  await database.drop();
});

describe("network.overview", () => {
  it("counts nodes by status, online nodes, operators and regions", async () => {
    const overview = await createTestCaller(database.db).network.overview();
    expect(overview.name).toBe("Test swarm");
    expect(overview.networkId).toMatch(/^net_/);
    expect(overview.nodes).toEqual({ total: 6, byStatus: { Active: 5, Gone: 1 }, online: 3 });
    expect(overview.onlineWindowMinutes).toBe(15);
    expect(overview.operatorCount).toBe(2);
    expect(overview.regionCount).toBe(3);
  });

  it("shows the genesis version as active and nothing scheduled after bootstrap", async () => {
    const overview = await createTestCaller(database.db).network.overview();
    expect(overview.activeVersion).toEqual({ version: 1, activatedAt: TEST_NOW });
    expect(overview.latestVersion).toBe(1);
    expect(overview.scheduledVersions).toEqual([]);
  });

  it("lists an issued version that has not activated yet as scheduled", async () => {
    const activateAt = new Date(TEST_NOW.getTime() + 24 * 3_600_000);
    await issueConfigVersion(database.db, {
      params: { ...defaultParameterValues(), "gov.quorum": 0.25 },
      activateAt,
      proposals: [],
      now: TEST_NOW,
    });
    const overview = await createTestCaller(database.db).network.overview();
    expect(overview.activeVersion.version).toBe(1);
    expect(overview.latestVersion).toBe(2);
    expect(overview.scheduledVersions).toEqual([{ version: 2, activateAt }]);
  });

  it("answers SERVICE_UNAVAILABLE with a next step when the platform was never bootstrapped", async () => {
    const empty = await createTestDatabase();
    try {
      const failure = await createTestCaller(empty.db)
        .network.overview()
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TRPCError);
      expect((failure as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
      expect((failure as TRPCError).message).toContain("npm start");
    } finally {
      await empty.drop();
    }
  });
});

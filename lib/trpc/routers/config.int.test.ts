import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { activateDueConfigVersions } from "@/lib/server/governance/activate-config-versions";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { bootstrapTestPlatform, createTestCaller, TEST_NOW } from "../testing/router-test-setup";

let database: TestDatabase;
const HOUR = 3_600_000;
const later = (hours: number) => new Date(TEST_NOW.getTime() + hours * HOUR);

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  const defaults = defaultParameterValues();
  await issueConfigVersion(database.db, {
    params: { ...defaults, "reward.perGbUploaded": 2 },
    activateAt: later(1),
    proposals: ["prop_a"],
    now: TEST_NOW,
  });
  await activateDueConfigVersions(database.db, { now: later(1) });
  await issueConfigVersion(database.db, {
    params: { ...defaults, "reward.perGbUploaded": 2, "selection.explorationRate": 0.2, "gov.quorum": 0.3 },
    activateAt: later(48),
    proposals: ["prop_b", "prop_c"],
    now: later(2),
  });
});
afterAll(async () => {
  await database.drop();
});

describe("config.history", () => {
  it("lists every version newest first with its state and what it changed", async () => {
    const history = await createTestCaller(database.db, later(3)).config.history({});
    expect(history.nextBeforeVersion).toBeNull();
    expect(history.entries.map((entry) => entry.version)).toEqual([3, 2, 1]);
    const [scheduled, active, genesis] = history.entries;
    expect(scheduled).toMatchObject({ isActive: false, activatedAt: null, activateAt: later(48) });
    expect(scheduled?.proposals).toEqual(["prop_b", "prop_c"]);
    expect(scheduled?.changes).toEqual([
      { key: "selection.explorationRate", from: 0.1, to: 0.2 },
      { key: "gov.quorum", from: 0.2, to: 0.3 },
    ]);
    expect(active).toMatchObject({ isActive: true, activatedAt: later(1) });
    expect(active?.changes).toEqual([{ key: "reward.perGbUploaded", from: 1, to: 2 }]);
    expect(genesis).toMatchObject({ isActive: false, changes: [], prevSha256: "" });
  });

  it("chains each version to the one before it", async () => {
    const { entries } = await createTestCaller(database.db).config.history({});
    expect(entries[0]?.prevSha256).toBe(entries[1]?.sha256);
    expect(entries[1]?.prevSha256).toBe(entries[2]?.sha256);
  });

  it("pages with beforeVersion, diffing the last entry of a page against the version below it", async () => {
    const caller = createTestCaller(database.db);
    const first = await caller.config.history({ limit: 2 });
    expect(first.entries.map((entry) => entry.version)).toEqual([3, 2]);
    expect(first.entries[1]?.changes).toEqual([{ key: "reward.perGbUploaded", from: 1, to: 2 }]);
    expect(first.nextBeforeVersion).toBe(2);
    const second = await caller.config.history({ limit: 2, beforeVersion: 2 });
    expect(second.entries.map((entry) => entry.version)).toEqual([1]);
    expect(second.nextBeforeVersion).toBeNull();
  });

  it.each([
    [{ limit: 0 }, "limit"],
    [{ limit: 101 }, "limit"],
    [{ beforeVersion: 1 }, "beforeVersion"],
  ])("rejects %j with BAD_REQUEST naming %s", async (input, field) => {
    const failure = await createTestCaller(database.db)
      .config.history(input)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("BAD_REQUEST");
    expect((failure as TRPCError).message).toContain(`"${field}"`);
  });
});

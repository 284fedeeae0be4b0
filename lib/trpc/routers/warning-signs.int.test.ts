import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/roles";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import {
  bootstrapTestPlatform,
  insertOperator,
  TEST_NOW,
  TEST_REQUEST_SETTINGS,
} from "../testing/router-test-setup";

let database: TestDatabase;
const people = {} as Record<Role, SessionOperator>;

function callerAs(operator: SessionOperator | null) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => TEST_NOW,
    operator,
    clientIp: "203.0.113.9",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  for (const role of ["operator", "steward", "admin"] as const) {
    const displayName = `Warning ${role}`;
    const id = await insertOperator(database.db, { displayName, region: "eu-west" }, []);
    await database.db.operator.update({ where: { id }, data: { role } });
    people[role] = { id, displayName, email: `${role}@example.test`, role };
  }
});

afterAll(async () => {
  await database.drop();
});

describe("warningSigns.recent", () => {
  it("refuses anonymous callers (sign in) and operators (FORBIDDEN)", async () => {
    expect(await codeOf(callerAs(null).warningSigns.recent({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerAs(people.operator).warningSigns.recent({}))).toBe("FORBIDDEN");
  });

  it("answers stewards and admins, over the last 30 days by default", async () => {
    for (const role of ["steward", "admin"] as const) {
      const signs = await callerAs(people[role]).warningSigns.recent({});
      expect(signs).toMatchObject({ days: 30, groupCount: 0, groups: [], identicalBallots: [] });
    }
  });

  it("refuses a window longer than 90 days", async () => {
    expect(await codeOf(callerAs(people.steward).warningSigns.recent({ days: 365 }))).toBe("BAD_REQUEST");
  });
});

describe("warningSigns.exclusivePairs", () => {
  it("refuses anonymous callers (sign in) and operators (FORBIDDEN)", async () => {
    expect(await codeOf(callerAs(null).warningSigns.exclusivePairs())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerAs(people.operator).warningSigns.exclusivePairs())).toBe("FORBIDDEN");
  });

  it("answers stewards and admins over the last 7 days", async () => {
    for (const role of ["steward", "admin"] as const) {
      const pairs = await callerAs(people[role]).warningSigns.exclusivePairs();
      expect(pairs).toMatchObject({
        days: 7,
        since: new Date("2026-11-19T00:00:00.000Z"),
        sharePercent: 95,
        pairCount: 0,
        pairs: [],
      });
    }
  });
});

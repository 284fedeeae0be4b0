import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { bootstrapTestPlatform, createTestCaller } from "../testing/router-test-setup";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
});
afterAll(() => database.drop());

describe("proposals.impact", () => {
  it("answers anyone, before any epoch, with what the page should say", async () => {
    const caller = createTestCaller(database.db);
    expect(await caller.proposals.impact({ changes: [{ key: "reward.perGbUploaded", toValue: 2 }] })).toEqual(
      {
        status: "no-epoch",
      },
    );
    expect(await caller.proposals.impact({ changes: [{ key: "gov.quorum", toValue: 0.4 }] })).toEqual({
      status: "no-reward-change",
    });
  });

  it.each([
    [[{ key: "reward.perGbUploaded", toValue: 1_000 }], "Pay per GB served must be at most 100"],
    [
      [{ key: "reward.tips", toValue: 1 }],
      "is not a known parameter; choose one from the parameter catalogue",
    ],
    [[], "Choose at least one parameter to change"],
  ])("rejects %j, saying %j", async (changes, message) => {
    const failure = await createTestCaller(database.db)
      .proposals.impact({ changes })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("BAD_REQUEST");
    expect((failure as TRPCError).message).toContain(message);
  });
});

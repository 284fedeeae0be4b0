import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createOperatorAccount } from "./create-operator-account";

let database: TestDatabase;
const NOW = new Date("2026-11-25T12:00:00.000Z");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe("createOperatorAccount (the admin CLI's create-admin)", () => {
  it("refuses a guessable password as sign-up does, saying why, and stores nothing", async () => {
    const account = { email: "root@example.test", displayName: "Root", role: "admin" as const, now: NOW };
    await expect(
      createOperatorAccount(database.db, { ...account, password: "password12" }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(/^This password is too easy to guess .*commonly used password/),
    });
    await expect(
      createOperatorAccount(database.db, { ...account, password: "root@example" }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    expect(await database.db.operator.count({ where: { email: account.email } })).toBe(0);

    const created = await createOperatorAccount(database.db, {
      ...account,
      password: "correct horse battery",
    });
    expect(created).toMatchObject({ email: account.email, role: "admin" });
  });
});

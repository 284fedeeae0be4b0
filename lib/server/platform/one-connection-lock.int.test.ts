import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const bucket = (key: string) => ({ key, windowStartMs: 0n, count: 1 });

/**
 * Opens a transaction that writes `insideKey` and waits; `whileOpen` starts while it is open. The
 * transaction then fails (rolls back) once `whileOpen` has finished — or, when `whileOpen` is
 * waiting for the transaction to end, after a moment. Resolves with what `whileOpen` returned.
 */
async function whileTransactionOpen<T>(insideKey: string, whileOpen: () => Promise<T>): Promise<T> {
  let markOpen!: () => void;
  const isOpen = new Promise<void>((resolve) => (markOpen = resolve));
  let letItFail!: () => void;
  const mayFail = new Promise<void>((resolve) => (letItFail = resolve));
  const transaction = database.db
    .$transaction(async (tx) => {
      await tx.rateLimitBucket.create({ data: bucket(insideKey) });
      markOpen();
      await mayFail;
      throw new Error("the transaction's own work failed");
    })
    .catch((error: unknown) => error);
  await isOpen;
  const outside = whileOpen();
  // Only how soon the bug would show depends on this wait; with the lock the outcome never does.
  await Promise.race([outside, new Promise((resolve) => setTimeout(resolve, 250))]);
  letItFail();
  expect(await transaction).toBeInstanceOf(Error);
  return outside;
}

describe("queries outside a transaction (the SQLite adapter has one connection)", () => {
  it("keep a write made while another request's transaction is open, when that transaction rolls back", async () => {
    await whileTransactionOpen("inside-1", () =>
      database.db.rateLimitBucket.create({ data: bucket("outside-1") }),
    );
    expect(await database.db.rateLimitBucket.findUnique({ where: { key: "outside-1" } })).not.toBeNull();
    expect(await database.db.rateLimitBucket.findUnique({ where: { key: "inside-1" } })).toBeNull();
  });

  it("never read another transaction's uncommitted rows", async () => {
    const seen = await whileTransactionOpen("inside-2", () =>
      database.db.rateLimitBucket.findUnique({ where: { key: "inside-2" } }),
    );
    expect(seen).toBeNull();
  });
});

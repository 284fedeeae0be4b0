import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEventHashInput } from "@/lib/domain/governance/audit-event";
import { sha256Hex } from "@/lib/server/platform/encoding";
import {
  appendGovernanceEvent,
  appendGovernanceEvents,
  listGovernanceEventsForSubject,
  verifyGovernanceChain,
  withGovernanceTransaction,
} from "@/lib/server/governance/governance-chain";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";

let database: TestDatabase;
const AT = new Date("2026-11-25T12:00:00.000Z");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("appendGovernanceEvent", () => {
  it("starts the chain at seq 1 with an empty prevHash and hashes the canonical event", async () => {
    const appended = await database.db.$transaction((tx) =>
      appendGovernanceEvent(tx, { type: "test.first", subject: "test:1", data: { b: 2, a: "x" } }, AT),
    );
    expect(appended.seq).toBe(1);
    const expected = sha256Hex(
      '\n{"at":"2026-11-25T12:00:00.000Z","data":{"a":"x","b":2},"seq":1,"subject":"test:1","type":"test.first"}',
    );
    expect(appended.hash).toBe(expected);
    const row = await database.db.governanceEvent.findUniqueOrThrow({ where: { seq: 1 } });
    expect(row).toMatchObject({ prevHash: "", hash: expected, data: '{"a":"x","b":2}', type: "test.first" });
  });

  it("links the next event to the previous hash", async () => {
    const first = await database.db.governanceEvent.findUniqueOrThrow({ where: { seq: 1 } });
    const second = await withGovernanceTransaction(database.db, (tx) =>
      appendGovernanceEvent(tx, { type: "test.second", subject: "test:1", data: {} }, AT),
    );
    expect(second.seq).toBe(2);
    expect(second.hash).toBe(
      sha256Hex(
        auditEventHashInput(first.hash, {
          seq: 2,
          at: AT.toISOString(),
          type: "test.second",
          subject: "test:1",
          data: {},
        }),
      ),
    );
    const events = await listGovernanceEventsForSubject(database.db, "test:1");
    expect(events.map((event) => event.type)).toEqual(["test.first", "test.second"]);
    expect(events[0]!.data).toEqual({ a: "x", b: 2 });
  });

  it("stores nothing when the caller's transaction rolls back", async () => {
    await expect(
      database.db.$transaction(async (tx) => {
        await appendGovernanceEvent(tx, { type: "test.lost", subject: "test:2", data: {} }, AT);
        throw new Error("caller failed after appending");
      }),
    ).rejects.toThrow("caller failed");
    expect(await listGovernanceEventsForSubject(database.db, "test:2")).toEqual([]);
    expect(await verifyGovernanceChain(database.db)).toEqual({ head: 2, brokenAt: null });
  });

  it("gives 20 concurrent appends the seqs after the head, in one valid chain", async () => {
    const before = (await verifyGovernanceChain(database.db)).head;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        withGovernanceTransaction(database.db, async (tx) => {
          // Some work before the append widens the window in which two transactions overlap.
          await tx.governanceEvent.count();
          return appendGovernanceEvent(
            tx,
            { type: "test.concurrent", subject: `test:c${index}`, data: { index } },
            AT,
          );
        }),
      ),
    );
    expect(results.map((result) => result.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => before + index + 1),
    );
    expect(await verifyGovernanceChain(database.db)).toEqual({ head: before + 20, brokenAt: null });
  });

  it("takes the chain lock once per transaction: not again inside withGovernanceTransaction, first thing when used alone", async () => {
    const appendTwice = async (tx: Parameters<typeof appendGovernanceEvent>[0], subject: string) => {
      const statements = vi.spyOn(tx, "$executeRaw");
      await appendGovernanceEvent(tx, { type: "test.lock", subject, data: { n: 1 } }, AT);
      await appendGovernanceEvent(tx, { type: "test.lock", subject, data: { n: 2 } }, AT);
      const count = statements.mock.calls.length;
      statements.mockRestore();
      return count;
    };
    expect(await withGovernanceTransaction(database.db, (tx) => appendTwice(tx, "test:locked"))).toBe(0);
    expect(await database.db.$transaction((tx) => appendTwice(tx, "test:alone"))).toBe(1);
    // A new transaction never inherits the lock of an earlier one.
    expect(await database.db.$transaction((tx) => appendTwice(tx, "test:alone"))).toBe(1);

    const before = (await verifyGovernanceChain(database.db)).head;
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        database.db.$transaction(async (tx) => {
          await appendGovernanceEvent(tx, { type: "test.alone", subject: `test:a${index}`, data: {} }, AT);
          await appendGovernanceEvent(tx, { type: "test.alone", subject: `test:a${index}`, data: {} }, AT);
        }),
      ),
    );
    expect(await verifyGovernanceChain(database.db)).toEqual({ head: before + 20, brokenAt: null });
  });

  it("appends a batch across chunks as one event at a time would, after the head and before the next", async () => {
    const before = await database.db.governanceEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const events = Array.from({ length: 2_345 }, (_, index) => ({
      type: "test.batch",
      subject: "test:batch",
      data: { index },
    }));
    await withGovernanceTransaction(database.db, (tx) => appendGovernanceEvents(tx, events, AT));
    await withGovernanceTransaction(database.db, (tx) => appendGovernanceEvents(tx, [], AT));
    const next = await withGovernanceTransaction(database.db, (tx) =>
      appendGovernanceEvent(tx, { type: "test.after", subject: "test:batch", data: {} }, AT),
    );
    expect(next.seq).toBe(before.seq + events.length + 1);
    expect(await verifyGovernanceChain(database.db)).toEqual({ head: next.seq, brokenAt: null });
    const stored = await listGovernanceEventsForSubject(database.db, "test:batch");
    expect(stored.map((event) => [event.seq, event.data.index])).toEqual([
      ...events.map((event, index) => [before.seq + index + 1, event.data.index]),
      [next.seq, undefined],
    ]);
    expect(stored[0]!.hash).toBe(
      sha256Hex(
        auditEventHashInput(before.hash, {
          seq: before.seq + 1,
          at: AT.toISOString(),
          type: "test.batch",
          subject: "test:batch",
          data: { index: 0 },
        }),
      ),
    );
  });

  it("verifyGovernanceChain finds a tampered event", async () => {
    await database.db.governanceEvent.update({ where: { seq: 2 }, data: { data: '{"forged":true}' } });
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBe(2);
    await database.db.governanceEvent.update({ where: { seq: 2 }, data: { data: "{}" } });
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();
  });
});

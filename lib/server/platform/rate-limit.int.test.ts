import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DomainError } from "@/lib/domain/errors";
import { consumeRateLimit, enforceRateLimit, peekRateLimit } from "./rate-limit";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const rule = { limit: 3, windowMs: 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, seconds));

describe("consumeRateLimit", () => {
  it("allows the limit, refuses the next with the seconds left, and resets after the window", async () => {
    const decisions = [];
    for (const second of [0, 10, 20, 30]) {
      decisions.push(await consumeRateLimit(database.db, { key: "ip:1", rule, now: at(second) }));
    }
    expect(decisions.map((decision) => decision.isAllowed)).toEqual([true, true, true, false]);
    expect(decisions.map((decision) => decision.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]?.retryAfterSeconds).toBe(30);

    const afterWindow = await consumeRateLimit(database.db, { key: "ip:1", rule, now: at(60) });
    expect(afterWindow).toEqual({ isAllowed: true, retryAfterSeconds: 0, remaining: 2 });
  });

  it("keeps keys apart: another client is unaffected", async () => {
    for (let i = 0; i < 5; i += 1) await consumeRateLimit(database.db, { key: "ip:busy", rule, now: at(0) });
    const other = await consumeRateLimit(database.db, { key: "ip:quiet", rule, now: at(0) });
    expect(other.isAllowed).toBe(true);
  });

  it("loses no count under concurrent requests", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        consumeRateLimit(database.db, { key: "ip:burst", rule: { limit: 7, windowMs: 60_000 }, now: at(0) }),
      ),
    );
    expect(results.filter((decision) => decision.isAllowed)).toHaveLength(7);
  });
});

describe("peekRateLimit", () => {
  it("reads what the window has counted without counting, refusing once the limit is reached", async () => {
    const peek = (second: number) => peekRateLimit(database.db, { key: "peek:1", rule, now: at(second) });
    expect(await peek(0)).toEqual({ count: 0, isAllowed: true, retryAfterSeconds: 0, remaining: 3 });
    for (const second of [0, 10, 20])
      await consumeRateLimit(database.db, { key: "peek:1", rule, now: at(second) });
    expect(await peek(25)).toEqual({ count: 3, isAllowed: false, retryAfterSeconds: 35, remaining: 0 });
    expect(await peek(25)).toEqual({ count: 3, isAllowed: false, retryAfterSeconds: 35, remaining: 0 });
    expect(await peek(60)).toEqual({ count: 0, isAllowed: true, retryAfterSeconds: 0, remaining: 3 });
  });
});

describe("enforceRateLimit", () => {
  it("passes under the limit, then refuses with what happened, the wait in words, the next step and Retry-After", async () => {
    const policy = {
      limit: 1,
      windowMs: 600_000,
      bucket: "enforce",
      tooMany: () => "You did it once.",
      nextStep: "or ask a steward",
    };
    const options = { subject: "a", now: new Date("2026-11-25T12:00:00.000Z") };
    await expect(enforceRateLimit(database.db, policy, options)).resolves.toBeUndefined();
    const error = await enforceRateLimit(database.db, policy, options).catch((reason) => reason);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "RATE_LIMITED",
      message: "You did it once. Try again in 10 minutes; or ask a steward.",
      details: { retryAfterSeconds: 600 },
    });
  });
});

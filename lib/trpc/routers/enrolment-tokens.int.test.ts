import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashEnrolmentToken } from "@/lib/server/nodes/enrolment-token-commands";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { TEST_NOW } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

let database: TestDatabase;
let alice: SessionOperator;
let bob: SessionOperator;

function callerFor(operator: SessionOperator | null, now = TEST_NOW) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => now,
    operator,
    clientIp: "203.0.113.5",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function operator(name: string): Promise<SessionOperator> {
  const email = `${name.toLowerCase()}@example.test`;
  const { id } = await database.db.operator.create({
    data: { displayName: name, email },
    select: { id: true },
  });
  return { id, displayName: name, email, role: "operator" };
}

async function trpcCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await operator("Alice");
  bob = await operator("Bob");
});
afterAll(() => database.drop());

describe("enrolmentTokens", () => {
  it("create returns the token once and stores only its SHA-256", async () => {
    const created = await callerFor(alice).enrolmentTokens.create({
      label: "rack 1",
      maxUses: 3,
      expiresInHours: 48,
    });
    expect(created.token).toMatch(/^plnm_enr_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ label: "rack 1", maxUses: 3 });
    expect(created.expiresAt).toEqual(new Date(TEST_NOW.getTime() + 48 * 3_600_000));
    const stored = await database.db.enrolmentToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).toBe(hashEnrolmentToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
  });

  it("create never gives a token the demo fleet's permission for loopback endpoints, whatever the input says", async () => {
    const created = await callerFor(alice).enrolmentTokens.create({
      label: "wants loopback",
      ...({ allowsPrivateEndpoint: true } as object),
    });
    const stored = await database.db.enrolmentToken.findUniqueOrThrow({
      where: { id: created.id },
      select: { allowsPrivateEndpoint: true },
    });
    expect(stored.allowsPrivateEndpoint).toBe(false);
  });

  it("list shows uses left, expiry and status, never the token or its hash", async () => {
    const created = await callerFor(alice).enrolmentTokens.create({ label: "listed" });
    const rows = await callerFor(alice).enrolmentTokens.list();
    const row = rows.find((candidate) => candidate.id === created.id)!;
    expect(row).toMatchObject({
      label: "listed",
      maxUses: 1,
      usesLeft: 1,
      status: "active",
      revokedAt: null,
    });
    expect(row.expiresAt).toEqual(new Date(TEST_NOW.getTime() + 24 * 3_600_000));
    const text = JSON.stringify(rows);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(hashEnrolmentToken(created.token));
    expect(Object.keys(row)).not.toContain("tokenHash");
    const later = await callerFor(
      alice,
      new Date(TEST_NOW.getTime() + 25 * 3_600_000),
    ).enrolmentTokens.list();
    expect(later.find((candidate) => candidate.id === created.id)!.status).toBe("expired");
    expect(await callerFor(bob).enrolmentTokens.list()).toEqual([]);
  });

  it("revoke works for the owner only: another operator gets NOT_FOUND", async () => {
    const created = await callerFor(alice).enrolmentTokens.create({ label: "to revoke" });
    expect(await trpcCode(callerFor(bob).enrolmentTokens.revoke({ tokenId: created.id }))).toBe("NOT_FOUND");
    expect(await trpcCode(callerFor(alice).enrolmentTokens.revoke({ tokenId: "missing" }))).toBe("NOT_FOUND");
    const revoked = await callerFor(alice).enrolmentTokens.revoke({ tokenId: created.id });
    expect(revoked).toEqual({ id: created.id, revokedAt: TEST_NOW });
    const row = (await callerFor(alice).enrolmentTokens.list()).find(
      (candidate) => candidate.id === created.id,
    );
    expect(row?.status).toBe("revoked");
    await expect(callerFor(alice).enrolmentTokens.revoke({ tokenId: created.id })).resolves.toEqual(revoked);
  });

  it("refuses anonymous callers on every procedure", async () => {
    const anonymous = callerFor(null);
    expect(await trpcCode(anonymous.enrolmentTokens.list())).toBe("UNAUTHORIZED");
    expect(await trpcCode(anonymous.enrolmentTokens.create({ label: "x" }))).toBe("UNAUTHORIZED");
    expect(await trpcCode(anonymous.enrolmentTokens.revoke({ tokenId: "x" }))).toBe("UNAUTHORIZED");
  });

  it("validates the input, naming the field", async () => {
    const error = await callerFor(alice)
      .enrolmentTokens.create({ label: "x", expiresInHours: 169 })
      .catch((reason: unknown) => reason as TRPCError);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain("at most 7 days");
  });

  it("allows 20 creations an hour, and at most 20 active tokens per operator", async () => {
    const carol = await operator("Carol");
    const caller = callerFor(carol);
    for (let index = 0; index < 20; index += 1) await caller.enrolmentTokens.create({ label: `t${index}` });
    const limited = await caller.enrolmentTokens
      .create({ label: "too fast" })
      .catch((reason: unknown) => reason);
    expect((limited as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((limited as TRPCError).message).toContain("Try again in");

    const nextHour = callerFor(carol, new Date(TEST_NOW.getTime() + 3_600_000));
    const full = await nextHour.enrolmentTokens
      .create({ label: "one too many" })
      .catch((reason: unknown) => reason);
    expect((full as TRPCError).code).toBe("CONFLICT");
    expect((full as TRPCError).message).toContain("Revoke one");
    const [first] = await nextHour.enrolmentTokens.list();
    await nextHour.enrolmentTokens.revoke({ tokenId: first!.id });
    await expect(nextHour.enrolmentTokens.create({ label: "room again" })).resolves.toMatchObject({
      label: "room again",
    });
  });
});

import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertOperatorWithRole, insertSyncNode } from "@/lib/server/testing/sync-fixtures";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { bootstrapTestPlatform, TEST_NOW } from "../testing/router-test-setup";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

let database: TestDatabase;
let owner: SessionOperator;
let other: SessionOperator;
let steward: SessionOperator;
let degradedNodeId: string;

function callerFor(operator: SessionOperator | null, now = TEST_NOW) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => now,
    operator,
    clientIp: "203.0.113.9",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  owner = await insertOperatorWithRole(database.db, "Router Owner");
  other = await insertOperatorWithRole(database.db, "Router Other");
  steward = await insertOperatorWithRole(database.db, "Router Steward", "steward");
  degradedNodeId = await insertSyncNode(database.db, {
    operatorId: owner.id,
    name: "router-degraded",
    endpointUrl: "http://127.0.0.3:4100/nodes/r",
    status: "Degraded",
    nackedVersion: 1,
    failureCount: 3,
    lastError: "NACK BAD_BUNDLE",
    nextAttemptAt: new Date(TEST_NOW.getTime() + 3_600_000),
  });
  await insertSyncNode(database.db, {
    operatorId: owner.id,
    name: "router-synced",
    endpointUrl: "http://127.0.0.3:4100/nodes/s",
    status: "Synced",
    acknowledgedVersion: 1,
    nextAttemptAt: TEST_NOW,
  });
});
afterAll(() => database.drop());

describe("sync router", () => {
  it("lets anyone read the overview, the node table and a node's attempts", async () => {
    const anonymous = callerFor(null);
    const overview = await anonymous.sync.overview({ range: "7d" });
    expect(overview).toMatchObject({ activeVersion: 1, latestVersion: 1 });
    expect(overview.withEndpoint).toEqual({ nodes: 2, synced: 1, coverage: 0.5 });
    const nodes = await anonymous.sync.nodes({ status: "Degraded" });
    expect(nodes.rows.map((row) => [row.name, row.canRetryNow])).toEqual([["router-degraded", false]]);
    const attempts = await anonymous.sync.attempts({ nodeId: degradedNodeId });
    expect(attempts).toMatchObject({ node: { name: "router-degraded" }, total: 0 });
  });

  it("shows retry now to the node's operator and stewards only", async () => {
    const canRetry = async (operator: SessionOperator | null) =>
      (await callerFor(operator).sync.nodes({ status: "Degraded" })).rows[0]!.canRetryNow;
    expect(await canRetry(owner)).toBe(true);
    expect(await canRetry(steward)).toBe(true);
    expect(await canRetry(other)).toBe(false);
  });

  it("validates inputs, naming the field and what is allowed", async () => {
    const badStatus = await failure(callerFor(null).sync.nodes({ status: "Broken" as never }));
    expect(badStatus.code).toBe("BAD_REQUEST");
    expect(badStatus.message).toContain("Status is one of Synced, Pending");
    const badRange = await failure(callerFor(null).sync.overview({ range: "1y" as never }));
    expect(badRange.message).toContain("Range is one of 24h, 7d, 30d");
    const badPage = await failure(callerFor(null).sync.attempts({ nodeId: degradedNodeId, page: 0 }));
    expect(badPage.message).toContain("Page starts at 1");
    expect((await failure(callerFor(null).sync.attempts({ nodeId: "nope" }))).code).toBe("NOT_FOUND");
  });

  it("retryNow: anonymous UNAUTHORIZED, another operator FORBIDDEN, the owner and a steward allowed", async () => {
    expect((await failure(callerFor(null).sync.retryNow({ nodeId: degradedNodeId }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await failure(callerFor(other).sync.retryNow({ nodeId: degradedNodeId }))).code).toBe(
      "FORBIDDEN",
    );
    const row = () => database.db.nodeSync.findUniqueOrThrow({ where: { nodeId: degradedNodeId } });
    expect((await row()).nackedVersion).toBe(1);

    await expect(callerFor(owner).sync.retryNow({ nodeId: degradedNodeId })).resolves.toEqual({
      nodeId: degradedNodeId,
      status: "Degraded",
      nextAttemptAt: TEST_NOW,
    });
    expect(await row()).toMatchObject({ nextAttemptAt: TEST_NOW, nackedVersion: null, failureCount: 0 });
    await expect(callerFor(steward).sync.retryNow({ nodeId: degradedNodeId })).resolves.toMatchObject({
      nodeId: degradedNodeId,
    });
  });

  it("retryNow on a Synced node is a CONFLICT that explains what retry is for", async () => {
    const synced = await database.db.node.findFirstOrThrow({ where: { name: "router-synced" } });
    const error = await failure(callerFor(owner).sync.retryNow({ nodeId: synced.id }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("nothing to retry");
  });

  it(`retryNow is rate-limited to ${RATE_LIMITS.syncRetry.limit} an hour per operator`, async () => {
    const busy = await insertOperatorWithRole(database.db, "Busy Steward", "steward");
    const caller = callerFor(busy);
    for (let index = 0; index < RATE_LIMITS.syncRetry.limit; index += 1) {
      await caller.sync.retryNow({ nodeId: degradedNodeId });
    }
    const limited = await failure(caller.sync.retryNow({ nodeId: degradedNodeId }));
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toContain("Try again in 60 minutes");
    const nextHour = callerFor(busy, new Date(TEST_NOW.getTime() + RATE_LIMITS.syncRetry.windowMs));
    await expect(nextHour.sync.retryNow({ nodeId: degradedNodeId })).resolves.toMatchObject({
      nodeId: degradedNodeId,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  insertOperatorWithRole,
  insertSyncNode,
  type SyncNodeFixture,
} from "@/lib/server/testing/sync-fixtures";
import { ensurePlatform } from "../platform/ensure-platform";
import { retryNodeSync } from "./retry-node-sync";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const LATER = new Date("2026-11-26T00:00:00.000Z");
const FAILING_SINCE = new Date("2026-11-19T00:00:00.000Z");
const ENDPOINT = "http://127.0.0.2:4000/nodes/x";

let database: TestDatabase;
let owner: Awaited<ReturnType<typeof insertOperatorWithRole>>;
let other: Awaited<ReturnType<typeof insertOperatorWithRole>>;
let steward: Awaited<ReturnType<typeof insertOperatorWithRole>>;
let admin: Awaited<ReturnType<typeof insertOperatorWithRole>>;

async function node(name: string, fixture: Partial<SyncNodeFixture> & { status: string }) {
  return insertSyncNode(database.db, {
    operatorId: owner.id,
    name,
    endpointUrl: ENDPOINT,
    desiredVersion: 3,
    acknowledgedVersion: 1,
    failureCount: 6,
    failingSince: FAILING_SINCE,
    nackedVersion: 3,
    lastError: "NACK CHAIN_MISMATCH",
    nextAttemptAt: LATER,
    ...fixture,
  });
}

const stateOf = (nodeId: string) =>
  database.db.nodeSync.findUniqueOrThrow({
    where: { nodeId },
    select: {
      status: true,
      nextAttemptAt: true,
      nackedVersion: true,
      failureCount: true,
      failingSince: true,
      lastError: true,
      acknowledgedVersion: true,
    },
  });

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Retry test", now: NOW });
  owner = await insertOperatorWithRole(database.db, "Owner Olga");
  other = await insertOperatorWithRole(database.db, "Other Otto");
  steward = await insertOperatorWithRole(database.db, "Steward Sam", "steward");
  admin = await insertOperatorWithRole(database.db, "Admin Ada", "admin");
});
afterAll(() => database.drop());

describe("retryNodeSync", () => {
  it.each([
    { status: "Degraded", actor: () => owner },
    { status: "OutOfSync", actor: () => steward },
    { status: "Unreachable", actor: () => admin },
  ])(
    "$status: makes the node due now, lifts the NACK hold and restarts the back-off, status left to the worker",
    async ({ status, actor }) => {
      const nodeId = await node(`retry-${status}`, { status });
      const eventsBefore = await database.db.governanceEvent.count();
      const result = await retryNodeSync(database.db, { nodeId, actor: actor(), now: NOW });
      expect(result).toEqual({ nodeId, status, nextAttemptAt: NOW });
      expect(await stateOf(nodeId)).toEqual({
        status,
        nextAttemptAt: NOW,
        nackedVersion: null,
        failureCount: 0,
        failingSince: FAILING_SINCE,
        lastError: "NACK CHAIN_MISMATCH",
        acknowledgedVersion: 1,
      });
      expect(await database.db.governanceEvent.count()).toBe(eventsBefore);
    },
  );

  it.each([
    { status: "Synced", says: "already holds and runs the latest config" },
    { status: "Pending", says: "already waiting for its next delivery" },
    { status: "Quarantined", says: "never issued" },
    { status: "Gone", says: "has left the network" },
  ])("refuses a $status node and says why, changing nothing", async ({ status, says }) => {
    const nodeId = await node(`refuse-${status}`, { status });
    const before = await stateOf(nodeId);
    const error = await retryNodeSync(database.db, { nodeId, actor: owner, now: NOW }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect((error as Error).message).toContain(says);
    expect((error as Error).message).toContain(
      "Retry now is for nodes that are Degraded, OutOfSync or Unreachable",
    );
    expect(await stateOf(nodeId)).toEqual(before);
  });

  it("refuses a node without a config endpoint: there is nothing to push to", async () => {
    const nodeId = await node("no-endpoint", { status: "OutOfSync", endpointUrl: null });
    await expect(retryNodeSync(database.db, { nodeId, actor: owner, now: NOW })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("has no config endpoint"),
    });
    expect((await stateOf(nodeId)).nextAttemptAt).toEqual(LATER);
  });

  it("refuses another operator with FORBIDDEN and a missing node with NOT_FOUND", async () => {
    const nodeId = await node("someone-elses", { status: "Degraded" });
    await expect(retryNodeSync(database.db, { nodeId, actor: other, now: NOW })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Only the operator of node someone-elses"),
    });
    expect((await stateOf(nodeId)).nextAttemptAt).toEqual(LATER);
    await expect(
      retryNodeSync(database.db, { nodeId: "missing", actor: admin, now: NOW }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("explains a node that has no delivery state yet", async () => {
    const { id } = await database.db.node.create({
      data: {
        operatorId: owner.id,
        name: "fresh",
        nameSearch: "fresh",
        publicKey: `fresh-${process.pid}`,
        region: "eu-west",
        endpointUrl: ENDPOINT,
      },
      select: { id: true },
    });
    await expect(retryNodeSync(database.db, { nodeId: id, actor: owner, now: NOW })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("no delivery state yet"),
    });
  });
});

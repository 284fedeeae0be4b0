import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { bootstrapTestPlatform, insertOperator, TEST_NOW } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

const DAY = new Date("2026-11-24T00:00:00.000Z");

let database: TestDatabase;
let alice: SessionOperator;
let bob: SessionOperator;

async function sessionOperator(displayName: string, nodeNames: string[]): Promise<SessionOperator> {
  const id = await insertOperator(
    database.db,
    { displayName, region: "eu-west" },
    nodeNames.map((name) => ({ name })),
  );
  const { email } = await database.db.operator.findUniqueOrThrow({ where: { id }, select: { email: true } });
  return { id, displayName, email, role: "operator" };
}

async function insertEntry(nodeName: string, credits: number) {
  const node = await database.db.node.findFirstOrThrow({
    where: { name: nodeName },
    select: { id: true, operatorId: true },
  });
  await database.db.rewardLedgerEntry.create({
    data: {
      day: DAY,
      nodeId: node.id,
      operatorId: node.operatorId,
      uptimeSeconds: 86_400,
      bytesUp: 0n,
      bytesDown: 0n,
      windowSeconds: 86_400,
      latencyMsSeconds: 50n * 86_400n,
      classification: "Contributor",
      unscaledMicro: BigInt(credits * 1_000_000),
      rewardMicro: BigInt(credits * 1_000_000),
      speed: 0,
      reliability: 1,
      contribution: 0,
      score: 0.3,
      ratingBefore: 0.5,
      rating: 0.49,
    },
  });
}

function callerAs(operator: SessionOperator | null) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => TEST_NOW,
    operator,
    clientIp: "203.0.113.9",
    settings: TEST_REQUEST_SETTINGS,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrapTestPlatform(database.db);
  alice = await sessionOperator("Alice", ["alice-relay", "alice-storage"]);
  bob = await sessionOperator("Bob", ["bob-relay"]);
  await database.db.epoch.create({
    data: {
      day: DAY,
      configVersion: 1,
      computedAt: TEST_NOW,
      nodes: 3,
      paidNodes: 3,
      freeRiders: 0,
      freeRidersInGrace: 0,
      emissionCapMicro: 50_000_000_000n,
      unscaledMicro: 0n,
      paidMicro: 0n,
      scale: 1,
      bytesUp: 0n,
    },
  });
  await insertEntry("alice-relay", 3);
  await insertEntry("alice-storage", 2);
  await insertEntry("bob-relay", 40);
});

afterAll(async () => {
  await database.drop();
});

describe("myStats.overview", () => {
  it("asks a signed-out visitor to sign in", async () => {
    const error = await callerAs(null)
      .myStats.overview({})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
  });

  it("shows each operator their own nodes and credits, never another operator's", async () => {
    const ofAlice = await callerAs(alice).myStats.overview({});
    expect(ofAlice.range).toBe("30d");
    expect(ofAlice.nodes.map((node) => node.name).sort()).toEqual(["alice-relay", "alice-storage"]);
    expect(ofAlice.totals).toMatchObject({ nodes: 2, creditsInRange: 5, creditsLastEpoch: 5 });

    const ofBob = await callerAs(bob).myStats.overview({ range: "all" });
    expect(ofBob.nodes.map((node) => node.name)).toEqual(["bob-relay"]);
    expect(ofBob.totals).toMatchObject({ nodes: 1, creditsInRange: 40 });
  });

  it("has no input that could name another operator", async () => {
    const input = { range: "7d", operatorId: bob.id } as unknown as { range: "7d" };
    const result = await callerAs(alice).myStats.overview(input);
    expect(result.nodes.every((node) => node.name.startsWith("alice-"))).toBe(true);
  });

  it("refuses a range it does not offer, naming the field", async () => {
    const error = await callerAs(alice)
      .myStats.overview({ range: "24h" as "7d" })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain("range must be one of 7d, 30d, all");
  });
});

describe("myStats.traffic and myStats.nodeTraffic", () => {
  beforeAll(async () => {
    await database.db.rewardLedgerEntry.updateMany({
      where: { node: { name: "bob-relay" } },
      data: { bytesUp: 9_000_000_000n, corroboratedBytesUp: 3_000_000_000n, paidBytesUp: 6_000_000_000n },
    });
    await database.db.rewardLedgerEntry.updateMany({
      where: { node: { name: "alice-relay" } },
      data: { bytesUp: 2_000_000_000n, corroboratedBytesUp: 2_000_000_000n, paidBytesUp: 2_000_000_000n },
    });
  });

  it("asks a signed-out visitor to sign in", async () => {
    for (const call of [
      callerAs(null).myStats.traffic(),
      callerAs(null).myStats.nodeTraffic({ nodeId: "any-node" }),
    ]) {
      const error = await call.catch((caught: unknown) => caught);
      expect((error as TRPCError).code).toBe("UNAUTHORIZED");
    }
  });

  it("adds up only the caller's own nodes", async () => {
    const ofAlice = await callerAs(alice).myStats.traffic();
    expect(ofAlice.nodes.map((node) => node.name).sort()).toEqual(["alice-relay", "alice-storage"]);
    expect(ofAlice.days).toEqual([
      {
        status: "Computed",
        day: DAY,
        claimedBytes: 2_000_000_000n,
        confirmedBytes: 2_000_000_000n,
        paidBytes: 2_000_000_000n,
      },
    ]);
    const ofBob = await callerAs(bob).myStats.traffic();
    expect(ofBob.totals).toEqual({
      claimedBytes: 9_000_000_000n,
      confirmedBytes: 3_000_000_000n,
      paidBytes: 6_000_000_000n,
    });
  });

  it("shows a node's days to its operator and reports it missing to anyone else", async () => {
    const { id: relayId } = await database.db.node.findFirstOrThrow({
      where: { name: "bob-relay" },
      select: { id: true },
    });
    const ofBob = await callerAs(bob).myStats.nodeTraffic({ nodeId: relayId });
    expect(ofBob.days.map((day) => day.day)).toEqual([DAY]);
    const error = await callerAs(alice)
      .myStats.nodeTraffic({ nodeId: relayId })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
  });
});

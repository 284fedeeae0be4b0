import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotReceiptInput } from "@/lib/domain/voting/ballot-receipt";
import { differingTallies } from "@/lib/domain/voting/quadratic-tally";
import { PrismaClient as SqlitePrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { sha256Hex } from "@/lib/server/platform/encoding";
import { createAdapterFactory } from "@/lib/server/platform/database-url";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { castBallot, castNodeBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { recountRound } from "@/lib/server/voting/recount-round";
import { verifyGovernanceChain } from "@/lib/server/governance/governance-chain";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import {
  allowNodeBallots,
  insertQueuedProposal,
  insertVotingOperator,
} from "@/lib/server/testing/voting-fixtures";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const MINUTE_MS = 60_000;
const BALLOT_PATH = "/api/v1/ballots";
let database: TestDatabase;
let round: OpenedRound;
let alice: Awaited<ReturnType<typeof insertVotingOperator>>;
let bob: Awaited<ReturnType<typeof insertVotingOperator>>;
let p1: string;
let p2: string;
let p3: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: new Date("2026-09-01T00:00:00.000Z") });
  alice = await insertVotingOperator(database.db, { now: NOW, name: "Alice", nodes: [{}, {}] });
  bob = await insertVotingOperator(database.db, { now: NOW, name: "Bob" });
  // These tests are about storing ballots; node-ballot-permission.int.test.ts is about who may send them.
  await allowNodeBallots(database.db, [...alice.nodes, ...bob.nodes]);
  const changes = [{ key: "reward.perGbUploaded" as const, toValue: 1.5 }];
  [p1, p2, p3] = [
    await insertQueuedProposal(database.db, { authorId: bob.operatorId, now: NOW, title: "One", changes }),
    await insertQueuedProposal(database.db, { authorId: bob.operatorId, now: NOW, title: "Two", changes }),
    await insertQueuedProposal(database.db, { authorId: bob.operatorId, now: NOW, title: "Three", changes }),
  ] as [string, string, string];
});
afterAll(() => database.drop());

function signedBallot(node: TestNode, body: unknown, at: Date, timestamp = Math.floor(at.getTime() / 1000)) {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const headers = signNodeRequest({
    privateKey: node.privateKey,
    nodeId: node.nodeId,
    method: "POST",
    path: BALLOT_PATH,
    body: bytes,
    timestamp,
  });
  return {
    headers: new Headers(headers),
    method: "POST",
    path: BALLOT_PATH,
    bodyBytes: bytes,
    now: at,
    publicUrl: "http://localhost:3000",
    sourceAddress: "192.0.2.10",
  };
}

/** The node's presence requests counted in the hour `at` falls in (0 when none). */
async function presenceIn(node: TestNode, at: Date) {
  const hourStart = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  const row = await database.db.nodeHourlyPresence.findUnique({
    where: { nodeId_hourStart: { nodeId: node.nodeId, hourStart } },
    select: { requests: true },
  });
  return row?.requests ?? 0;
}

async function tallies() {
  return database.db.roundProposal.findMany({
    where: { roundId: round.roundId },
    orderBy: { proposalId: "asc" },
    select: { proposalId: true, net: true, support: true, opposition: true, participatingNodes: true },
  });
}

async function expectIntactReceiptChain() {
  const ballots = await database.db.ballot.findMany({
    where: { roundId: round.roundId },
    orderBy: { seq: "asc" },
    select: {
      seq: true,
      operatorId: true,
      submittedAt: true,
      allocations: true,
      prevReceipt: true,
      receipt: true,
    },
  });
  let head = "";
  ballots.forEach((ballot, index) => {
    expect(ballot.seq).toBe(index + 1);
    expect(ballot.prevReceipt).toBe(head);
    const input = ballotReceiptInput(head, {
      roundId: round.roundId,
      operatorId: ballot.operatorId,
      submittedAt: ballot.submittedAt.toISOString(),
      allocations: JSON.parse(ballot.allocations),
    });
    expect(ballot.receipt).toBe(sha256Hex(input));
    head = ballot.receipt;
  });
  const stored = await database.db.round.findUniqueOrThrow({
    where: { id: round.roundId },
    select: { ballotCount: true, headReceipt: true },
  });
  expect(stored).toEqual({ ballotCount: ballots.length, headReceipt: head });
  return ballots;
}

describe("castBallot", () => {
  beforeAll(async () => {
    round = await openRound(database.db, { now: NOW });
  });

  it("stores a first ballot with its receipt and moves the tallies", async () => {
    const at = new Date(NOW.getTime() + MINUTE_MS);
    const result = await castBallot(database.db, {
      operatorId: alice.operatorId,
      roundId: round.roundId,
      allocations: [
        { proposalId: p2, votes: -5 },
        { proposalId: p1, votes: 10 },
        { proposalId: p3, votes: 0 },
      ],
      source: "web",
      now: at,
    });
    const allocations = [
      { proposalId: p1, votes: 10 },
      { proposalId: p2, votes: -5 },
    ];
    expect(result).toEqual({
      roundId: round.roundId,
      seq: 1,
      prevReceipt: "",
      receipt: sha256Hex(
        ballotReceiptInput("", {
          roundId: round.roundId,
          operatorId: alice.operatorId,
          submittedAt: at.toISOString(),
          allocations,
        }),
      ),
      cost: 125,
      budget: 200,
      submittedAt: at,
      allocations,
    });
    expect(await tallies()).toEqual([
      { proposalId: p1, net: 10, support: 10, opposition: 0, participatingNodes: 2 },
      { proposalId: p2, net: -5, support: 0, opposition: 5, participatingNodes: 2 },
      { proposalId: p3, net: 0, support: 0, opposition: 0, participatingNodes: 0 },
    ]);
  });

  it("replaces the operator's ballot: the old one is marked replaced and leaves the tally", async () => {
    const at = new Date(NOW.getTime() + 2 * MINUTE_MS);
    const result = await castBallot(database.db, {
      operatorId: alice.operatorId,
      roundId: round.roundId,
      allocations: [
        { proposalId: p1, votes: 4 },
        { proposalId: p3, votes: 2 },
      ],
      source: "web",
      now: at,
    });
    expect(result).toMatchObject({ seq: 2, cost: 20 });
    expect(await tallies()).toEqual([
      { proposalId: p1, net: 4, support: 4, opposition: 0, participatingNodes: 2 },
      { proposalId: p2, net: 0, support: 0, opposition: 0, participatingNodes: 0 },
      { proposalId: p3, net: 2, support: 2, opposition: 0, participatingNodes: 2 },
    ]);
    const ballots = await database.db.ballot.findMany({
      where: { operatorId: alice.operatorId },
      orderBy: { seq: "asc" },
      select: { id: true, replacedAt: true },
    });
    expect(ballots.map((ballot) => ballot.replacedAt)).toEqual([at, null]);
    const voter = await database.db.roundVoter.findUniqueOrThrow({
      where: { roundId_operatorId: { roundId: round.roundId, operatorId: alice.operatorId } },
      select: { countedBallotId: true },
    });
    expect(voter.countedBallotId).toBe(ballots[1]!.id);
  });

  it("counts a ballot signed by a node as its operator's, and the node present in the hour it arrived", async () => {
    const at = new Date(NOW.getTime() + 3 * MINUTE_MS);
    const presentBefore = await presenceIn(bob.nodes[0]!, at);
    const response = await castNodeBallot(
      database.db,
      signedBallot(
        bob.nodes[0]!,
        { roundId: round.roundId, allocations: [{ proposalId: p1, votes: -3 }] },
        at,
      ),
    );
    expect(response).toEqual({ receipt: expect.stringMatching(/^[0-9a-f]{64}$/), cost: 9, budget: 100 });
    const stored = await database.db.ballot.findUniqueOrThrow({
      where: { receipt: response.receipt },
      select: { operatorId: true, source: true, nodeId: true, seq: true },
    });
    expect(stored).toEqual({
      operatorId: bob.operatorId,
      source: "node",
      nodeId: bob.nodes[0]!.nodeId,
      seq: 3,
    });
    expect((await tallies())[0]).toMatchObject({ net: 1, support: 4, opposition: 3, participatingNodes: 3 });
    expect(await presenceIn(bob.nodes[0]!, at)).toBe(presentBefore + 1);
  });

  it("refuses a ballot over budget with the cost and the budget, storing nothing", async () => {
    const before = await tallies();
    const attempt = castBallot(database.db, {
      operatorId: alice.operatorId,
      roundId: round.roundId,
      allocations: [{ proposalId: p1, votes: 15 }],
      source: "web",
      now: new Date(NOW.getTime() + 4 * MINUTE_MS),
    });
    await expect(attempt).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/costs 225 voice credits .* budget is 200/),
      details: { budget: 200, problems: [{ field: "allocations" }] },
    });
    expect(await tallies()).toEqual(before);
    expect(await database.db.ballot.count()).toBe(3);
  });

  it("keeps a refused node ballot's replay record and rate-limit count, though it is stored in the ballot's transaction", async () => {
    const bucket = () =>
      database.db.rateLimitBucket.findUnique({
        where: { key: `ballot:${alice.operatorId}` },
        select: { count: true },
      });
    const countBefore = (await bucket())?.count ?? 0;
    const refusedAt = new Date(NOW.getTime() + 4 * MINUTE_MS);
    const presentBefore = await presenceIn(alice.nodes[0]!, refusedAt);
    const request = signedBallot(
      alice.nodes[0]!,
      { roundId: round.roundId, allocations: [{ proposalId: p1, votes: 15 }] },
      refusedAt,
    );
    await expect(castNodeBallot(database.db, request)).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await expect(castNodeBallot(database.db, request)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await bucket())?.count).toBe(countBefore + 1);
    expect(await database.db.ballot.count()).toBe(3);
    // A refused ballot is no accepted request: it proves no presence.
    expect(await presenceIn(alice.nodes[0]!, refusedAt)).toBe(presentBefore);

    const limited = signedBallot(
      alice.nodes[1]!,
      { roundId: round.roundId, allocations: [{ proposalId: p1, votes: 1 }] },
      new Date(NOW.getTime() + 4 * MINUTE_MS),
    );
    await expect(
      castNodeBallot(database.db, {
        ...limited,
        rateLimit: { limit: countBefore + 1, windowMs: 10 * MINUTE_MS },
      }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } });
    await expect(castNodeBallot(database.db, limited)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await database.db.ballot.count()).toBe(3);
  });

  it("refuses operators without an eligible node and proposals outside the round", async () => {
    const young = await insertVotingOperator(database.db, {
      now: NOW,
      name: "Late",
      nodes: [{ reportedForDays: 1 }],
    });
    await expect(
      castBallot(database.db, {
        operatorId: young.operatorId,
        roundId: round.roundId,
        allocations: [{ proposalId: p1, votes: 1 }],
        source: "web",
        now: new Date(NOW.getTime() + 5 * MINUTE_MS),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("no vote in round 1") });
    await expect(
      castBallot(database.db, {
        operatorId: bob.operatorId,
        roundId: round.roundId,
        allocations: [{ proposalId: "not-in-round", votes: 1 }],
        source: "web",
        now: new Date(NOW.getTime() + 5 * MINUTE_MS),
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringContaining("not in this round") });
    await expectIntactReceiptChain();
  });

  it("keeps one counted ballot within budget under 200 concurrent web and node submissions", async () => {
    const racer = await insertVotingOperator(database.db, { now: NOW, name: "Racer", nodes: [{}, {}, {}] });
    await allowNodeBallots(database.db, racer.nodes);
    // The racer joins the open round's snapshot the way openRound would have recorded them.
    await database.db.roundVoter.create({
      data: { roundId: round.roundId, operatorId: racer.operatorId, eligibleNodes: 3, budget: 300 },
    });
    const seed = Date.now();
    console.log(`concurrency test seed ${seed}`);
    let state = seed % 2_147_483_647 || 1;
    const random = (max: number) => {
      state = (state * 48_271) % 2_147_483_647;
      return state % max;
    };
    const at = new Date(NOW.getTime() + 10 * MINUTE_MS);
    const nowSeconds = Math.floor(at.getTime() / 1000);
    // Each allocation in -12..12 on three proposals: at most 432 credits against a budget of 300.
    const submissions = Array.from({ length: 200 }, (_, index) => {
      const allocations = [p1, p2, p3].map((proposalId) => ({ proposalId, votes: random(25) - 12 }));
      if (index % 2 === 0) {
        return castBallot(database.db, {
          operatorId: racer.operatorId,
          roundId: round.roundId,
          allocations,
          source: "web",
          now: at,
          rateLimit: { limit: 1000, windowMs: 10 * MINUTE_MS },
        });
      }
      const node = racer.nodes[index % 3]!;
      // A distinct (node, timestamp) per request: identical signed bytes would be refused as a replay.
      const request = signedBallot(node, { roundId: round.roundId, allocations }, at, nowSeconds - index);
      return castNodeBallot(database.db, {
        ...request,
        rateLimit: { limit: 1000, windowMs: 10 * MINUTE_MS },
      });
    });
    const results = await Promise.allSettled(submissions);

    const refused = results.filter((result) => result.status === "rejected");
    for (const result of refused) {
      expect(result.reason, String((result.reason as Error).stack)).toMatchObject({
        code: "UNPROCESSABLE",
        message: expect.stringContaining("budget is 300"),
      });
    }
    const stored = await database.db.ballot.findMany({
      where: { operatorId: racer.operatorId },
      orderBy: { seq: "asc" },
      select: { id: true, cost: true, replacedAt: true },
    });
    expect(stored).toHaveLength(200 - refused.length);
    expect(stored.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const ballot of stored) expect(ballot.cost).toBeLessThanOrEqual(300);
    expect(stored.filter((ballot) => ballot.replacedAt === null).map((ballot) => ballot.id)).toEqual([
      stored.at(-1)!.id,
    ]);
    const voter = await database.db.roundVoter.findUniqueOrThrow({
      where: { roundId_operatorId: { roundId: round.roundId, operatorId: racer.operatorId } },
      select: { countedBallotId: true },
    });
    expect(voter.countedBallotId).toBe(stored.at(-1)!.id);

    const { running, recount } = await recountRound(database.db, round.roundId);
    expect(differingTallies(running, recount)).toEqual([]);
    const accepted = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const counted = await database.db.ballot.findUniqueOrThrow({
      where: { id: voter.countedBallotId! },
      select: { receipt: true },
    });
    expect(accepted.map((result) => result.receipt)).toContain(counted.receipt);
    const chain = await expectIntactReceiptChain();
    expect(chain).toHaveLength(3 + stored.length);
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();
  }, 120_000);

  it("checks and stores a node's ballot in one locked transaction with one read and one tally update", async () => {
    const options = {
      adapter: createAdapterFactory(database.target),
      log: [{ emit: "event" as const, level: "query" as const }],
    };
    const logged =
      database.target.kind === "sqlite"
        ? new SqlitePrismaClient(options)
        : (new PostgresPrismaClient(options) as unknown as SqlitePrismaClient<"query">);
    const statements: string[] = [];
    logged.$on("query", (event) => void statements.push(event.query));
    try {
      // Replaces Bob's ballot and moves all three tallies.
      await castNodeBallot(
        logged,
        signedBallot(
          bob.nodes[0]!,
          {
            roundId: round.roundId,
            allocations: [
              { proposalId: p1, votes: 2 },
              { proposalId: p2, votes: -3 },
              { proposalId: p3, votes: 4 },
            ],
          },
          new Date(NOW.getTime() + 20 * MINUTE_MS),
        ),
      );
    } finally {
      await logged.$disconnect();
    }
    const isLock = (sql: string) =>
      /pg_advisory_xact_lock|UPDATE "GovernanceEvent" SET "seq" = "seq"/.test(sql);
    // "INSERT INTO Ballot", "UPDATE Round", … for writes whatever the quoting; "SELECT" for reads.
    const labels = statements.map((sql) => {
      const words = sql
        .replace(/[`"]/g, "")
        .replace(/\b(main|public)\./g, "")
        .trim()
        .split(/\s+/);
      return words[0] === "INSERT"
        ? words.slice(0, 3).join(" ")
        : words[0] === "UPDATE"
          ? words.slice(0, 2).join(" ")
          : words[0];
    });
    const lock = statements.findIndex(isLock);
    const insert = labels.indexOf("INSERT INTO Ballot");
    expect(statements.filter(isLock)).toHaveLength(1);
    // The lock is the first statement of the ballot's transaction: every write follows it, the replay
    // record and the rate-limit count included, and the ballot is checked with one read. Before it: the
    // node (signature) and the active config's cluster widths (where the ballot came from).
    expect(labels.slice(0, lock)).toEqual(["SELECT", "SELECT"]);
    expect(labels.slice(lock + 1, insert)).toEqual([
      "INSERT INTO NodeRequestReplay",
      "INSERT INTO RateLimitBucket",
      "SELECT",
    ]);
    expect(statements.filter((sql) => /UPDATE .*RoundProposal/.test(sql))).toHaveLength(1);
    // Then only the ballot's own writes and the node's presence in the hour: no governance event while
    // the round is open, as one could be timed.
    expect(labels.slice(insert)).toEqual([
      "INSERT INTO Ballot",
      "UPDATE Ballot",
      "UPDATE RoundVoter",
      "UPDATE RoundProposal",
      "UPDATE Round",
      "INSERT INTO NodeHourlyPresence",
      "COMMIT",
    ]);
    const { running, recount } = await recountRound(database.db, round.roundId);
    expect(differingTallies(running, recount)).toEqual([]);
    await expectIntactReceiptChain();
  });

  it("refuses ballots once the round's time is over or it is closed", async () => {
    await expect(
      castBallot(database.db, {
        operatorId: bob.operatorId,
        roundId: round.roundId,
        allocations: [{ proposalId: p1, votes: 1 }],
        source: "web",
        now: round.closesAt,
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/^Round 1 closed at /) });
    await closeRound(database.db, { now: new Date(NOW.getTime() + 60 * MINUTE_MS) });
    const late = castNodeBallot(
      database.db,
      signedBallot(
        bob.nodes[0]!,
        { roundId: round.roundId, allocations: [{ proposalId: p1, votes: 1 }] },
        new Date(NOW.getTime() + 61 * MINUTE_MS),
      ),
    );
    await expect(late).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringContaining("Round 1 closed at"),
    });
  });
});

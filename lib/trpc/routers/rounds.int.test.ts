import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionOperatorSchema } from "@/lib/schemas/session-operator";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound } from "@/lib/server/voting/open-round";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";
import { createCallerFactory, type SessionOperator } from "../init";
import { appRouter } from "./_app";
import { bootstrapTestPlatform, TEST_NOW } from "../testing/router-test-setup";
import { TEST_REQUEST_SETTINGS } from "@/lib/trpc/testing/router-test-setup";

const later = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

let database: TestDatabase;
let voter: SessionOperator;
let outsider: SessionOperator;
let roundId: string;
let proposalIds: string[];

function callerFor(operator: SessionOperator | null, now = later(10)) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => now,
    operator,
    clientIp: "203.0.113.7",
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

async function sessionOperator(operatorId: string): Promise<SessionOperator> {
  const row = await database.db.operator.findUniqueOrThrow({
    where: { id: operatorId },
    select: { id: true, displayName: true, email: true, role: true },
  });
  return sessionOperatorSchema.parse(row);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await bootstrapTestPlatform(db, new Date(TEST_NOW.getTime() - 60 * 86_400_000));
  const { operatorId } = await insertVotingOperator(db, { now: TEST_NOW, name: "Rita", nodes: [{}, {}] });
  voter = await sessionOperator(operatorId);
  outsider = await sessionOperator(
    (await insertVotingOperator(db, { now: TEST_NOW, name: "Otto", nodes: [{ isVerified: false }] }))
      .operatorId,
  );
  proposalIds = [
    await insertQueuedProposal(db, {
      authorId: operatorId,
      now: TEST_NOW,
      title: "More per GB",
      changes: [{ key: "reward.perGbUploaded", toValue: 2 }],
    }),
    await insertQueuedProposal(db, {
      authorId: operatorId,
      now: TEST_NOW,
      title: "Longer grace",
      changes: [{ key: "freeRider.graceDays", toValue: 14 }],
    }),
  ];
  roundId = (await openRound(db, { now: TEST_NOW })).roundId;
});
afterAll(() => database.drop());

describe("rounds router", () => {
  it("lets anyone list rounds and read an open round without its net votes", async () => {
    const anonymous = callerFor(null);
    const { rounds } = await anonymous.rounds.list({});
    expect(rounds.map((round) => [round.number, round.phase, round.proposals])).toEqual([[1, "open", 2]]);
    const overview = await anonymous.rounds.overview({ roundNumber: 1 });
    expect(overview.proposals.map((proposal) => proposal.result)).toEqual([null, null]);
    expect((await failure(anonymous.rounds.results({ roundNumber: 1 }))).code).toBe("CONFLICT");
    expect((await failure(anonymous.rounds.overview({ roundNumber: 2 }))).code).toBe("NOT_FOUND");
    expect((await failure(anonymous.rounds.overview({ roundNumber: 0 }))).code).toBe("BAD_REQUEST");
  });

  it("makes visitors sign in for their ballot, receipt and voting", async () => {
    const anonymous = callerFor(null);
    expect((await failure(anonymous.rounds.myBallot({}))).code).toBe("UNAUTHORIZED");
    expect((await failure(anonymous.rounds.receipt({ roundNumber: 1 }))).code).toBe("UNAUTHORIZED");
    const cast = anonymous.rounds.castBallot({ roundId, allocations: [] });
    expect((await failure(cast)).code).toBe("UNAUTHORIZED");
  });

  it("stores a web ballot that replaces the earlier one, and shows it with its receipt", async () => {
    const rita = callerFor(voter);
    const [first, second] = proposalIds as [string, string];
    await rita.rounds.castBallot({ roundId, allocations: [{ proposalId: first, votes: 10 }] });
    const stored = await rita.rounds.castBallot({
      roundId,
      allocations: [
        { proposalId: first, votes: 12 },
        { proposalId: second, votes: -4 },
      ],
    });
    expect(stored).toMatchObject({ cost: 160, budget: 200 });
    const mine = await rita.rounds.myBallot({});
    expect(mine).toMatchObject({
      isEligible: true,
      budget: 200,
      ballot: { receipt: stored.receipt },
    });
    // While the round is open nothing the operator sees names the receipt before theirs or the ballot's seq.
    expect(stored).not.toHaveProperty("seq");
    expect(mine.isEligible && mine.ballot).not.toHaveProperty("seq");
    const previous = await database.db.ballot.findFirstOrThrow({
      where: { roundId, seq: 1 },
      select: { receipt: true },
    });
    expect(JSON.stringify([stored, mine])).not.toContain(previous.receipt);
    const withheld = await failure(rita.rounds.receipt({ roundNumber: 1 }));
    expect(withheld.code).toBe("CONFLICT");
    expect(withheld.message).toContain("when the round closes");
    const row = await database.db.ballot.findUniqueOrThrow({
      where: { receipt: stored.receipt },
      select: { source: true, operatorId: true },
    });
    expect(row).toEqual({ source: "web", operatorId: voter.id });
    const overview = await rita.rounds.overview({ roundNumber: 1 });
    expect(overview).toMatchObject({ eligibleOperators: 1, votedOperators: 1, votedNodes: 2 });
    expect(overview.proposals.map((proposal) => proposal.turnout)).toEqual([1, 1]);
  });

  it("refuses a ballot over budget with the cost and the budget, and keeps the earlier one", async () => {
    const rita = callerFor(voter);
    const error = await failure(
      rita.rounds.castBallot({ roundId, allocations: [{ proposalId: proposalIds[0]!, votes: 15 }] }),
    );
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toContain("costs 225 voice credits");
    expect(error.message).toContain("your budget is 200");
    expect(await rita.rounds.myBallot({ roundNumber: 1 })).toMatchObject({ ballot: { cost: 160 } });
  });

  it("tells an operator without an eligible node why they cannot vote", async () => {
    const otto = callerFor(outsider);
    const mine = await otto.rounds.myBallot({});
    expect(mine.isEligible).toBe(false);
    expect(mine.isEligible ? "" : mine.reason).toContain("proved its key");
    const cast = otto.rounds.castBallot({
      roundId,
      allocations: [{ proposalId: proposalIds[0]!, votes: 1 }],
    });
    expect((await failure(cast)).code).toBe("FORBIDDEN");
    expect((await failure(otto.rounds.receipt({ roundNumber: 1 }))).code).toBe("NOT_FOUND");
  });

  it("links a proposal to its round", async () => {
    expect(await callerFor(null).rounds.ofProposal({ proposalId: proposalIds[1]! })).toEqual({
      roundNumber: 1,
      phase: "open",
      outcome: null,
    });
  });

  it("hands out the full receipt document once the round has closed", async () => {
    const { closesAt } = await database.db.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { closesAt: true },
    });
    await closeRound(database.db, { now: closesAt });
    const rita = callerFor(voter, closesAt);
    const [first, counted] = await database.db.ballot.findMany({
      where: { roundId },
      orderBy: { seq: "asc" },
      select: { receipt: true, prevReceipt: true },
    });
    const receipt = await rita.rounds.receipt({ roundNumber: 1 });
    expect(receipt).toMatchObject({
      seq: 2,
      cost: 160,
      receipt: counted!.receipt,
      prevReceipt: first!.receipt,
    });
    expect(receipt.hashedText.startsWith(`${first!.receipt}\n`)).toBe(true);
    expect(await rita.rounds.myBallot({ roundNumber: 1 })).toMatchObject({ ballot: { seq: 2 } });
  });
});

import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giniCoefficient } from "@/lib/domain/metrics/inequality";
import type { Db } from "@/lib/server/platform/db";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound } from "@/lib/server/voting/open-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { HOUR_MS } from "@/lib/domain/voting/round-schedule";
import { createProposalDraft } from "@/lib/server/governance/proposal-draft-commands";
import { publishProposal } from "@/lib/server/governance/proposal-lifecycle-commands";
import { getBallotForOperator, getBallotReceipt } from "@/lib/server/voting/operator-ballot-queries";
import { getProposalRound, getRoundOverview, listRounds } from "@/lib/server/voting/round-queries";
import { getRoundResults } from "@/lib/server/voting/round-results-queries";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertVotingOperator, type NodeServiceFixture } from "@/lib/server/testing/voting-fixtures";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);

let database: TestDatabase;
let db: Db;
const ids = { alice: "", bob: "", carol: "", dave: "", reward: "", quorum: "", later: "" };
/** Round 1's ballots in storage order: Alice, Bob, Alice again. */
let receipts: string[] = [];

async function publish(title: string, changes: { key: string; toValue: number }[], now: Date) {
  const writer = { id: ids.alice, role: "operator" as const };
  const input = {
    title,
    summary: `${title}, summarised.`,
    rationale: "Because the network needs it.",
    changes,
  };
  const { proposalId } = await createProposalDraft(db, { writer, now, input });
  await publishProposal(db, { writer, now, proposalId });
  return proposalId;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await ensurePlatform(db, { networkName: "Rounds test", now: at(-40 * 24) });
  const voter = async (name: string, nodes: NodeServiceFixture[]) =>
    (await insertVotingOperator(db, { now: NOW, name, nodes })).operatorId;
  ids.alice = await voter("Alice", [{}, {}]);
  ids.bob = await voter("Bob", [{}]);
  // Carol's only node started reporting yesterday: too young for the 3-day proof of service.
  ids.carol = await voter("Carol", [{ reportedForDays: 1 }]);
  ids.dave = await voter("Dave", []);
});

afterAll(async () => {
  await database.drop();
});

describe("before any round", () => {
  it("lists no rounds and says how rounds open", async () => {
    expect(await listRounds(db, { limit: 20, now: NOW })).toEqual({ rounds: [], nextBeforeNumber: null });
    await expect(getRoundOverview(db, { roundNumber: 1, now: NOW })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("no voting round has opened yet"),
    });
    await expect(getBallotForOperator(db, { operatorId: ids.alice, now: NOW })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("npm run admin -- round open"),
    });
  });

  it("refuses a page size outside 1–100", async () => {
    await expect(listRounds(db, { limit: 0, now: NOW })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});

describe("an open round", () => {
  beforeAll(async () => {
    ids.reward = await publish("Pay more per GB", [{ key: "reward.perGbUploaded", toValue: 1.5 }], at(-2));
    ids.quorum = await publish("Raise the quorum", [{ key: "gov.quorum", toValue: 0.3 }], at(-1));
    await openRound(db, { now: NOW, cutDiscussionShort: true });
    const round = await db.round.findUniqueOrThrow({ where: { number: 1 }, select: { id: true } });
    const cast = (operatorId: string, allocations: { proposalId: string; votes: number }[], hours: number) =>
      castBallot(db, { operatorId, roundId: round.id, allocations, source: "web", now: at(hours) });
    receipts = [
      (
        await cast(
          ids.alice,
          [
            { proposalId: ids.reward, votes: 5 },
            { proposalId: ids.quorum, votes: -3 },
          ],
          1,
        )
      ).receipt,
      (await cast(ids.bob, [{ proposalId: ids.reward, votes: -2 }], 2)).receipt,
      // Alice's second ballot replaces her first.
      (
        await cast(
          ids.alice,
          [
            { proposalId: ids.quorum, votes: -2 },
            { proposalId: ids.reward, votes: 6 },
          ],
          3,
        )
      ).receipt,
    ];
  });

  it("shows the voters so far and each proposal's turnout but no net votes", async () => {
    const overview = await getRoundOverview(db, { roundNumber: 1, now: at(4) });
    expect(overview).toMatchObject({
      number: 1,
      phase: "open",
      eligibleOperators: 2,
      eligibleNodes: 3,
      votedOperators: 2,
      votedNodes: 3,
      creditsPerNode: 100,
      configVersion: null,
    });
    expect(overview).not.toHaveProperty("turnout");
    expect(overview.proposals.map((proposal) => [proposal.title, proposal.turnout, proposal.result])).toEqual(
      [
        ["Pay more per GB", 1, null],
        ["Raise the quorum", 2 / 3, null],
      ],
    );
    expect(JSON.stringify(overview)).not.toMatch(/"(net|support|opposition|outcome)"/);
    expect(overview.proposals[0]).toMatchObject({
      summary: "Pay more per GB, summarised.",
      author: { id: ids.alice, displayName: "Alice" },
      touchesGov: false,
      changes: [{ key: "reward.perGbUploaded", fromValue: 1, toValue: 1.5, changeText: "+50 %" }],
    });
    expect(overview.proposals[0]?.changes[0]?.sentence).toMatch(/^Raise the pay per GB/i);
    expect(overview.proposals[1]?.touchesGov).toBe(true);
  });

  it("says the round is being counted once its time is over but it is not closed yet", async () => {
    const overview = await getRoundOverview(db, { roundNumber: 1, now: at(72) });
    expect(overview.phase).toBe("counting");
    expect(overview.proposals.every((proposal) => proposal.result === null)).toBe(true);
  });

  it("gives an eligible operator their budget, nodes and the ballot that counts", async () => {
    const ballot = await getBallotForOperator(db, { operatorId: ids.alice, now: at(4) });
    expect(ballot).toMatchObject({
      round: { number: 1, phase: "open", creditsPerNode: 100 },
      isEligible: true,
      budget: 200,
      eligibleNodes: 2,
      nodeNames: ["alice-node-1", "alice-node-2"],
      ballot: { cost: 40, receipt: receipts[2], source: "web" },
    });
    if (!ballot.isEligible) throw new Error("Alice should be eligible");
    // Nothing that places a ballot in the round (the receipt before it, its seq) is shown while it is open.
    expect(ballot.ballot).not.toHaveProperty("prevReceipt");
    expect(ballot.ballot).not.toHaveProperty("seq");
    expect(ballot.ballot?.allocations).toEqual(
      [
        { proposalId: ids.quorum, votes: -2 },
        { proposalId: ids.reward, votes: 6 },
      ].sort((a, b) => (a.proposalId < b.proposalId ? -1 : 1)),
    );
    expect(await getBallotForOperator(db, { operatorId: ids.bob, roundNumber: 1, now: at(4) })).toMatchObject(
      {
        isEligible: true,
        budget: 100,
        ballot: { cost: 4 },
      },
    );
  });

  it("tells an operator without an eligible node why, with the proof-of-service values", async () => {
    const carol = await getBallotForOperator(db, { operatorId: ids.carol, now: at(4) });
    expect(carol).toMatchObject({ isEligible: false, minNodeAgeDays: 3, minUptimeForVoting: 0.5 });
    if (carol.isEligible) throw new Error("Carol should not be eligible");
    expect(carol.reason).toContain("at least 3 days");
    expect(carol.reason).toContain("50 %");
    expect(carol.reason).toContain("None of your 1 node met it");
    expect(carol).toMatchObject({
      uncountedNodes: [
        {
          name: "carol-node-1",
          reason: "The node must have reported telemetry for 3 days before the round opened.",
        },
      ],
      moreUncountedNodes: 0,
    });
    const dave = await getBallotForOperator(db, { operatorId: ids.dave, now: at(4) });
    expect(dave.isEligible ? "" : dave.reason).toContain("You have no nodes yet");
  });

  it("keeps the results back until the round closes", async () => {
    await expect(getRoundResults(db, { roundNumber: 1, now: at(4) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Round 1 is still open"),
    });
  });

  it("withholds the receipt document, with the receipt before it, until the round closes", async () => {
    await expect(getBallotReceipt(db, { operatorId: ids.alice, roundNumber: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("becomes available when the round closes"),
    });
    await expect(getBallotReceipt(db, { operatorId: ids.carol, roundNumber: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("links a proposal to its round", async () => {
    expect(await getProposalRound(db, { proposalId: ids.reward, now: at(4) })).toEqual({
      roundNumber: 1,
      phase: "open",
      outcome: null,
    });
    expect(await getProposalRound(db, { proposalId: "no-such-proposal", now: at(4) })).toBeNull();
  });

  it("lists the open round without outcomes", async () => {
    const { rounds } = await listRounds(db, { limit: 20, now: at(4) });
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({
      number: 1,
      phase: "open",
      proposals: 2,
      eligibleOperators: 2,
      votedOperators: 2,
      votedNodes: 3,
      outcomes: null,
    });
  });
});

describe("a closed round", () => {
  beforeAll(async () => {
    await closeRound(db, { now: at(72) });
  });

  it("shows every number, the outcome and the reason, in ratification order", async () => {
    const overview = await getRoundOverview(db, { roundNumber: 1, now: at(73) });
    expect(overview.phase).toBe("closed");
    expect(overview.configVersion).toBe(2);
    expect(
      overview.proposals.map((proposal) => [proposal.id, proposal.result?.net, proposal.result?.outcome]),
    ).toEqual([
      [ids.reward, 4, "passed"],
      [ids.quorum, -2, "rejected"],
    ]);
    expect(overview.proposals[0]?.result).toMatchObject({ support: 6, opposition: 2 });
    expect(overview.proposals[1]?.result?.reason).toMatch(/Net votes were -2/);
  });

  it("gives the vote distribution, the voting power and the config version with its diff", async () => {
    const results = await getRoundResults(db, { roundNumber: 1, now: at(73) });
    expect(results.round).toMatchObject({
      number: 1,
      phase: "closed",
      eligibleOperators: 2,
      votedOperators: 2,
      configVersion: 2,
    });
    expect(results.proposals).toMatchObject([
      {
        id: ids.reward,
        title: "Pay more per GB",
        net: 4,
        support: 6,
        opposition: 2,
        turnout: 1,
        outcome: "passed",
        distribution: [
          { votes: -2, operators: 1 },
          { votes: 6, operators: 1 },
        ],
        abstained: 0,
      },
      {
        id: ids.quorum,
        touchesGov: true,
        net: -2,
        turnout: 2 / 3,
        outcome: "rejected",
        distribution: [{ votes: -2, operators: 1 }],
        abstained: 1,
      },
    ]);
    // Budgets 200 and 100 buy 14 and 10 votes on one proposal; the votes cast were 8 and 2.
    expect(results.votingPower.potential).toEqual({
      operators: 2,
      nakamoto: 1,
      gini: giniCoefficient([14, 10]),
      largestShare: 14 / 24,
    });
    expect(results.votingPower.cast).toEqual({
      operators: 2,
      nakamoto: 1,
      gini: giniCoefficient([8, 2]),
      largestShare: 0.8,
    });
    expect(results.configVersion).toMatchObject({
      version: 2,
      isActive: false,
      changes: [{ key: "reward.perGbUploaded", from: 1, to: 1.5 }],
    });
    expect(results.configVersion?.activateAt).toEqual(at(72 + 24));
    expect(results.ballotsExportPath).toBe(`/api/v1/rounds/${results.round.id}/ballots`);
  });

  it("links the proposal to its round with the outcome", async () => {
    expect(await getProposalRound(db, { proposalId: ids.reward, now: at(73) })).toEqual({
      roundNumber: 1,
      phase: "closed",
      outcome: "passed",
    });
  });

  it("hands out the receipt document after close, whose hashed text is the receipt's SHA-256 input", async () => {
    const receipt = await getBallotReceipt(db, { operatorId: ids.alice, roundNumber: 1 });
    expect(receipt).toMatchObject({
      roundNumber: 1,
      operatorId: ids.alice,
      seq: 3,
      submittedAt: at(3).toISOString(),
      cost: 40,
      budget: 200,
      prevReceipt: receipts[1],
      receipt: receipts[2],
    });
    expect(sha256(receipt.hashedText)).toBe(receipt.receipt);
    expect(receipt.howToCheck).toContain("npm run verify");
    const closed = await getBallotForOperator(db, { operatorId: ids.alice, roundNumber: 1, now: at(73) });
    expect(closed).toMatchObject({ ballot: { seq: 3, receipt: receipts[2] } });
    const bob = await getBallotReceipt(db, { operatorId: ids.bob, roundNumber: 1 });
    expect(sha256(bob.hashedText)).toBe(bob.receipt);
    expect(bob.allocations).toEqual([{ proposalId: ids.reward, votes: -2 }]);
  });
});

describe("listing rounds", () => {
  beforeAll(async () => {
    ids.later = await publish("Longer grace", [{ key: "freeRider.graceDays", toValue: 10 }], at(80));
    await openRound(db, { now: at(81), cutDiscussionShort: true });
  });

  it("pages newest first and counts each closed round's outcomes", async () => {
    const first = await listRounds(db, { limit: 1, now: at(82) });
    expect(first.rounds.map((round) => [round.number, round.phase, round.votedOperators])).toEqual([
      [2, "open", 0],
    ]);
    expect(first.nextBeforeNumber).toBe(2);
    const second = await listRounds(db, { limit: 1, beforeNumber: 2, now: at(82) });
    expect(second.nextBeforeNumber).toBeNull();
    expect(second.rounds[0]).toMatchObject({
      number: 1,
      phase: "closed",
      proposals: 2,
      outcomes: { passed: 1, rejected: 1, superseded: 0, failed: 0 },
    });
  });

  it("names the rounds that exist when asked for one that does not", async () => {
    await expect(getRoundOverview(db, { roundNumber: 9, now: at(82) })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("rounds run from 1 to 2"),
    });
  });
});

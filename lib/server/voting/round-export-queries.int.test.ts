import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditExportSchema,
  currentRoundSchema,
  roundBallotsExportSchema,
  type RoundBallotsExport,
} from "@/lib/schemas/voting";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeRound, type ClosedRound } from "@/lib/server/voting/close-round";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { exportAudit, exportRoundBallots, getCurrentRoundForNodes } from "./round-export-queries";

const OPENS = new Date("2026-12-01T12:00:00.000Z");
const at = (minutes: number) => new Date(OPENS.getTime() + minutes * 60_000);

/** Written from node-protocol.md alone: hex(sha256(UTF-8 bytes)) over RFC 8785 canonical JSON. */
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const canonical = (value: unknown) => canonicalize(value)!;

let database: TestDatabase;
let operators: TestNode[][];
/** In the order created: raise upload reward, lower it, raise the quorum. */
let created: string[];
let proposalIds: string[];
let round: OpenedRound;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function vote(operator: TestNode[], minutes: number, allocations: [number, number][]) {
  return castBallot(database.db, {
    operatorId: operator[0]!.operatorId,
    roundId: round.roundId,
    allocations: allocations.map(([index, votes]) => ({ proposalId: created[index]!, votes })),
    source: "web",
    now: at(minutes),
  });
}

describe("before any governance event", () => {
  it("the audit export is empty with the empty head", async () => {
    expect(await exportAudit(database.db, { after: 0, limit: 1000 })).toEqual({
      events: [],
      head: { seq: 0, hash: "" },
    });
  });

  it("no round is open: NOT_FOUND saying no round has opened yet", async () => {
    await expect(getCurrentRoundForNodes(database.db, { now: OPENS })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("No round has opened yet"),
    });
  });
});

describe("a round from open to close", () => {
  let closed: ClosedRound;

  beforeAll(async () => {
    ({ operators, proposalIds: created } = await prepareVotingRound(database.db, {
      now: OPENS,
      // Budgets 200, 100, 100, 100: the last operator never votes.
      nodesPerOperator: [2, 1, 1, 1],
      proposals: [
        { title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } },
        { title: "Lower the upload reward", changes: { "reward.perGbUploaded": 0.5 } },
        { title: "Raise the quorum", changes: { "gov.quorum": 0.25 } },
      ],
    }));
    proposalIds = [...created].sort();
    round = await openRound(database.db, { now: OPENS });
  });

  it("the current round lists every proposal with its changes, exactly in the protocol's shape", async () => {
    const current = await getCurrentRoundForNodes(database.db, { now: at(1) });
    expect(currentRoundSchema.parse(current)).toEqual(current);
    expect(current).toMatchObject({
      roundId: round.roundId,
      opensAt: OPENS.toISOString(),
      closesAt: round.closesAt.toISOString(),
    });
    expect(current.proposals.map((proposal) => proposal.id)).toEqual(proposalIds);
    const quorum = current.proposals.find((proposal) => proposal.title === "Raise the quorum")!;
    expect(quorum).toEqual({
      id: expect.any(String),
      title: "Raise the quorum",
      summary: "Raise the quorum.",
      changes: [{ key: "gov.quorum", from: 0.2, to: 0.25 }],
    });
  });

  it("shows each change from the value in force when the round opened, not the proposal's stored base", async () => {
    const quorum = created[2]!;
    // A proposal put to the vote on an older base (before stale proposals were held back) stored another value.
    await database.db.proposalChange.update({
      where: { proposalId_key: { proposalId: quorum, key: "gov.quorum" } },
      data: { fromValue: 0.15 },
    });
    try {
      const current = await getCurrentRoundForNodes(database.db, { now: at(1) });
      expect(current.proposals.find((proposal) => proposal.id === quorum)!.changes).toEqual([
        { key: "gov.quorum", from: 0.2, to: 0.25 },
      ]);
    } finally {
      await database.db.proposalChange.update({
        where: { proposalId_key: { proposalId: quorum, key: "gov.quorum" } },
        data: { fromValue: 0.2 },
      });
    }
  });

  it("exports nothing while the round is open (CONFLICT naming its end) and NOT_FOUND for an unknown round", async () => {
    await expect(
      exportRoundBallots(database.db, { roundId: round.roundId, all: false }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(round.closesAt.toISOString()),
    });
    await expect(
      exportRoundBallots(database.db, { roundId: "no_such_round", all: true }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("GET /api/v1/audit"),
    });
  });

  it("is not current once its closing time has passed, even before the worker closes it", async () => {
    await expect(getCurrentRoundForNodes(database.db, { now: round.closesAt })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(
        /^No voting round is open\. Round 1 stopped taking ballots at .* and is being counted\./,
      ),
    });
  });

  describe("after ballots and the close", () => {
    beforeAll(async () => {
      const [a, b, c] = operators as [TestNode[], TestNode[], TestNode[]];
      await vote(a, 10, [[0, 10]]);
      await vote(b, 20, [
        [0, 5],
        [2, 3],
      ]);
      await vote(a, 30, [
        [0, 10],
        [1, -5],
      ]);
      await vote(c, 40, [[1, 4]]);
      closed = await closeRound(database.db, { now: at(60), roundId: round.roundId });
    });

    let counted: RoundBallotsExport;
    let every: RoundBallotsExport;
    beforeAll(async () => {
      counted = await exportRoundBallots(database.db, { roundId: round.roundId, all: false });
      every = await exportRoundBallots(database.db, { roundId: round.roundId, all: true });
    });

    it("is exactly the protocol's shape, with the round's rules and the config version it created", () => {
      for (const exported of [counted, every])
        expect(roundBallotsExportSchema.parse(exported)).toEqual(exported);
      expect(counted).toMatchObject({
        roundId: round.roundId,
        opensAt: OPENS.toISOString(),
        closesAt: round.closesAt.toISOString(),
        creditsPerNode: 100,
        quorum: 0.2,
        metaSupermajority: 0.66,
        configVersion: closed.configVersion,
      });
    });

    it("lists every eligible operator by id with its cluster and budget = creditsPerNode × nodes alone in it", () => {
      const expected = operators
        .map((nodes) => ({
          operatorId: nodes[0]!.operatorId,
          eligibleNodes: nodes.length,
          budget: 100 * nodes.length,
          clusters: [
            {
              clusterId: expect.stringMatching(/^[0-9a-f]{16}$/),
              nodes: nodes.length,
              clusterNodes: nodes.length,
            },
          ],
        }))
        .sort((x, y) => (x.operatorId < y.operatorId ? -1 : 1));
      expect(counted.eligible).toEqual(expected);
      expect(every.eligible).toEqual(expected);
    });

    it("?all lists every stored ballot in storage order and its receipt chain recomputes from the protocol text", () => {
      expect(every.ballots.map((ballot) => ballot.submittedAt)).toEqual(
        [10, 20, 30, 40].map((m) => at(m).toISOString()),
      );
      let previous = "";
      for (const ballot of every.ballots) {
        expect(ballot.prevReceipt).toBe(previous);
        const { operatorId, submittedAt, allocations } = ballot;
        expect(ballot.receipt).toBe(
          sha256(
            `${previous}\n${canonical({ roundId: round.roundId, operatorId, submittedAt, allocations })}`,
          ),
        );
        expect(ballot.cost).toBe(allocations.reduce((sum, { votes }) => sum + votes * votes, 0));
        previous = ballot.receipt;
      }
    });

    it("lists only the ballot that counts per operator, in storage order", () => {
      expect(counted.ballots).toEqual([every.ballots[1], every.ballots[2], every.ballots[3]]);
      expect(counted.ballots[1]!.allocations).toEqual(
        [
          { proposalId: created[0]!, votes: 10 },
          { proposalId: created[1]!, votes: -5 },
        ].sort((x, y) => (x.proposalId < y.proposalId ? -1 : 1)),
      );
    });

    it("has every tally as a recount of the counted ballots, with turnout, outcome and reason from the close", () => {
      const nodesOf = new Map(counted.eligible.map((voter) => [voter.operatorId, voter.eligibleNodes]));
      const totalNodes = counted.eligible.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
      expect(totalNodes).toBe(5);
      expect(counted.tallies.map((tally) => tally.proposalId)).toEqual(proposalIds);
      for (const tally of counted.tallies) {
        const votes = counted.ballots.flatMap((ballot) =>
          ballot.allocations
            .filter((allocation) => allocation.proposalId === tally.proposalId && allocation.votes !== 0)
            .map((allocation) => ({ votes: allocation.votes, nodes: nodesOf.get(ballot.operatorId)! })),
        );
        const decision = closed.decisions.find((entry) => entry.proposalId === tally.proposalId)!;
        expect(tally).toEqual({
          proposalId: tally.proposalId,
          touchesGov: tally.proposalId === created[2],
          net: votes.reduce((sum, { votes: v }) => sum + v, 0),
          support: votes.reduce((sum, { votes: v }) => sum + Math.max(v, 0), 0),
          opposition: votes.reduce((sum, { votes: v }) => sum + Math.max(-v, 0), 0),
          turnout: votes.reduce((sum, { nodes }) => sum + nodes, 0) / totalNodes,
          outcome: decision.outcome,
          reason: decision.reason,
        });
      }
      const byId = new Map(counted.tallies.map((tally) => [tally.proposalId, [tally.net, tally.turnout]]));
      expect(created.map((id) => byId.get(id))).toEqual([
        [15, 3 / 5],
        [-1, 3 / 5],
        [3, 1 / 5],
      ]);
    });

    it("the current round now says when rounds open next", async () => {
      await expect(getCurrentRoundForNodes(database.db, { now: at(61) })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: expect.stringMatching(/Round 1 closed at .*No proposal is queued/),
      });
    });

    it("the audit export is the whole chain, recomputable from the protocol text, with the ballots' receipts", async () => {
      const audit = await exportAudit(database.db, { after: 0, limit: 1000 });
      expect(auditExportSchema.parse(audit)).toEqual(audit);
      let previous = { seq: 0, hash: "" };
      for (const event of audit.events) {
        const { seq, at: time, type, subject, data } = event;
        expect(seq).toBe(previous.seq + 1);
        expect(event.prevHash).toBe(previous.hash);
        expect(event.hash).toBe(
          sha256(`${previous.hash}\n${canonical({ seq, at: time, type, subject, data })}`),
        );
        previous = { seq, hash: event.hash };
      }
      expect(audit.head).toEqual(previous);
      const subject = `round:${round.roundId}`;
      const cast = audit.events.filter((event) => event.type === "ballot.cast" && event.subject === subject);
      // Nothing while the round is open; at the close every stored ballot with its receipt, then round.closed.
      expect(cast.map((event) => event.data)).toEqual(
        every.ballots.map((ballot, index) => ({
          roundId: round.roundId,
          seq: index + 1,
          receipt: ballot.receipt,
        })),
      );
      const close = audit.events.find((event) => event.type === "round.closed" && event.subject === subject)!;
      expect(cast.map((event) => event.seq)).toEqual(cast.map((_, index) => close.seq - cast.length + index));
      expect(close.data).toMatchObject({
        ballotCount: every.ballots.length,
        headReceipt: every.ballots.at(-1)!.receipt,
      });
      expect(audit.events.map((event) => event.type)).toEqual(
        expect.arrayContaining(["round.opened", "round.closed"]),
      );
    });

    it("pages the audit chain by after and limit, always with the current head", async () => {
      const whole = await exportAudit(database.db, { after: 0, limit: 1000 });
      const page = await exportAudit(database.db, { after: 2, limit: 3 });
      expect(page.events).toEqual(whole.events.slice(2, 5));
      expect(page.head).toEqual(whole.head);
      const beyond = await exportAudit(database.db, { after: whole.head.seq, limit: 10 });
      expect(beyond).toEqual({ events: [], head: whole.head });
    });
  });
});

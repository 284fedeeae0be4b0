import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import type * as GovernanceEvents from "@/lib/server/governance/governance-chain";
import { castBallot } from "@/lib/server/voting/cast-ballot";
import { closeDueRounds, closeRound } from "@/lib/server/voting/close-round";
import {
  listGovernanceEventsForSubject,
  verifyGovernanceChain,
} from "@/lib/server/governance/governance-chain";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal, insertVotingOperator } from "@/lib/server/testing/voting-fixtures";

const failOnEvent = vi.hoisted(() => ({ type: null as string | null }));

vi.mock("@/lib/server/governance/governance-chain", async (importOriginal) => {
  const original = await importOriginal<typeof GovernanceEvents>();
  return {
    ...original,
    appendGovernanceEvent: async (...args: Parameters<typeof original.appendGovernanceEvent>) => {
      if (args[1].type === failOnEvent.type)
        throw new Error(`simulated failure while appending ${args[1].type}`);
      return original.appendGovernanceEvent(...args);
    },
  };
});

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR_MS = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS);
let database: TestDatabase;
let voters: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: new Date("2026-09-01T00:00:00.000Z") });
  voters = [];
  for (const name of ["Ada", "Ben", "Cy", "Dee", "Eve"]) {
    voters.push((await insertVotingOperator(database.db, { now: NOW, name })).operatorId);
  }
});
afterAll(() => database.drop());

async function vote(round: OpenedRound, operatorId: string, votes: Record<string, number>, hours: number) {
  await castBallot(database.db, {
    operatorId,
    roundId: round.roundId,
    allocations: Object.entries(votes).map(([proposalId, count]) => ({ proposalId, votes: count })),
    source: "web",
    now: at(hours),
  });
}

async function queue(title: string, changes: Parameters<typeof insertQueuedProposal>[1]["changes"]) {
  return insertQueuedProposal(database.db, { authorId: voters[0]!, now: NOW, title, changes });
}

async function snapshot(roundId: string) {
  return {
    round: await database.db.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { state: true, isOpen: true, closedAt: true, configVersion: true, closeBlockedReason: true },
    }),
    versions: await database.db.configVersion.count(),
    proposals: await database.db.proposal.findMany({
      where: { round: { roundId } },
      orderBy: { id: "asc" },
      select: { state: true, closedAt: true },
    }),
    outcomes: await database.db.roundProposal.findMany({ where: { roundId }, select: { outcome: true } }),
  };
}

describe("closeRound", () => {
  it("ratifies by net votes: passed, superseded, failed and rejected, and issues version N+1", async () => {
    const pass = await queue("Pay uploads 1.5", [{ key: "reward.perGbUploaded", toValue: 1.5 }]);
    const superseded = await queue("Pay uploads 2", [{ key: "reward.perGbUploaded", toValue: 2 }]);
    const failed = await queue("Reliability first", [{ key: "selection.weightReliability", toValue: 0.4 }]);
    const gov = await queue("Higher quorum", [{ key: "gov.quorum", toValue: 0.3 }]);
    const unloved = await queue("Nobody cares", [{ key: "reward.uptimeBonusPerDay", toValue: 3 }]);
    const round = await openRound(database.db, { now: NOW });
    await vote(round, voters[0]!, { [unloved]: 3 }, 0.5);
    await vote(round, voters[0]!, { [pass]: 6, [superseded]: 3, [failed]: 2, [gov]: 5 }, 1);
    await vote(round, voters[1]!, { [pass]: 4, [superseded]: 2, [gov]: -4 }, 1);
    const eventsWhileOpen = await listGovernanceEventsForSubject(database.db, `round:${round.roundId}`);
    expect(eventsWhileOpen.map((event) => event.type)).toEqual(["round.opened"]);

    const closed = await closeRound(database.db, { now: at(2) });

    const activateAt = at(2 + 24);
    expect(closed).toMatchObject({
      roundId: round.roundId,
      number: 1,
      closedAt: at(2),
      configVersion: 2,
      activateAt,
    });
    expect(
      closed.decisions.map(({ proposalId, outcome, net, turnout }) => [proposalId, outcome, net, turnout]),
    ).toEqual([
      [pass, "passed", 10, 0.4],
      [superseded, "superseded", 5, 0.4],
      [failed, "failed", 2, 0.2],
      [gov, "rejected", 1, 0.4],
      [unloved, "rejected", 0, 0],
    ]);
    expect(closed.decisions.find((decision) => decision.proposalId === gov)!.reason).toContain("66 %");

    const version = await database.db.configVersion.findUniqueOrThrow({
      where: { version: 2 },
      select: { envelope: true, activateAt: true, issuedAt: true },
    });
    const envelope = parseConfigEnvelope(version.envelope);
    expect(envelope.params).toEqual({ ...defaultParameterValues(), "reward.perGbUploaded": 1.5 });
    expect(envelope.proposals).toEqual([pass]);
    expect(version).toMatchObject({ activateAt, issuedAt: at(2) });

    const states = await database.db.proposal.findMany({
      where: { id: { in: [pass, superseded, failed, gov, unloved] } },
      select: { id: true, state: true, closedAt: true, closeReason: true },
    });
    const stateOf = Object.fromEntries(states.map((row) => [row.id, row.state]));
    expect(stateOf).toEqual({
      [pass]: "Passed",
      [superseded]: "Superseded",
      [failed]: "Failed",
      [gov]: "Rejected",
      [unloved]: "Rejected",
    });
    for (const row of states) {
      expect(row.closedAt).toEqual(at(2));
      expect(row.closeReason).toBe(
        closed.decisions.find((decision) => decision.proposalId === row.id)!.reason,
      );
    }
    expect(await snapshot(round.roundId)).toMatchObject({
      round: { state: "Closed", isOpen: null, closedAt: at(2), configVersion: 2, closeBlockedReason: null },
    });

    const roundEvents = await listGovernanceEventsForSubject(database.db, `round:${round.roundId}`);
    expect(roundEvents.map((event) => event.type)).toEqual([
      "round.opened",
      "ballot.cast",
      "ballot.cast",
      "ballot.cast",
      "round.closed",
    ]);
    const ballots = await database.db.ballot.findMany({
      where: { roundId: round.roundId },
      orderBy: { seq: "asc" },
      select: { seq: true, receipt: true },
    });
    expect(roundEvents.at(-1)!.data).toMatchObject({
      number: 1,
      configVersion: 2,
      ballotCount: 3,
      headReceipt: ballots.at(-1)!.receipt,
      tallies: expect.arrayContaining([
        { proposalId: pass, net: 10, support: 10, opposition: 0, turnout: 0.4, outcome: "passed" },
      ]),
    });
    // Every stored ballot (the replaced one too) with its receipt, appended at the close just before round.closed.
    const casts = roundEvents.slice(1, -1);
    expect(casts.map((event) => event.data)).toEqual(
      ballots.map(({ seq, receipt }) => ({ roundId: round.roundId, seq, receipt })),
    );
    expect(casts.map((event) => [event.seq, event.at])).toEqual(
      [3, 2, 1].map((before) => [roundEvents.at(-1)!.seq - before, at(2)]),
    );
    const versionEvents = await listGovernanceEventsForSubject(database.db, "config:2");
    expect(versionEvents).toMatchObject([
      {
        type: "config.version-created",
        data: { version: 2, proposals: [pass], activateAt: activateAt.toISOString() },
      },
    ]);
    const decided = await listGovernanceEventsForSubject(database.db, `proposal:${failed}`);
    expect(decided.at(-1)).toMatchObject({
      type: "proposal.decided",
      data: { outcome: "failed", configVersion: 2 },
    });
    expect((await verifyGovernanceChain(database.db)).brokenAt).toBeNull();

    await expect(closeRound(database.db, { now: at(3), roundId: round.roundId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Round 1 closed at"),
    });
    await expect(closeRound(database.db, { now: at(3) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("creates no config version when nothing passed", async () => {
    const lonely = await queue("Unpopular", [{ key: "reward.perGbUploaded", toValue: 3 }]);
    const round = await openRound(database.db, { now: at(4) });
    await vote(round, voters[2]!, { [lonely]: -3 }, 5);

    const closed = await closeRound(database.db, { now: at(6) });

    expect(closed).toMatchObject({ number: 2, configVersion: null, activateAt: null });
    expect(closed.decisions).toMatchObject([{ proposalId: lonely, outcome: "rejected", net: -3 }]);
    expect(await database.db.configVersion.count()).toBe(2);
    expect(await listGovernanceEventsForSubject(database.db, "config:3")).toEqual([]);
  });

  it("leaves the database as it was when the close fails midway", async () => {
    const proposal = await queue("Half-way", [{ key: "reward.perGbUploaded", toValue: 1.2 }]);
    const round = await openRound(database.db, { now: at(7) });
    await vote(round, voters[3]!, { [proposal]: 5 }, 8);
    const before = await snapshot(round.roundId);
    const head = await database.db.governanceEvent.count();

    failOnEvent.type = "round.closed";
    try {
      await expect(closeRound(database.db, { now: at(9) })).rejects.toThrow("simulated failure");
    } finally {
      failOnEvent.type = null;
    }

    expect(await snapshot(round.roundId)).toEqual(before);
    expect(before.versions).toBe(2);
    expect(await database.db.governanceEvent.count()).toBe(head);
    await closeRound(database.db, { now: at(9) });
  });

  it("refuses to close when a running tally was tampered with, keeps the round open and raises an alert", async () => {
    const proposal = await queue("Tampered", [{ key: "reward.perGbUploaded", toValue: 1.7 }]);
    const round = await openRound(database.db, { now: at(10) });
    await vote(round, voters[4]!, { [proposal]: 7 }, 11);
    await database.db.roundProposal.update({
      where: { roundId_proposalId: { roundId: round.roundId, proposalId: proposal } },
      data: { net: { increment: 50 }, support: { increment: 50 } },
    });
    const versions = await database.db.configVersion.count();
    const alert = vi.spyOn(process.stderr, "write").mockImplementation(() => true);

    await expect(closeRound(database.db, { now: round.closesAt })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`differs from the running tally for ${proposal}`),
    });

    expect(alert).toHaveBeenCalledWith(
      expect.stringMatching(
        /"level":"error".*"msg":"voting round close blocked.*"alert":true.*"net":57.*"net":7/,
      ),
    );
    alert.mockRestore();
    const after = await snapshot(round.roundId);
    expect(after).toMatchObject({
      round: { state: "Open", isOpen: true, closedAt: null, configVersion: null },
      versions,
      proposals: [{ state: "Voting", closedAt: null }],
      outcomes: [{ outcome: null }],
    });
    expect(after.round.closeBlockedReason).toContain("recount");
    const events = await listGovernanceEventsForSubject(database.db, `round:${round.roundId}`);
    // The open round's numbers stay out of the public chain: only which proposals differ.
    expect(events.at(-1)).toMatchObject({
      type: "round.close-blocked",
      data: { roundId: round.roundId, number: 4, proposalIds: [proposal] },
    });
    expect(Object.keys(events.at(-1)!.data).sort()).toEqual(["number", "proposalIds", "roundId"]);
    // The worker leaves a blocked round to an admin instead of alerting every minute.
    expect(await closeDueRounds(database.db, { now: at(200) })).toEqual([]);

    await database.db.roundProposal.update({
      where: { roundId_proposalId: { roundId: round.roundId, proposalId: proposal } },
      data: { net: 7, support: 7 },
    });
    const closed = await closeRound(database.db, { now: at(201) });
    expect(closed.decisions).toMatchObject([{ proposalId: proposal, outcome: "passed", net: 7 }]);
    expect((await snapshot(round.roundId)).round).toMatchObject({
      state: "Closed",
      closeBlockedReason: null,
    });
  });
});

describe("closeDueRounds", () => {
  it("closes only rounds whose time is over", async () => {
    await queue("Due later", [{ key: "reward.perGbUploaded", toValue: 1.1 }]);
    const round = await openRound(database.db, { now: at(12) });
    expect(await closeDueRounds(database.db, { now: new Date(round.closesAt.getTime() - 1) })).toEqual([]);
    const closed = await closeDueRounds(database.db, { now: round.closesAt });
    expect(closed.map((entry) => entry.roundId)).toEqual([round.roundId]);
  });

  it("leaves alone a round an admin closed after the due rounds were listed", async () => {
    await queue("Closed twice", [{ key: "reward.perGbUploaded", toValue: 1.3 }]);
    const round = await openRound(database.db, { now: at(100) });
    const listed = await database.db.round.findMany({
      where: { state: "Open", closesAt: { lte: round.closesAt } },
      select: { id: true },
    });
    await closeRound(database.db, { now: at(101) });
    // The worker read the list before the admin's close committed.
    const findMany = vi.spyOn(database.db.round, "findMany").mockResolvedValueOnce(listed as never);
    try {
      expect(await closeDueRounds(database.db, { now: round.closesAt })).toEqual([]);
      expect(findMany).toHaveBeenCalledOnce();
    } finally {
      findMany.mockRestore();
    }
    expect((await snapshot(round.roundId)).round).toMatchObject({ state: "Closed", closedAt: at(101) });
  });

  it("still fails on a refusal of the round's own, such as a recount that differs", async () => {
    const proposal = await queue("Tampered again", [{ key: "reward.perGbUploaded", toValue: 1.4 }]);
    const round = await openRound(database.db, { now: at(110) });
    await database.db.roundProposal.update({
      where: { roundId_proposalId: { roundId: round.roundId, proposalId: proposal } },
      data: { net: 3, support: 3 },
    });
    const alert = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await expect(closeDueRounds(database.db, { now: round.closesAt })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("differs from the running tally"),
      });
    } finally {
      alert.mockRestore();
    }
    await database.db.roundProposal.update({
      where: { roundId_proposalId: { roundId: round.roundId, proposalId: proposal } },
      data: { net: 0, support: 0 },
    });
    await closeRound(database.db, { now: round.closesAt });
  });
});

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import type { Db } from "@/lib/server/platform/db";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { insertQueuedProposal } from "@/lib/server/testing/voting-fixtures";
import { getWarningSigns } from "./warning-sign-queries";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);

const ATTACK_PREFIX = "198.51.100.0/24";
/** The raw address the attack's reports came from: kept on telemetry samples, never shown. */
const ATTACK_ADDRESS = "198.51.100.77";

let database: TestDatabase;
let seq = 0;

interface NodeFixture {
  tokenCreatedAt: Date;
  prefix: string;
  sourceAddress: string;
}

/** An operator created at `createdAt` with nodes, each enrolled with a token of its own and reported once. */
async function insertAccount(
  db: Db,
  { name, createdAt, nodes }: { name: string; createdAt: Date; nodes: NodeFixture[] },
): Promise<string> {
  const operator = await db.operator.create({
    data: { displayName: name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@signs.example`, createdAt },
    select: { id: true },
  });
  for (const node of nodes) {
    seq += 1;
    const token = await db.enrolmentToken.create({
      data: {
        operatorId: operator.id,
        label: `token ${seq}`,
        tokenHash: randomBytes(16).toString("hex"),
        maxUses: 1,
        usedCount: 1,
        expiresAt: new Date(node.tokenCreatedAt.getTime() + DAY),
        createdAt: node.tokenCreatedAt,
      },
      select: { id: true },
    });
    const firstReportedAt = new Date(node.tokenCreatedAt.getTime() + 5 * MINUTE);
    await db.node.create({
      data: {
        operatorId: operator.id,
        name: `${name.toLowerCase().replace(/\W+/g, "-")}-${seq}`,
        nameSearch: `node-${seq}`,
        publicKey: `warning-sign-key-${process.pid}-${seq}`,
        region: "eu-west",
        enrolmentTokenId: token.id,
        firstReportedAt,
        firstReportedPrefix: node.prefix,
        telemetry: {
          create: {
            at: firstReportedAt,
            windowSeconds: 60,
            uptimeSeconds: 60,
            bytesUp: 0n,
            bytesDown: 0n,
            peers: 3,
            medianLatencyMs: 20,
            agent: "fixture",
            sourceAddress: node.sourceAddress,
            clusterPrefix: node.prefix,
          },
        },
      },
    });
  }
  return operator.id;
}

const ids: Record<string, string> = {};

/** A closed round with each voter's counted ballot written directly. */
async function insertClosedRound(
  db: Db,
  { number, closedAt, ballots }: { number: number; closedAt: Date; ballots: [string, string][] },
) {
  const round = await db.round.create({
    data: {
      number,
      state: "Closed",
      isOpen: null,
      opensAt: new Date(closedAt.getTime() - 7 * DAY),
      closesAt: closedAt,
      closedAt,
      rulesVersion: 1,
      creditsPerNode: 100,
      quorum: 0.2,
      metaSupermajority: 0.66,
      eligibleNodes: ballots.length,
      ballotCount: ballots.length,
    },
    select: { id: true },
  });
  for (const [index, [operatorId, allocations]] of ballots.entries()) {
    const ballot = await db.ballot.create({
      data: {
        roundId: round.id,
        seq: index + 1,
        operatorId,
        submittedAt: new Date(closedAt.getTime() - DAY),
        allocations,
        cost: 10n,
        prevReceipt: "",
        receipt: `receipt-${number}-${index}`,
        source: "web",
      },
      select: { id: true },
    });
    await db.roundVoter.create({
      data: { roundId: round.id, operatorId, eligibleNodes: 1, budget: 100n, countedBallotId: ballot.id },
    });
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, { networkName: "Warning signs", now: new Date(NOW.getTime() - 60 * DAY) });

  // The attack: five accounts in one hour, tokens minted two minutes apart, all reporting from one /24.
  for (const index of [0, 1, 2, 3, 4]) {
    ids[`sybil${index}`] = await insertAccount(db, {
      name: `Sybil ${index}`,
      createdAt: minutesAgo(3 * 24 * 60 - index * 10),
      nodes: [
        {
          tokenCreatedAt: minutesAgo(3 * 24 * 60 - 60 - index * 2),
          prefix: ATTACK_PREFIX,
          sourceAddress: ATTACK_ADDRESS,
        },
      ],
    });
  }
  // Honest sign-ups of the same hour (a workshop), each from a home network of its own.
  for (const index of [0, 1, 2, 3, 4]) {
    ids[`honest${index}`] = await insertAccount(db, {
      name: `Honest ${index}`,
      createdAt: minutesAgo(3 * 24 * 60 - index * 10),
      nodes: [
        {
          tokenCreatedAt: minutesAgo(3 * 24 * 60 - 60 - index * 2),
          prefix: `203.0.${113 + index}.0/24`,
          sourceAddress: `203.0.${113 + index}.9`,
        },
      ],
    });
  }
  // Long-standing operators, created weeks apart before the window, who happen to vote alike.
  for (const [index, days] of [40, 50].entries()) {
    ids[`veteran${index}`] = await insertAccount(db, {
      name: `Veteran ${index}`,
      createdAt: new Date(NOW.getTime() - days * DAY),
      nodes: [
        {
          tokenCreatedAt: new Date(NOW.getTime() - days * DAY),
          prefix: ATTACK_PREFIX,
          sourceAddress: "198.51.100.5",
        },
      ],
    });
  }

  const proposalA = await insertQueuedProposal(db, {
    authorId: ids.veteran0!,
    now: NOW,
    title: "Raise the upload reward",
    changes: [{ key: "reward.perGbUploaded", toValue: 1.5 }],
  });
  const proposalB = await insertQueuedProposal(db, {
    authorId: ids.veteran0!,
    now: NOW,
    title: "Lower the quorum",
    changes: [{ key: "gov.quorum", toValue: 0.3 }],
  });
  const attackBallot = JSON.stringify([
    { proposalId: proposalA, votes: 7 },
    { proposalId: proposalB, votes: -2 },
  ]);
  const popularBallot = JSON.stringify([{ proposalId: proposalA, votes: 3 }]);
  await insertClosedRound(db, {
    number: 1,
    closedAt: new Date(NOW.getTime() - DAY),
    ballots: [
      ...[0, 1, 2, 3, 4].map((index): [string, string] => [ids[`sybil${index}`]!, attackBallot]),
      ...[0, 1, 2, 3, 4].map((index): [string, string] => [
        ids[`honest${index}`]!,
        JSON.stringify([{ proposalId: proposalA, votes: index + 1 }]),
      ]),
      [ids.veteran0!, popularBallot],
      [ids.veteran1!, popularBallot],
    ],
  });
});

afterAll(async () => {
  await database.drop();
});

describe("getWarningSigns", () => {
  it("flags the five accounts of the attack as one group, and not the honest sign-ups of the same hour", async () => {
    const signs = await getWarningSigns(database.db, { days: 30, now: NOW });
    expect(signs).toMatchObject({ days: 30, since: new Date(NOW.getTime() - 30 * DAY), groupCount: 1 });
    expect(signs.accountsChecked).toBe(10);
    expect(signs.isAccountCheckCapped).toBe(false);
    const [group] = signs.groups;
    expect(group).toMatchObject({ clusterPrefix: ATTACK_PREFIX, accountCount: 5 });
    expect(group!.accounts.map((account) => account.displayName)).toEqual([
      "Sybil 0",
      "Sybil 1",
      "Sybil 2",
      "Sybil 3",
      "Sybil 4",
    ]);
    expect(group!.accounts[0]).toEqual({
      id: ids.sybil0,
      displayName: "Sybil 0",
      createdAt: minutesAgo(3 * 24 * 60),
      nodes: 1,
      nodesInCluster: 1,
    });
    expect(group!.accountsCreated).toEqual({
      from: minutesAgo(3 * 24 * 60),
      to: minutesAgo(3 * 24 * 60 - 40),
    });
    expect(group!.tokensCreated).toEqual({
      from: minutesAgo(3 * 24 * 60 - 60),
      to: minutesAgo(3 * 24 * 60 - 68),
    });
  });

  it("shows identical ballots of tied accounts with the round and the allocation, not the veterans' popular choice", async () => {
    const signs = await getWarningSigns(database.db, { days: 30, now: NOW });
    expect(signs.roundsChecked).toEqual([1]);
    expect(signs.identicalBallotCount).toBe(1);
    const [sign] = signs.identicalBallots;
    expect(sign).toMatchObject({
      roundNumber: 1,
      closedAt: new Date(NOW.getTime() - DAY),
      accountCount: 5,
      links: ["same-group", "created-together"],
    });
    expect(sign!.allocations.map(({ proposalTitle, votes }) => [proposalTitle, votes])).toEqual(
      expect.arrayContaining([
        ["Raise the upload reward", 7],
        ["Lower the quorum", -2],
      ]),
    );
    expect(sign!.accounts.map((account) => account.displayName)).toEqual([
      "Sybil 0",
      "Sybil 1",
      "Sybil 2",
      "Sybil 3",
      "Sybil 4",
    ]);
  });

  it("never carries a node's address, nor an account's email", async () => {
    const text = JSON.stringify(await getWarningSigns(database.db, { days: 90, now: NOW }));
    expect(text).toContain(ATTACK_PREFIX);
    for (const address of [ATTACK_ADDRESS, "198.51.100.5", "203.0.113.9"])
      expect(text).not.toContain(address);
    expect(text).not.toContain("@signs.example");
  });

  it("looks only at accounts created and rounds closed in the window", async () => {
    const lastDay = await getWarningSigns(database.db, { days: 1, now: NOW });
    expect(lastDay).toMatchObject({ accountsChecked: 0, groupCount: 0, groups: [], roundsChecked: [1] });
    const beforeTheRound = await getWarningSigns(database.db, {
      days: 30,
      now: new Date(NOW.getTime() - 2 * DAY),
    });
    expect(beforeTheRound).toMatchObject({ roundsChecked: [], identicalBallots: [], groupCount: 1 });
  });
});

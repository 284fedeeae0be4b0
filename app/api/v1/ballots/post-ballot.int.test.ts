import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "@/lib/schemas/node-protocol";
import { ballotReceiptSchema } from "@/lib/schemas/voting";
import { getDb } from "@/lib/server/platform/db";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { closeRound } from "@/lib/server/voting/close-round";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import {
  allowNodeBallots,
  insertQueuedProposal,
  insertVotingOperator,
  prepareVotingRound,
} from "@/lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { postBallotResponse } from "./post-ballot";
import { POST } from "./route";

const now = new Date("2026-12-01T12:00:00.000Z");
const nowSeconds = now.getTime() / 1000;
const PATH = "/api/v1/ballots";

let database: TestDatabase;
let round: OpenedRound;
/** Operator with two nodes (budget 200), operator with one node (budget 100). */
let pair: TestNode[];
let single: TestNode;
let proposalIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
  const prepared = await prepareVotingRound(database.db, {
    now,
    nodesPerOperator: [2, 1],
    proposals: [
      { title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } },
      { title: "Raise the quorum", changes: { "gov.quorum": 0.25 } },
    ],
  });
  [pair, [single]] = prepared.operators as [TestNode[], [TestNode]];
  proposalIds = prepared.proposalIds;
  // Who may send a ballot is node-ballot-permission.int.test.ts's subject; these nodes may.
  await allowNodeBallots(database.db, [...pair, single]);
  round = await openRound(database.db, { now });
});
afterAll(async () => {
  await (await getDb()).$disconnect();
  await database.drop();
});

function ballot(votes: number[], roundId = round.roundId): string {
  return JSON.stringify({
    roundId,
    allocations: votes.map((count, index) => ({ proposalId: proposalIds[index]!, votes: count })),
  });
}

interface SendOptions {
  body?: string;
  signer?: TestNode;
  timestamp?: number;
  sentBody?: string;
  at?: Date;
  /** As the front server writes it: the socket's address. */
  forwardedFor?: string;
}

function send(node: TestNode, options: SendOptions = {}): Promise<Response> {
  const { signer = node, body = ballot([1]), timestamp = nowSeconds, at = now } = options;
  const headers = signNodeRequest({
    privateKey: signer.privateKey,
    nodeId: signer.nodeId,
    method: "POST",
    path: PATH,
    body,
    timestamp,
  });
  const request = new Request(`http://localhost:3000${PATH}`, {
    method: "POST",
    headers: {
      ...headers,
      "content-type": "application/json",
      ...(options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {}),
    },
    body: options.sentBody ?? body,
  });
  return postBallotResponse(database.db, request, at);
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = errorBodySchema.strict().parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

const ballotsOf = (operatorId: string) =>
  database.db.ballot.findMany({
    where: { roundId: round.roundId, operatorId },
    orderBy: { seq: "asc" },
    select: {
      receipt: true,
      nodeId: true,
      source: true,
      cost: true,
      replacedAt: true,
      countsFor: true,
      sourcePrefix: true,
    },
  });

describe("POST /api/v1/ballots", () => {
  it("answers 200 with the receipt, cost and budget, counted as the operator's ballot; another of its nodes replaces it", async () => {
    const first = await send(pair[0]!, { body: ballot([10, -3]), forwardedFor: "198.51.100.23" });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const receipt = ballotReceiptSchema.strict().parse(await first.json());
    expect(receipt).toEqual({ receipt: expect.stringMatching(/^[0-9a-f]{64}$/), cost: 109, budget: 200 });

    const second = await send(pair[1]!, { body: ballot([14]), at: new Date(now.getTime() + 1000) });
    expect(second.status).toBe(200);
    const replacement = ballotReceiptSchema.strict().parse(await second.json());
    expect(replacement).toMatchObject({ cost: 196, budget: 200 });

    const stored = await ballotsOf(pair[0]!.operatorId);
    // The ballot keeps the network cluster it came from, never the address.
    expect(
      stored.map(({ receipt: r, nodeId, source, cost, sourcePrefix }) => ({
        r,
        nodeId,
        source,
        cost,
        sourcePrefix,
      })),
    ).toEqual([
      {
        r: receipt.receipt,
        nodeId: pair[0]!.nodeId,
        source: "node",
        cost: 109n,
        sourcePrefix: "198.51.100.0/24",
      },
      {
        r: replacement.receipt,
        nodeId: pair[1]!.nodeId,
        source: "node",
        cost: 196n,
        sourcePrefix: "unknown",
      },
    ]);
    expect(stored[0]!.replacedAt).not.toBeNull();
    expect(stored[0]!.countsFor).toBeNull();
    expect(stored[1]!.countsFor).not.toBeNull();
  });

  it("counts the node present in the hour an accepted ballot arrived, and a refused one not at all", async () => {
    const node = pair[0]!;
    const at = new Date(now.getTime() + 30_000);
    const hourStart = new Date("2026-12-01T12:00:00.000Z");
    const requests = async () =>
      (
        await database.db.nodeHourlyPresence.findUnique({
          where: { nodeId_hourStart: { nodeId: node.nodeId, hourStart } },
          select: { requests: true },
        })
      )?.requests ?? 0;
    const before = await requests();
    expect((await send(node, { body: ballot([2]), at, timestamp: at.getTime() / 1000 })).status).toBe(200);
    expect(await requests()).toBe(before + 1);
    await expectError(
      await send(node, { body: ballot([15]), at, timestamp: at.getTime() / 1000 }),
      422,
      "UNPROCESSABLE",
    );
    expect(await requests()).toBe(before + 1);
  });

  it("answers 422 naming the cost and the budget when the ballot costs more than the budget, and stores nothing", async () => {
    const message = await expectError(await send(single, { body: ballot([8, 7]) }), 422, "UNPROCESSABLE");
    expect(message).toMatch(/113/);
    expect(message).toMatch(/100/);
    expect(await ballotsOf(single.operatorId)).toEqual([]);
  });

  it("answers 422 once the round's closing time has passed", async () => {
    const message = await expectError(
      await send(single, {
        at: round.closesAt,
        timestamp: round.closesAt.getTime() / 1000,
      }),
      422,
      "UNPROCESSABLE",
    );
    expect(message).toContain("Round 1 closed");
  });

  it("answers 404 for an unknown round and 400 naming a bad field", async () => {
    await expectError(await send(single, { body: ballot([1], "no_such_round") }), 404, "NOT_FOUND");
    const message = await expectError(
      await send(single, {
        body: JSON.stringify({
          roundId: round.roundId,
          allocations: [{ proposalId: proposalIds[0], votes: 1.5 }],
        }),
      }),
      400,
      "BAD_INPUT",
    );
    expect(message).toMatch(/^allocations\.0\.votes: /);
  });

  it("answers 403 to a node whose operator had no eligible node when the round opened", async () => {
    const newcomer = await createTestNode(database.db, { name: "ballot-newcomer" });
    await allowNodeBallots(database.db, [newcomer]);
    const message = await expectError(await send(newcomer), 403, "FORBIDDEN");
    expect(message).toContain("eligible");
  });

  it("answers 401 to a wrong key, a tampered body and an unknown node, and stores nothing", async () => {
    const impostor = { ...single, privateKey: generateKeyPairSync("ed25519").privateKey };
    await expectError(await send(single, { signer: impostor }), 401, "UNAUTHENTICATED");
    const body = ballot([2]);
    await expectError(
      await send(single, { body, sentBody: body.replace('"votes":2', '"votes":9') }),
      401,
      "UNAUTHENTICATED",
    );
    await expectError(await send({ ...single, nodeId: "no_such_node" }), 401, "UNAUTHENTICATED");
    expect(await ballotsOf(single.operatorId)).toEqual([]);
  });

  it("answers 409 to a replay of the same signed request and stores one ballot", async () => {
    const body = ballot([3, 4]);
    expect((await send(single, { body })).status).toBe(200);
    await expectError(await send(single, { body }), 409, "CONFLICT");
    expect(await ballotsOf(single.operatorId)).toHaveLength(1);
  });

  it("answers 413 to a body over 64 KiB", async () => {
    const body = JSON.stringify({ roundId: round.roundId, allocations: [], padding: "x".repeat(65 * 1024) });
    await expectError(await send(single, { body }), 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers 422 after the round was closed", async () => {
    await closeRound(database.db, { now: new Date(now.getTime() + 60_000), roundId: round.roundId });
    const at = new Date(now.getTime() + 120_000);
    const message = await expectError(
      await send(single, { body: ballot([1, 1]), at, timestamp: at.getTime() / 1000 }),
      422,
      "UNPROCESSABLE",
    );
    expect(message).toContain("Round 1 closed");
  });

  it("is served by the route with the server clock", async () => {
    const serverNow = new Date();
    const latecomer = await insertVotingOperator(database.db, { now: serverNow, name: "Latecomer" });
    const voter = latecomer.nodes[0]!;
    await allowNodeBallots(database.db, [voter]);
    await insertQueuedProposal(database.db, {
      authorId: voter.operatorId,
      title: "Lower the upload reward",
      changes: [{ key: "reward.perGbUploaded", toValue: 0.8 }],
      now: serverNow,
    });
    const second = await openRound(database.db, { now: serverNow });
    const body = JSON.stringify({
      roundId: second.roundId,
      allocations: [{ proposalId: second.proposalIds[0], votes: 2 }],
    });
    const headers = signNodeRequest({
      privateKey: voter.privateKey,
      nodeId: voter.nodeId,
      method: "POST",
      path: PATH,
      body,
      timestamp: Math.floor(Date.now() / 1000),
    });
    const response = await POST(
      new Request(`http://plenum.example${PATH}`, { method: "POST", headers, body }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ cost: 4, budget: 100 });
  });
});

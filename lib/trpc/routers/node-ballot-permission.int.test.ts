/**
 * Hardening item 8: "a node key decides the operator's whole ballot". Only the nodes an operator allowed
 * may cast their ballot (POST /api/v1/ballots); a node without the permission is refused with 403 before
 * anything is stored or anything about the round is read; only the node's operator can allow it; and the
 * operator sees which node cast the ballot that counts.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeRequestPath } from "@/lib/domain/node-protocol/request-signing";
import { nodeMayNotVoteMessage } from "@/lib/domain/voting/node-ballot-permission";
import { errorBodySchema } from "@/lib/schemas/node-protocol";
import { ballotReceiptSchema } from "@/lib/schemas/voting";
import { handleRoute } from "@/lib/server/http/handle-route";
import { jsonResponse } from "@/lib/server/http/json-response";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import type { TestNode } from "@/lib/server/testing/create-test-node";
import { createTestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { prepareVotingRound } from "@/lib/server/testing/voting-fixtures";
import { castNodeBallot } from "@/lib/server/voting/cast-ballot";
import { openRound, type OpenedRound } from "@/lib/server/voting/open-round";
import { createCallerFactory, type SessionOperator } from "../init";
import { TEST_REQUEST_SETTINGS } from "../testing/router-test-setup";
import { appRouter } from "./_app";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const PUBLIC_URL = "https://plenum.example.org";
const PATH = "/api/v1/ballots";
const MINUTE_MS = 60_000;

let database: TestDatabase;
let round: OpenedRound;
let proposalIds: string[];
/** Alice's two nodes: she will allow `trusted`; `spare` stays without the permission. */
let trusted: TestNode;
let spare: TestNode;
let bobsNode: TestNode;
let alice: SessionOperator;
let bob: SessionOperator;

/** The route as served, minus reading the body: the service behind the protocol's error mapping. */
const postBallot = handleRoute(async (request: Request, now: Date) => {
  const receipt = await castNodeBallot(database.db, {
    headers: request.headers,
    method: request.method,
    path: nodeRequestPath(new URL(request.url)),
    bodyBytes: new Uint8Array(await request.arrayBuffer()),
    now,
    publicUrl: PUBLIC_URL,
    sourceAddress: "192.0.2.10",
  });
  return jsonResponse(200, receipt, { "cache-control": "no-store" });
});

function signedRequest(node: TestNode, body: string, at: Date): () => Request {
  const headers = signNodeRequest({
    privateKey: node.privateKey,
    nodeId: node.nodeId,
    method: "POST",
    path: PATH,
    body,
    timestamp: Math.floor(at.getTime() / 1000),
  });
  // A factory: the same signed bytes can be sent again (a Request's body is read once).
  return () =>
    new Request(`http://localhost:3000${PATH}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
    });
}

const ballot = (votes: number[], roundId = round.roundId) =>
  JSON.stringify({
    roundId,
    allocations: votes.map((count, index) => ({ proposalId: proposalIds[index]!, votes: count })),
  });

function callerAs(operator: SessionOperator | null, at: Date) {
  return createCallerFactory(appRouter)({
    db: database.db,
    now: () => at,
    operator,
    clientIp: "203.0.113.5",
    settings: TEST_REQUEST_SETTINGS,
  });
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function errorBody(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return errorBodySchema.strict().parse(await response.json());
}

/** Everything a ballot request could write: ballots, the round's chain head, tallies, voters, replay records, rate-limit counts. */
async function storedState() {
  const { db } = database;
  const [ballots, rounds, tallies, voters, replays, buckets] = await Promise.all([
    db.ballot.findMany({ orderBy: [{ roundId: "asc" }, { seq: "asc" }] }),
    db.round.findMany({ orderBy: { id: "asc" }, select: { id: true, ballotCount: true, headReceipt: true } }),
    db.roundProposal.findMany({ orderBy: [{ roundId: "asc" }, { proposalId: "asc" }] }),
    db.roundVoter.findMany({ orderBy: [{ roundId: "asc" }, { operatorId: "asc" }] }),
    db.nodeRequestReplay.findMany({ orderBy: { signatureHash: "asc" } }),
    db.rateLimitBucket.findMany({ orderBy: { key: "asc" } }),
  ]);
  return { ballots, rounds, tallies, voters, replays, buckets };
}

const mayVote = async (node: TestNode) =>
  (await database.db.node.findUniqueOrThrow({ where: { id: node.nodeId }, select: { mayVote: true } }))
    .mayVote;

beforeAll(async () => {
  database = await createTestDatabase();
  const prepared = await prepareVotingRound(database.db, {
    now: NOW,
    nodesPerOperator: [2, 1],
    proposals: [
      { title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } },
      { title: "Raise the quorum", changes: { "gov.quorum": 0.25 } },
    ],
  });
  [[trusted, spare], [bobsNode]] = prepared.operators as [[TestNode, TestNode], [TestNode]];
  proposalIds = prepared.proposalIds;
  const session = async (node: TestNode): Promise<SessionOperator> => {
    const operator = await database.db.operator.findUniqueOrThrow({
      where: { id: node.operatorId },
      select: { id: true, displayName: true, email: true },
    });
    return { ...operator, role: "operator" };
  };
  alice = await session(trusted);
  bob = await session(bobsNode);
  round = await openRound(database.db, { now: NOW });
  // Alice votes on the web: the ballot a stolen node key would replace.
  await callerAs(alice, new Date(NOW.getTime() + MINUTE_MS)).rounds.castBallot({
    roundId: round.roundId,
    allocations: [{ proposalId: proposalIds[0]!, votes: 5 }],
  });
});
afterAll(async () => {
  await database.drop();
});

describe("a node its operator has not allowed to cast ballots", () => {
  it("starts without the permission, like every node enrolled from now on", async () => {
    expect(await mayVote(trusted)).toBe(false);
    expect(await mayVote(spare)).toBe(false);
    const { nodes } = await callerAs(alice, NOW).myNodes.list();
    expect(nodes.map((node) => node.mayVote)).toEqual([false, false]);
  });

  it("is refused with 403 and the standard error body naming the node's page, and nothing is stored", async () => {
    const before = await storedState();
    const at = new Date(NOW.getTime() + 2 * MINUTE_MS);
    const body = await errorBody(await postBallot(signedRequest(trusted, ballot([14]), at)(), at), 403);
    expect(body).toEqual({
      error: {
        code: "FORBIDDEN",
        message: nodeMayNotVoteMessage({ publicUrl: PUBLIC_URL, nodeId: trusted.nodeId }),
      },
    });
    expect(body.error.message).toBe(
      `This node may not cast ballots for its operator. Its operator can allow it on the node's page: ${PUBLIC_URL}/nodes/${trusted.nodeId} (signed in, tick "This node may cast ballots for me"). Nothing was stored: the operator's ballot that counts is unchanged.`,
    );
    // No ballot, no receipt chained, no tally moved, no replay record, no rate-limit count.
    expect(await storedState()).toEqual(before);
    const mine = await callerAs(alice, at).rounds.myBallot({});
    expect(mine).toMatchObject({
      isEligible: true,
      ballot: { source: "web", node: null, cost: 25, nodeReplacedWebBallot: false },
    });
  });

  it("learns nothing about the round: every ballot it could send gets the same answer", async () => {
    const at = new Date(NOW.getTime() + 3 * MINUTE_MS);
    const before = await storedState();
    const bodies = [
      ballot([1]), // a ballot that would be stored
      ballot([1], "no_such_round"), // 404 for an allowed node
      ballot([15, 15]), // over budget: 422 naming the budget
      JSON.stringify({ roundId: round.roundId, allocations: [{ proposalId: "not-in-round", votes: 1 }] }),
      JSON.stringify({ roundId: round.roundId, allocations: [{ proposalId: proposalIds[0], votes: 1.5 }] }),
      "not json",
    ];
    const answers = await Promise.all(
      bodies.map(async (body, index) => {
        const sent = new Date(at.getTime() + index * 1000);
        return errorBody(await postBallot(signedRequest(spare, body, sent)(), sent), 403);
      }),
    );
    const expected = {
      error: {
        code: "FORBIDDEN",
        message: nodeMayNotVoteMessage({ publicUrl: PUBLIC_URL, nodeId: spare.nodeId }),
      },
    };
    for (const answer of answers) expect(answer).toEqual(expected);

    // A node whose operator has no vote in the round hears the same, not that it has no budget.
    const outsider = await createTestNode(database.db, { name: "ballot-outsider" });
    expect(await errorBody(await postBallot(signedRequest(outsider, ballot([1]), at)(), at), 403)).toEqual({
      error: {
        code: "FORBIDDEN",
        message: nodeMayNotVoteMessage({ publicUrl: PUBLIC_URL, nodeId: outsider.nodeId }),
      },
    });
    expect(await storedState()).toEqual(before);
  });

  it("is still checked after the signature: a wrong key or an unknown node gets 401, as before", async () => {
    const at = new Date(NOW.getTime() + 4 * MINUTE_MS);
    const impostor = { ...trusted, privateKey: spare.privateKey };
    expect(
      (await errorBody(await postBallot(signedRequest(impostor, ballot([1]), at)(), at), 401)).error.code,
    ).toBe("UNAUTHENTICATED");
    const unknown = { ...trusted, nodeId: "no_such_node" };
    expect(
      (await errorBody(await postBallot(signedRequest(unknown, ballot([1]), at)(), at), 401)).error.code,
    ).toBe("UNAUTHENTICATED");
  });
});

describe("only the node's operator can allow it", () => {
  it("refuses anyone else: another operator is told there is no such node, an anonymous caller to sign in", async () => {
    const at = new Date(NOW.getTime() + 5 * MINUTE_MS);
    const error = await rejection(
      callerAs(bob, at).myNodes.setMayVote({ nodeId: trusted.nodeId, mayVote: true }),
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(error.code);
    expect(error.message).toMatch(/You have no node with this id/);
    expect((await rejection(callerAs(bob, at).myNodes.byId({ nodeId: trusted.nodeId }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await rejection(callerAs(null, at).myNodes.setMayVote({ nodeId: trusted.nodeId, mayVote: true })))
        .code,
    ).toBe("UNAUTHORIZED");
    expect(await mayVote(trusted)).toBe(false);
    // The node is still refused.
    const sent = new Date(at.getTime() + 1000);
    await errorBody(await postBallot(signedRequest(trusted, ballot([14]), sent)(), sent), 403);
  });

  it("refuses a bad input with the field named", async () => {
    const error = await rejection(
      callerAs(alice, new Date(NOW.getTime() + 6 * MINUTE_MS)).myNodes.setMayVote({
        nodeId: trusted.nodeId,
        mayVote: "yes" as unknown as boolean,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/mayVote/);
  });
});

describe("once its operator allows the node", () => {
  it("accepts the very request it refused (nothing was recorded then) and counts it as the operator's ballot", async () => {
    const refusedAt = new Date(NOW.getTime() + 7 * MINUTE_MS);
    const request = signedRequest(trusted, ballot([12, -5]), refusedAt);
    await errorBody(await postBallot(request(), refusedAt), 403);

    const allowed = await callerAs(alice, refusedAt).myNodes.setMayVote({
      nodeId: trusted.nodeId,
      mayVote: true,
    });
    expect(allowed).toMatchObject({ id: trusted.nodeId, mayVote: true, status: "Active" });
    expect(await mayVote(trusted)).toBe(true);
    expect(await mayVote(spare)).toBe(false);
    expect((await callerAs(alice, refusedAt).myNodes.byId({ nodeId: trusted.nodeId })).mayVote).toBe(true);

    const accepted = await postBallot(request(), new Date(refusedAt.getTime() + 1000));
    expect(accepted.status).toBe(200);
    const receipt = ballotReceiptSchema.strict().parse(await accepted.json());
    expect(receipt).toMatchObject({ cost: 169, budget: 200 });
    const counted = await database.db.ballot.findUniqueOrThrow({
      where: { receipt: receipt.receipt },
      select: { source: true, nodeId: true, replacedAt: true },
    });
    expect(counted).toEqual({ source: "node", nodeId: trusted.nodeId, replacedAt: null });
  });

  it("shows the operator which node cast the ballot that counts, and that it replaced their web ballot", async () => {
    const at = new Date(NOW.getTime() + 8 * MINUTE_MS);
    const mine = await callerAs(alice, at).rounds.myBallot({});
    if (!mine.isEligible || !mine.ballot) throw new Error("Alice should have a counted ballot");
    const name = (
      await database.db.node.findUniqueOrThrow({ where: { id: trusted.nodeId }, select: { name: true } })
    ).name;
    expect(mine.ballot).toMatchObject({
      source: "node",
      node: { id: trusted.nodeId, name },
      cost: 169,
      replaced: { source: "web", node: null, submittedAt: new Date(NOW.getTime() + MINUTE_MS) },
      nodeReplacedWebBallot: true,
    });
    // While the round is open, nothing places the ballot in the round.
    expect(mine.ballot).not.toHaveProperty("seq");
    // Bob sees his own ballot only, and has none.
    expect(await callerAs(bob, at).rounds.myBallot({})).toMatchObject({ isEligible: true, ballot: null });
  });

  it("stops the node again when the permission is withdrawn, leaving the counted ballot as it was", async () => {
    const at = new Date(NOW.getTime() + 9 * MINUTE_MS);
    expect(
      await callerAs(alice, at).myNodes.setMayVote({ nodeId: trusted.nodeId, mayVote: false }),
    ).toMatchObject({ mayVote: false });
    const before = await storedState();
    const sent = new Date(at.getTime() + 1000);
    await errorBody(await postBallot(signedRequest(trusted, ballot([1]), sent)(), sent), 403);
    expect(await storedState()).toEqual(before);
  });

  it("counts each change against the operator's node-change limit", async () => {
    const at = new Date(NOW.getTime() + 30 * MINUTE_MS);
    for (let change = 0; change < RATE_LIMITS.nodeChange.limit; change += 1) {
      await callerAs(bob, at).myNodes.setMayVote({ nodeId: bobsNode.nodeId, mayVote: change % 2 === 0 });
    }
    const error = await rejection(
      callerAs(bob, at).myNodes.setMayVote({ nodeId: bobsNode.nodeId, mayVote: true }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(await mayVote(bobsNode)).toBe(RATE_LIMITS.nodeChange.limit % 2 === 0 ? false : true);
  });
});

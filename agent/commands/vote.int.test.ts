import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFetchRequest } from "@/lib/server/testing/fetch-request";
import { nodeRequestPath } from "../../lib/domain/node-protocol/request-signing";
import { clientIpFrom } from "../../lib/server/http/client-ip";
import { errorResponse } from "../../lib/server/http/error-response";
import { handleRoute } from "../../lib/server/http/handle-route";
import { jsonResponse } from "../../lib/server/http/json-response";
import type { TestNode } from "../../lib/server/testing/create-test-node";
import { setNodeMayVote } from "../../lib/server/nodes/operator-node-commands";
import { castNodeBallot } from "../../lib/server/voting/cast-ballot";
import { closeRound } from "../../lib/server/voting/close-round";
import { openRound, type OpenedRound } from "../../lib/server/voting/open-round";
import { getCurrentRoundForNodes } from "../../lib/server/voting/round-export-queries";
import { prepareVotingRound } from "../../lib/server/testing/voting-fixtures";
import { createTestDatabase, type TestDatabase } from "../../lib/server/testing/test-database";
import { main } from "../cli";
import { close, listen } from "../endpoint-server";
import { writeSecretFile } from "../key-file";
import { writeStateFile } from "../state-file";

const PUBLIC_URL = "https://plenum.example.org";
let database: TestDatabase;
let server: Server;
let directory: string;
let round: OpenedRound;
let voter: TestNode;
let proposalIds: string[];
const files = { key: "", state: "" };

/** The platform's two voting endpoints on loopback: its services behind its error mapping, on the real clock. */
const platform = handleRoute(async (request: Request) => {
  const url = new URL(request.url);
  if (request.method === "GET" && url.pathname === "/api/v1/rounds/current") {
    return jsonResponse(200, await getCurrentRoundForNodes(database.db, { now: new Date() }));
  }
  if (request.method === "POST" && url.pathname === "/api/v1/ballots") {
    const receipt = await castNodeBallot(database.db, {
      headers: request.headers,
      method: request.method,
      path: nodeRequestPath(url),
      bodyBytes: new Uint8Array(await request.arrayBuffer()),
      now: new Date(),
      publicUrl: PUBLIC_URL,
      sourceAddress: clientIpFrom(request, { trustProxy: false }),
    });
    return jsonResponse(200, receipt);
  }
  return errorResponse(404, "NOT_FOUND", "no such endpoint");
});

beforeAll(async () => {
  database = await createTestDatabase();
  const now = new Date();
  const prepared = await prepareVotingRound(database.db, {
    now,
    nodesPerOperator: [1],
    proposals: [
      { title: "Raise the upload reward", changes: { "reward.perGbUploaded": 1.5 } },
      { title: "Raise the quorum", changes: { "gov.quorum": 0.25 } },
    ],
  });
  voter = prepared.operators[0]![0]!;
  proposalIds = prepared.proposalIds;
  round = await openRound(database.db, { now });

  server = createServer((incoming, outgoing) => {
    void toFetchRequest(incoming, { forwardedFor: "socket" })
      .then(platform)
      .then(async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      });
  });
  const port = await listen(server, 0, "127.0.0.1");

  directory = mkdtempSync(path.join(tmpdir(), "plenum-vote-"));
  files.key = path.join(directory, "node.key");
  files.state = path.join(directory, "node.json");
  writeSecretFile(files.key, voter.privateKey.export({ format: "pem", type: "pkcs8" }).toString(), {
    isOverwrite: false,
  });
  writeStateFile(files.state, {
    nodeId: voter.nodeId,
    server: `http://127.0.0.1:${port}`,
    networkId: "net_test",
    platformPublicKey: "unused",
    keyId: "unused",
    webhookSecret: "whsec_c2VjcmV0",
    name: "voter",
    endpointUrl: "http://127.0.0.1:1/",
    enrolledAt: new Date().toISOString(),
    // The address the node reports from (its network): the ballot must leave from it too.
    sourceAddress: "127.12.34.5",
  });
});
afterAll(async () => {
  if (server) await close(server);
  if (directory) rmSync(directory, { recursive: true, force: true });
  await database?.drop();
});

async function agentVote(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ["vote", "--key", files.key, "--state", files.state, ...args],
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    new AbortController().signal,
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("agent vote against the platform on loopback", () => {
  it("prints the platform's refusal, naming the node's page, while the operator has not allowed the node to vote", async () => {
    const result = await agentVote("--proposal", proposalIds[0]!, "--votes", "1");
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `Vote failed: This node may not cast ballots for its operator. Its operator can allow it on the node's page: ${PUBLIC_URL}/nodes/${voter.nodeId} (signed in, tick "This node may cast ballots for me"). Nothing was stored: the operator's ballot that counts is unchanged.`,
    );
    expect(await database.db.ballot.count()).toBe(0);
    await setNodeMayVote(database.db, { operatorId: voter.operatorId, nodeId: voter.nodeId, mayVote: true });
  });

  it("finds the open round, sends a signed ballot with negative votes and prints the receipt, cost and budget", async () => {
    const [a, b] = proposalIds as [string, string];
    const result = await agentVote("--proposal", a, "--votes", "3", "--proposal", b, "--votes", "-2");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Round ${round.roundId} is open until ${round.closesAt.toISOString()}.`);
    expect(result.out).toContain("Cost: 13 of 100 voice credits (87 left).");
    const receipt = /Receipt: ([0-9a-f]{64})/.exec(result.out)?.[1];
    const stored = await database.db.ballot.findUniqueOrThrow({
      where: { receipt },
      select: { operatorId: true, nodeId: true, source: true, sourcePrefix: true, allocations: true },
    });
    expect(stored).toEqual({
      operatorId: voter.operatorId,
      nodeId: voter.nodeId,
      source: "node",
      sourcePrefix: "127.12.34.0/24",
      allocations: JSON.stringify(
        [
          { proposalId: a, votes: 3 },
          { proposalId: b, votes: -2 },
        ].sort((x, y) => (x.proposalId < y.proposalId ? -1 : 1)),
      ),
    });
  });

  it("sends from --source-address when given instead of the address the node reports from", async () => {
    const result = await agentVote(
      ...["--source-address", "127.56.78.9", "--proposal", proposalIds[0]!, "--votes", "1"],
    );
    expect(result.err).toBe("");
    const receipt = /Receipt: ([0-9a-f]{64})/.exec(result.out)?.[1];
    expect(
      await database.db.ballot.findUniqueOrThrow({ where: { receipt }, select: { sourcePrefix: true } }),
    ).toEqual({ sourcePrefix: "127.56.78.0/24" });
  });

  it("with --round sends to that round; a ballot over budget fails with the platform's reason and exit code 1", async () => {
    const result = await agentVote("--round", round.roundId, "--proposal", proposalIds[0]!, "--votes", "11");
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toMatch(/^Vote failed: the platform refused the ballot: .*121.*100/);
  });

  it("says no round is open, with exit code 1, once the round has closed", async () => {
    await closeRound(database.db, { now: new Date(), roundId: round.roundId });
    const result = await agentVote("--proposal", proposalIds[0]!, "--votes", "1");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Vote failed: No voting round is open\. Round 1 closed at /);
  });
});

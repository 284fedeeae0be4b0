import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { verifyNodeRequest } from "@/lib/server/nodes/verify-node-request";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { nodeRequestHeaders } from "./node-request-signature";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const timestamp = Math.floor(NOW.getTime() / 1000);

let database: TestDatabase;
let node: TestNode;
beforeAll(async () => {
  database = await createTestDatabase();
  node = await createTestNode(database.db, { name: "agent-signature" });
});
afterAll(() => database?.drop());

function agentRequest(body: string, path = `/api/v1/nodes/${node.nodeId}/telemetry`) {
  return {
    path,
    body,
    headers: nodeRequestHeaders({
      method: "POST",
      path,
      body,
      timestamp,
      nodeId: node.nodeId,
      privateKey: node.privateKey,
    }),
  };
}

describe("the agent's self-contained request signing", () => {
  it("verifies with the platform's verifier", async () => {
    const { path, body, headers } = agentRequest(JSON.stringify({ at: NOW.toISOString(), bytesUp: 1 }));
    await expect(
      verifyNodeRequest(database.db, {
        headers: new Headers(headers),
        method: "POST",
        path,
        bodyBytes: Buffer.from(body, "utf8"),
        now: NOW,
        expectedNodeId: node.nodeId,
      }),
    ).resolves.toEqual({ nodeId: node.nodeId, operatorId: node.operatorId });
  });

  it("is byte-for-byte the server's signer's output (Ed25519 is deterministic), for non-ASCII bodies too", () => {
    const body = JSON.stringify({ agent: "plenum-agent/0.1.0 ünïcødé ✓" });
    const path = `/api/v1/nodes/${node.nodeId}/telemetry`;
    const input = { method: "POST", path, body, timestamp, nodeId: node.nodeId, privateKey: node.privateKey };
    expect(nodeRequestHeaders(input)).toEqual(signNodeRequest(input));
  });

  it("does not verify for a tampered body", async () => {
    const { path, headers } = agentRequest('{"bytesUp":1}');
    await expect(
      verifyNodeRequest(database.db, {
        headers: new Headers(headers),
        method: "POST",
        path,
        bodyBytes: Buffer.from('{"bytesUp":2}', "utf8"),
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeRequestPath } from "../lib/domain/node-protocol/request-signing";
import { clientIpFrom } from "../lib/server/http/client-ip";
import { errorResponse } from "../lib/server/http/error-response";
import { handleRoute } from "../lib/server/http/handle-route";
import { jsonResponse } from "../lib/server/http/json-response";
import { createTestNode, type TestNode } from "../lib/server/testing/create-test-node";
import { toFetchRequest } from "../lib/server/testing/fetch-request";
import { createTestDatabase, type TestDatabase } from "../lib/server/testing/test-database";
import { recordTelemetry } from "../lib/server/telemetry/record-telemetry";
import { close, listen, NOTHING_HELD } from "./endpoint-server";
import { createPlatformClient } from "./protocol/platform-client";
import { createReporter } from "./reporter";
import { peerCountersSource } from "./telemetry-source";

let database: TestDatabase;
let server: Server;
let origin: string;
let directory: string;

/** The platform's telemetry endpoint on loopback: the service behind its error mapping, on the real clock. */
const platform = handleRoute(async (request: Request) => {
  const url = new URL(request.url);
  const nodeId = /^\/api\/v1\/nodes\/([^/]+)\/telemetry$/.exec(url.pathname)?.[1];
  if (request.method !== "POST" || !nodeId) return errorResponse(404, "NOT_FOUND", "no such endpoint");
  const { nextReportInSeconds } = await recordTelemetry(database.db, {
    nodeId,
    headers: request.headers,
    method: request.method,
    path: nodeRequestPath(url),
    bodyBytes: new Uint8Array(await request.arrayBuffer()),
    now: new Date(),
    sourceAddress: clientIpFrom(request, { trustProxy: false }),
  });
  return jsonResponse(202, { nextReportInSeconds });
});

beforeAll(async () => {
  database = await createTestDatabase();
  server = createServer((incoming, outgoing) => {
    void toFetchRequest(incoming, { forwardedFor: "socket" })
      .then(platform)
      .then(async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      });
  });
  origin = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  directory = mkdtempSync(path.join(tmpdir(), "plenum-peer-counters-"));
});
afterAll(async () => {
  if (server) await close(server);
  if (directory) rmSync(directory, { recursive: true, force: true });
  await database?.drop();
});

/** Writes the counters file as node software should: a temporary file renamed over it. */
function writeCounters(file: string, peers: Record<string, [bytesUp: number, bytesDown: number]>) {
  const entries = Object.entries(peers).map(([id, [bytesUp, bytesDown]]) => [id, { bytesUp, bytesDown }]);
  writeFileSync(`${file}.tmp`, JSON.stringify({ peers: Object.fromEntries(entries) }));
  renameSync(`${file}.tmp`, file);
}

/** The reference agent's reporter for `node`, its traffic read from `file`. */
function agentOf(node: TestNode, file: string) {
  return createReporter({
    client: createPlatformClient({ server: origin }),
    nodeId: node.nodeId,
    privateKey: node.privateKey,
    source: peerCountersSource({ file }),
    held: () => NOTHING_HELD,
    startedAtMs: Date.now() - 1_000,
  });
}

describe("agent run --peer-counters against the platform", () => {
  it("reports each peer's exchanges since the agent started, which the platform keeps per node and day", async () => {
    const alpha = await createTestNode(database.db, { name: "counters-alpha" });
    const beta = await createTestNode(database.db, { name: "counters-beta" });
    const alphaFile = path.join(directory, "alpha.json");
    const betaFile = path.join(directory, "beta.json");
    // Counters from before the agents started are not reported.
    writeCounters(alphaFile, { [beta.nodeId]: [1_000_000, 20_000] });
    writeCounters(betaFile, {});
    const alphaReports = agentOf(alpha, alphaFile);
    const betaReports = agentOf(beta, betaFile);

    writeCounters(alphaFile, { [beta.nodeId]: [1_400_000, 20_500], [alpha.nodeId]: [9, 9] });
    writeCounters(betaFile, { [alpha.nodeId]: [500, 400_000] });
    await alphaReports();
    await betaReports();

    const rows = await database.db.nodePeerDayTraffic.findMany({
      select: { nodeId: true, peerNodeId: true, bytesUp: true, bytesDown: true },
    });
    expect(rows.sort((a, b) => (a.nodeId === alpha.nodeId ? -1 : b.nodeId === alpha.nodeId ? 1 : 0))).toEqual(
      [
        // The node itself in its counters is never reported.
        { nodeId: alpha.nodeId, peerNodeId: beta.nodeId, bytesUp: 400_000n, bytesDown: 500n },
        { nodeId: beta.nodeId, peerNodeId: alpha.nodeId, bytesUp: 500n, bytesDown: 400_000n },
      ],
    );
    const samples = await database.db.telemetrySample.findMany({
      where: { nodeId: alpha.nodeId },
      select: { bytesUp: true, bytesDown: true, peers: true },
    });
    expect(samples).toEqual([{ bytesUp: 400_009n, bytesDown: 509n, peers: 2 }]);
  });
});

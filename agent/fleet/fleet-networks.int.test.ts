/**
 * The demo fleet's network clusters, end to end: the fleet enrols and reports over real HTTP to the
 * platform's node protocol routes on loopback, behind a front server that records the socket's address
 * in x-forwarded-for as scripts/web-server.ts does; the platform's records must show LargeCorp's nodes
 * in one /24 and every other operator in a /24 of its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFetchRequest } from "@/lib/server/testing/fetch-request";
import { postChallengeResponse } from "../../app/api/v1/nodes/challenge/post-challenge";
import { postRegisterResponse } from "../../app/api/v1/nodes/register/post-register";
import { postTelemetryResponse } from "../../app/api/v1/nodes/[nodeId]/telemetry/post-telemetry";
import { getNetworkResponse } from "../../app/api/v1/network/get-network";
import { networkPrefix } from "../../lib/domain/clusters/network-prefix";
import { ensurePlatform, getNetworkInfo } from "../../lib/server/platform/ensure-platform";
import { createLogger } from "../../lib/server/platform/logger";
import { createTestDatabase, type TestDatabase } from "../../lib/server/testing/test-database";
import { close, listen } from "../endpoint-server";
import { readStateFile } from "../state-file";
import { loadFleetOperators, mintFleetTokens } from "./demo-operators";
import { runFleet } from "./run-fleet";

const LARGE = "large@demo.example";
const ORDINARY = ["ana@demo.example", "ben@demo.example", "cai@demo.example", "dee@demo.example"];
const NODES = 12;

let database: TestDatabase;
let server: Server;
let origin = "";
let directory = "";
/** Nodes whose telemetry the platform accepted; the fleet stops once every node has reported. */
const reported = new Set<string>();
let stop = new AbortController();

async function route(request: Request): Promise<Response> {
  const { db } = database;
  const { pathname } = new URL(request.url);
  const now = new Date();
  const options = { now, trustProxy: false };
  if (pathname === "/api/v1/network") return getNetworkResponse(db);
  if (pathname === "/api/v1/nodes/challenge") return postChallengeResponse(db, request, options);
  if (pathname === "/api/v1/nodes/register") {
    return postRegisterResponse(db, request, { ...options, allowPrivateEndpoints: false });
  }
  const nodeId = /^\/api\/v1\/nodes\/([^/]+)\/telemetry$/.exec(pathname)?.[1];
  if (nodeId) {
    const response = await postTelemetryResponse(db, request, Promise.resolve({ nodeId }), now, false);
    if (response.status === 202) reported.add(nodeId);
    if (reported.size === NODES) stop.abort();
    return response;
  }
  return new Response(JSON.stringify({ error: { code: "NOT_FOUND", message: pathname } }), { status: 404 });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Fleet networks", now: new Date() });
  await database.db.operator.createMany({
    data: [
      { displayName: "LargeCorp Hosting", email: LARGE, region: "eu-central" },
      ...ORDINARY.map((email, i) => ({ displayName: `Operator ${i}`, email, region: "eu-west" })),
    ],
  });
  server = createServer((incoming, outgoing) => {
    void toFetchRequest(incoming, { forwardedFor: "socket" })
      .then(route)
      .then(async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      });
  });
  // On Linux a client bound to any address of 127.0.0.0/8 reaches 127.0.0.1; "localhost" as in `npm start`.
  origin = `http://localhost:${await listen(server, 0, "127.0.0.1")}`;
  directory = mkdtempSync(path.join(tmpdir(), "plenum-fleet-networks-"));
});

afterAll(async () => {
  if (server) await close(server);
  if (directory) rmSync(directory, { recursive: true, force: true });
  await database?.drop();
});

async function runUntilEveryNodeReported() {
  stop = new AbortController();
  reported.clear();
  await runFleet({
    server: origin,
    nodes: NODES,
    directory,
    seed: 5,
    concurrency: 3,
    firstReportSpreadMs: 0,
    log: createLogger({ write: () => {} }),
    signal: stop.signal,
    planOperators: async () => {
      const operators = await loadFleetOperators(database.db);
      const ordinaryEmails = operators.ordinaryEmails.filter((email) => email !== LARGE);
      return { ...operators, ordinaryEmails, preferredEmails: [] };
    },
    mintTokens: async (uses) => {
      const { idByEmail } = await loadFleetOperators(database.db);
      return mintFleetTokens(database.db, { uses, idByEmail, now: new Date() });
    },
  });
}

describe("the demo fleet on loopback", { timeout: 60_000 }, () => {
  it("reports LargeCorp's nodes from one /24 and every other operator's from a /24 of its own", async () => {
    await runUntilEveryNodeReported();
    const nodes = await database.db.node.findMany({
      select: {
        id: true,
        firstReportedPrefix: true,
        operator: { select: { email: true } },
        telemetry: { select: { sourceAddress: true, clusterPrefix: true } },
      },
    });
    expect(nodes).toHaveLength(NODES);
    const prefixesOf = new Map<string, Set<string>>();
    for (const node of nodes) {
      expect(node.telemetry.length).toBeGreaterThan(0);
      const prefixes = new Set(node.telemetry.map((sample) => sample.clusterPrefix!));
      expect(prefixes.size).toBe(1);
      const [prefix] = prefixes;
      expect(node.firstReportedPrefix).toBe(prefix);
      for (const { sourceAddress } of node.telemetry) {
        expect(sourceAddress).toMatch(/^127\.\d+\.\d+\.\d+$/);
        expect(networkPrefix(sourceAddress!, { v4Bits: 24, v6Bits: 48 })).toBe(prefix);
      }
      const email = node.operator.email;
      prefixesOf.set(email, (prefixesOf.get(email) ?? new Set()).add(prefix!));
    }
    expect(prefixesOf.get(LARGE)).toEqual(new Set(["127.10.0.0/24"]));
    const others = [...prefixesOf].filter(([email]) => email !== LARGE);
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const [, prefixes] of others) expect(prefixes.size).toBe(1);
    const otherPrefixes = others.flatMap(([, prefixes]) => [...prefixes]);
    expect(new Set(otherPrefixes).size).toBe(others.length);
    expect(otherPrefixes).not.toContain("127.10.0.0/24");

    // Each node's state file keeps the address it reports from: `agent vote` with it sends from there.
    const addresses = await database.db.telemetrySample.findMany({
      select: { nodeId: true, sourceAddress: true },
    });
    const { networkId } = await getNetworkInfo(database.db);
    for (let index = 0; index < NODES; index += 1) {
      const state = readStateFile(path.join(directory, networkId, `node-${index}.json`));
      const sample = addresses.find((row) => row.nodeId === state.nodeId)!;
      expect(state.sourceAddress).toBe(sample.sourceAddress);
    }
  });

  it("names its fleet peers in other /24s in its reports, and the platform stores both sides of each exchange", async () => {
    const rows = await database.db.nodePeerDayTraffic.findMany({
      select: { nodeId: true, peerNodeId: true, bytesUp: true, bytesDown: true },
    });
    const nodes = await database.db.node.findMany({ select: { id: true, firstReportedPrefix: true } });
    const prefixOf = new Map(nodes.map((node) => [node.id, node.firstReportedPrefix]));
    expect(new Set(rows.map((row) => row.nodeId))).toEqual(new Set(prefixOf.keys()));
    const named = new Set(rows.map((row) => `${row.nodeId}>${row.peerNodeId}`));
    for (const row of rows) {
      expect(prefixOf.has(row.peerNodeId)).toBe(true);
      expect(row.peerNodeId).not.toBe(row.nodeId);
      expect(prefixOf.get(row.peerNodeId)).not.toBe(prefixOf.get(row.nodeId));
      expect(row.bytesUp + row.bytesDown).toBeGreaterThan(0n);
      // Each side reports its own window, so the bytes differ a little; who trades with whom does not.
      expect(named.has(`${row.peerNodeId}>${row.nodeId}`)).toBe(true);
    }
  });

  it("reports from the same addresses after a restart", async () => {
    const before = await database.db.telemetrySample.findMany({
      select: { nodeId: true, sourceAddress: true },
    });
    const addressOf = new Map(before.map((row) => [row.nodeId, row.sourceAddress]));
    const since = new Date();
    await runUntilEveryNodeReported();
    const after = await database.db.telemetrySample.findMany({
      where: { receivedAt: { gte: since } },
      select: { nodeId: true, sourceAddress: true },
    });
    expect(new Set(after.map((row) => row.nodeId)).size).toBe(NODES);
    for (const row of after) expect(row.sourceAddress).toBe(addressOf.get(row.nodeId));
    expect(await database.db.node.count()).toBe(NODES);
  });
});

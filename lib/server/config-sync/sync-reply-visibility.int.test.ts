/**
 * Security issue #19, item 1: what a node's endpoint sent back (the reply excerpt, and the node's own
 * words inside an error) is shown only to the node's operator and to stewards and admins. Anonymous
 * visitors and other operators see parsed protocol fields and a public error category.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { close, listen } from "@/agent/endpoint-server";
import { createRandom } from "@/lib/domain/random";
import type { SyncViewer } from "@/lib/domain/sync/retry-now";
import { createLogger } from "@/lib/server/platform/logger";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { insertOperatorWithRole } from "@/lib/server/testing/sync-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { startNodeSync } from "./node-sync-commands";
import { runSyncPass } from "./sync-engine";
import { listSyncAttempts, listSyncNodes } from "./sync-queries";

const SECRET = "AKIA-stand-in-secret-7d2e";

let database: TestDatabase;
let secretService: Server;
let owner: SyncViewer;
let other: SyncViewer;
let steward: SyncViewer;
let admin: SyncViewer;
let nodeId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await ensurePlatform(db, { networkName: "Reply visibility", now: new Date() });
  owner = await insertOperatorWithRole(db, "Reply Owner");
  other = await insertOperatorWithRole(db, "Reply Other");
  steward = await insertOperatorWithRole(db, "Reply Steward", "steward");
  admin = await insertOperatorWithRole(db, "Reply Admin", "admin");
  // A service that is no config endpoint: it answers every request with its secret.
  secretService = createServer((request, response) => {
    request.resume();
    response.writeHead(500, { "content-type": "text/plain" }).end(`token=${SECRET}`);
  });
  const port = await listen(secretService, 0, "127.0.0.1");
  const node = await db.node.create({
    data: {
      operatorId: owner.id,
      name: "reply-node",
      nameSearch: "reply-node",
      publicKey: `reply-key-${process.pid}`,
      region: "eu-west",
      endpointUrl: `http://127.0.0.1:${port}/latest/meta-data/`,
      webhookSecret: "whsec_dGVzdC1zZWNyZXQtbm90LXJlYWw=",
    },
    select: { id: true },
  });
  nodeId = node.id;
  await startNodeSync(db, { nodeId, now: new Date() });
  // PLENUM_ALLOW_PRIVATE_ENDPOINTS=1, the development opt-in: the worker contacts the service.
  await runSyncPass({
    db,
    workerId: "reply-worker",
    now: () => new Date(),
    random: createRandom(3).nextFloat,
    logger: createLogger({ level: "error", write: () => {} }),
    signal: new AbortController().signal,
    allowPrivateEndpoints: true,
    maxInFlight: 2,
  });
});

afterAll(async () => {
  await close(secretService);
  await database.drop();
});

const attemptsFor = (viewer: SyncViewer | null) => listSyncAttempts(database.db, { nodeId, page: 1, viewer });

describe("listSyncAttempts", () => {
  it("stored what the service answered (the worker records every reply)", async () => {
    const stored = await database.db.syncAttempt.findFirstOrThrow({ where: { nodeId } });
    expect(stored).toMatchObject({ outcome: "transient", httpStatus: 500 });
    expect(stored.replyExcerpt).toContain(SECRET);
    expect(stored.error).toContain(SECRET);
  });

  it.each([
    ["an anonymous visitor", () => null],
    ["another operator", () => other],
  ])("%s gets no reply excerpt and no text the node sent, only protocol fields", async (_who, viewer) => {
    const result = await attemptsFor(viewer());
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.showsNodeReplies).toBe(false);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({
      kind: "push",
      version: 1,
      httpStatus: 500,
      outcome: "transient",
      replyExcerpt: null,
      error: "The node answered with a server error (HTTP 500).",
    });
    expect(result.sync?.lastError).toBe("The node answered with a server error (HTTP 500).");
  });

  it.each([
    ["the node's operator", () => owner],
    ["a steward", () => steward],
    ["an admin", () => admin],
  ])("%s sees the reply excerpt and the scrubbed error", async (_who, viewer) => {
    const result = await attemptsFor(viewer());
    expect(result.showsNodeReplies).toBe(true);
    expect(result.attempts[0]!.replyExcerpt).toBe(`token=${SECRET}`);
    expect(result.attempts[0]!.error).toContain(SECRET);
    expect(result.sync?.lastError).toContain(SECRET);
  });
});

describe("listSyncNodes", () => {
  const query = { page: 1, pageSize: 25 as const, search: undefined };

  it("shows the last error as a public category to anonymous visitors and other operators", async () => {
    for (const viewer of [null, other]) {
      const list = await listSyncNodes(database.db, { ...query, viewer });
      expect(JSON.stringify(list)).not.toContain(SECRET);
      expect(list.rows.find((row) => row.nodeId === nodeId)!.lastError).toBe(
        "The node answered with a server error (HTTP 500).",
      );
    }
  });

  it("shows the node's operator and stewards the error as recorded (scrubbed)", async () => {
    for (const viewer of [owner, steward]) {
      const list = await listSyncNodes(database.db, { ...query, viewer });
      expect(list.rows.find((row) => row.nodeId === nodeId)!.lastError).toContain(SECRET);
    }
  });
});

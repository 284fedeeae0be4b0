import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema, MAX_MEDIAN_LATENCY_MS, telemetryAcceptedSchema } from "@/lib/schemas/node-protocol";
import { getDb } from "@/lib/server/platform/db";
import { createTestNode, type TestNode } from "@/lib/server/testing/create-test-node";
import { signNodeRequest } from "@/lib/server/testing/sign-node-request";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { postTelemetryResponse } from "./post-telemetry";
import { POST } from "./route";

const now = new Date("2026-11-25T12:00:00.000Z");
const nowSeconds = now.getTime() / 1000;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.target.url;
});
afterAll(async () => {
  await (await getDb()).$disconnect();
  await database.drop();
});

let reportCount = 0;
/** A valid report; each call differs (uptime), so no two requests share a signature. */
function report(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  reportCount += 1;
  return {
    at: "2026-11-25T11:59:30Z",
    windowSeconds: 60,
    uptimeSeconds: reportCount % 61,
    // At the bound of a 60-second window at service.maxMbps's default (60 × 1,000 × 125,000).
    bytesUp: 7_500_000_000,
    bytesDown: 1_234_567,
    peers: 12,
    medianLatencyMs: 41.5,
    activeConfigVersion: 3,
    stagedConfigVersion: null,
    agent: "plenum-agent/0.1.0",
    ...overrides,
  };
}

interface SendOptions {
  body?: string;
  timestamp?: number;
  signer?: TestNode;
  /** The node named in the URL; the signer by default. */
  urlNodeId?: string;
  signedPath?: string;
  sentBody?: string;
  headerOverrides?: Record<string, string | null>;
  at?: Date;
}

function send(node: TestNode, options: SendOptions = {}): Promise<Response> {
  const { signer = node, body = JSON.stringify(report()), timestamp = nowSeconds, at = now } = options;
  const path = `/api/v1/nodes/${options.urlNodeId ?? node.nodeId}/telemetry`;
  const signed = signNodeRequest({
    privateKey: signer.privateKey,
    nodeId: signer.nodeId,
    method: "POST",
    path: options.signedPath ?? path,
    body,
    timestamp,
  });
  const headers = new Headers({ ...signed, "content-type": "application/json" });
  for (const [name, value] of Object.entries(options.headerOverrides ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  const request = new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers,
    body: options.sentBody ?? body,
  });
  return postTelemetryResponse(
    database.db,
    request,
    Promise.resolve({ nodeId: options.urlNodeId ?? node.nodeId }),
    at,
  );
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = errorBodySchema.strict().parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

describe("POST /api/v1/nodes/{nodeId}/telemetry", () => {
  it("answers 202 with the interval, stores the sample and updates last-seen and the reported version", async () => {
    const node = await createTestNode(database.db, { name: "relay-ok" });
    // A report a minute ago, so this one's 60 s window is credited in full.
    await database.db.node.update({
      where: { id: node.nodeId },
      data: { lastSeenAt: new Date(now.getTime() - 60_000) },
    });
    const body = report();
    const response = await send(node, { body: JSON.stringify(body) });
    expect(response.status).toBe(202);
    expect(telemetryAcceptedSchema.strict().parse(await response.json())).toEqual({
      nextReportInSeconds: 60,
    });

    const samples = await database.db.telemetrySample.findMany({ where: { nodeId: node.nodeId } });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      at: new Date("2026-11-25T11:59:30Z"),
      receivedAt: now,
      windowSeconds: 60,
      uptimeSeconds: body.uptimeSeconds,
      bytesUp: 7_500_000_000n,
      bytesDown: 1_234_567n,
      peers: 12,
      medianLatencyMs: 41.5,
      activeConfigVersion: 3,
      stagedConfigVersion: null,
      agent: "plenum-agent/0.1.0",
    });
    expect(
      await database.db.node.findUnique({
        where: { id: node.nodeId },
        select: { lastSeenAt: true, reportedConfigVersion: true },
      }),
    ).toEqual({ lastSeenAt: now, reportedConfigVersion: 3 });
  });

  it("credits a window no longer than the time since the node's previous report, a first report only the slack, and bytes no more than that window carries", async () => {
    const node = await createTestNode(database.db, { name: "relay-stacked" });
    const claimsADay = () =>
      JSON.stringify(report({ windowSeconds: 86_400, uptimeSeconds: 86_400, bytesUp: 10_000_000_000 }));
    const later = new Date(now.getTime() + 90_000);
    expect((await send(node, { body: claimsADay() })).status).toBe(202);
    expect(
      (await send(node, { body: claimsADay(), at: later, timestamp: later.getTime() / 1000 })).status,
    ).toBe(202);
    const samples = await database.db.telemetrySample.findMany({
      where: { nodeId: node.nodeId },
      orderBy: { receivedAt: "asc" },
      select: { windowSeconds: true, uptimeSeconds: true, bytesUp: true, bytesDown: true },
    });
    // 5 s of clock slack for the first, then the 90 s that passed plus the slack — not the days claimed;
    // bytes up to 125,000,000 a credited second (1,000 Mbit/s).
    expect(samples).toEqual([
      { windowSeconds: 5, uptimeSeconds: 5, bytesUp: 625_000_000n, bytesDown: 1_234_567n },
      { windowSeconds: 95, uptimeSeconds: 95, bytesUp: 10_000_000_000n, bytesDown: 1_234_567n },
    ]);
    const [daily] = await database.db.nodeDailyRollup.findMany({ where: { nodeId: node.nodeId } });
    expect(daily!.bytesUp).toBe(10_625_000_000n);
  });

  it("credits concurrent reports one after another, never more than the time that passed", async () => {
    const node = await createTestNode(database.db, { name: "relay-burst" });
    const dayBefore = new Date(now.getTime() - 86_400_000);
    await database.db.node.update({ where: { id: node.nodeId }, data: { lastSeenAt: dayBefore } });
    const responses = await Promise.all(
      [0, 1, 2, 3].map((index) =>
        send(node, {
          body: JSON.stringify(report({ windowSeconds: 86_400, uptimeSeconds: 86_400, peers: index })),
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202]);
    const credited = await database.db.telemetrySample.aggregate({
      where: { nodeId: node.nodeId },
      _sum: { uptimeSeconds: true },
    });
    // One report gets the day that passed; the three racing it get the 5 s slack each.
    expect(credited._sum.uptimeSeconds).toBe(86_400 + 3 * 5);
  });

  it.each([301, -301])("answers 401 to a timestamp %i s off and stores nothing", async (offset) => {
    const node = await createTestNode(database.db, { name: `relay-skew${offset}` });
    const message = await expectError(
      await send(node, { timestamp: nowSeconds + offset }),
      401,
      "UNAUTHENTICATED",
    );
    expect(message).toContain("NTP");
    expect(await database.db.telemetrySample.count({ where: { nodeId: node.nodeId } })).toBe(0);
  });

  it("answers 409 to a replay of the same request and stores one sample", async () => {
    const node = await createTestNode(database.db, { name: "relay-replay" });
    const body = JSON.stringify(report());
    expect((await send(node, { body })).status).toBe(202);
    await expectError(await send(node, { body }), 409, "CONFLICT");
    expect(await database.db.telemetrySample.count({ where: { nodeId: node.nodeId } })).toBe(1);
  });

  it("answers 401 to a wrong key, another path, a tampered body and an unknown node", async () => {
    const node = await createTestNode(database.db, { name: "relay-bad" });
    const impostor = { ...node, privateKey: generateKeyPairSync("ed25519").privateKey };
    await expectError(await send(node, { signer: impostor }), 401, "UNAUTHENTICATED");
    await expectError(
      await send(node, { signedPath: `/api/v1/nodes/${node.nodeId}/status` }),
      401,
      "UNAUTHENTICATED",
    );
    const body = JSON.stringify(report());
    await expectError(
      await send(node, { body, sentBody: body.replace('"peers":12', '"peers":99') }),
      401,
      "UNAUTHENTICATED",
    );
    const unknown = { ...node, nodeId: "no_such_node" };
    await expectError(await send(unknown), 401, "UNAUTHENTICATED");
    expect(await database.db.telemetrySample.count({ where: { nodeId: node.nodeId } })).toBe(0);
  });

  it("answers 403 when a node reports about another node", async () => {
    const node = await createTestNode(database.db, { name: "relay-self" });
    const victim = await createTestNode(database.db, { name: "relay-victim" });
    await expectError(await send(node, { urlNodeId: victim.nodeId }), 403, "FORBIDDEN");
    expect(await database.db.telemetrySample.count({ where: { nodeId: victim.nodeId } })).toBe(0);
  });

  it("answers 400 naming a missing header", async () => {
    const node = await createTestNode(database.db, { name: "relay-header" });
    const message = await expectError(
      await send(node, { headerOverrides: { "plenum-signature": null } }),
      400,
      "BAD_INPUT",
    );
    expect(message).toContain("plenum-signature");
  });

  it.each([
    [{ peers: -1 }, "peers"],
    [{ bytesUp: 2 ** 53 }, "bytesUp"],
    [{ bytesDown: 1.5 }, "bytesDown"],
    [{ windowSeconds: 0 }, "windowSeconds"],
    [{ windowSeconds: 86_401 }, "windowSeconds"],
    [{ uptimeSeconds: 61 }, "uptimeSeconds"],
    [{ at: "2026-11-25 11:59:30" }, "at"],
    [{ at: "2026-11-25T12:10:01Z" }, "at"],
    [{ activeConfigVersion: 0 }, "activeConfigVersion"],
    [{ stagedConfigVersion: "2" }, "stagedConfigVersion"],
    [{ agent: "x".repeat(81) }, "agent"],
    [{ medianLatencyMs: undefined }, "medianLatencyMs"],
  ])("answers 400 naming the field for %o", async (override, field) => {
    const node = await createTestNode(database.db, { name: `relay-field-${reportCount}` });
    const message = await expectError(
      await send(node, { body: JSON.stringify(report(override)) }),
      400,
      "BAD_INPUT",
    );
    expect(message).toMatch(new RegExp(`^${field}: `));
    expect(await database.db.telemetrySample.count({ where: { nodeId: node.nodeId } })).toBe(0);
  });

  it("refuses a median latency over 10 minutes naming the field and the bound, and accepts one at the bound", async () => {
    const node = await createTestNode(database.db, { name: "relay-latency" });
    const tooSlow = await send(node, { body: JSON.stringify(report({ medianLatencyMs: 1e9 })) });
    expect(await expectError(tooSlow, 400, "BAD_INPUT")).toBe(
      `medianLatencyMs: must be at most ${MAX_MEDIAN_LATENCY_MS} milliseconds (10 minutes)`,
    );
    const atBound = await send(node, {
      body: JSON.stringify(report({ medianLatencyMs: MAX_MEDIAN_LATENCY_MS })),
    });
    expect(atBound.status).toBe(202);
    const samples = await database.db.telemetrySample.findMany({ where: { nodeId: node.nodeId } });
    expect(samples.map((sample) => sample.medianLatencyMs)).toEqual([MAX_MEDIAN_LATENCY_MS]);
  });

  it("answers 400 to a body that is not JSON, after checking its signature", async () => {
    const node = await createTestNode(database.db, { name: "relay-json" });
    const message = await expectError(await send(node, { body: "{not json" }), 400, "BAD_INPUT");
    expect(message).toContain("not valid JSON");
  });

  it("answers 413 to a body over 64 KiB", async () => {
    const node = await createTestNode(database.db, { name: "relay-large" });
    const body = JSON.stringify(report({ agent: "x".repeat(65 * 1024) }));
    await expectError(await send(node, { body }), 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers the 5th report in a minute with 429 and Retry-After, while another node is unaffected", async () => {
    const node = await createTestNode(database.db, { name: "relay-busy" });
    const neighbour = await createTestNode(database.db, { name: "relay-quiet" });
    for (let i = 0; i < 4; i += 1) {
      expect((await send(node, { at: new Date(now.getTime() + i * 1000) })).status).toBe(202);
    }
    const limited = await send(node, { at: new Date(now.getTime() + 10_000) });
    await expectError(limited, 429, "RATE_LIMITED");
    expect(limited.headers.get("retry-after")).toBe("50");
    expect((await send(neighbour)).status).toBe(202);
    expect(await database.db.telemetrySample.count({ where: { nodeId: node.nodeId } })).toBe(4);
  });

  it("is served by the route with the server clock", async () => {
    const node = await createTestNode(database.db, { name: "relay-route" });
    const path = `/api/v1/nodes/${node.nodeId}/telemetry`;
    const body = JSON.stringify(report({ at: new Date().toISOString() }));
    const headers = signNodeRequest({
      privateKey: node.privateKey,
      nodeId: node.nodeId,
      method: "POST",
      path,
      body,
      timestamp: Math.floor(Date.now() / 1000),
    });
    const response = await POST(
      new Request(`http://plenum.example${path}`, { method: "POST", headers, body }),
      { params: Promise.resolve({ nodeId: node.nodeId }) },
    );
    expect(response.status).toBe(202);
    expect(await database.db.telemetrySample.count({ where: { nodeId: node.nodeId } })).toBe(1);
  });
});

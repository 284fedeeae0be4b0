/**
 * Security issue #19, item 1: with PLENUM_ALLOW_PRIVATE_ENDPOINTS off (the default, and since the fix
 * also while the demo fleet runs), only nodes enrolled with a token the demo fleet minted may use a
 * loopback or private endpoint. Everyone else is refused at registration, at an endpoint change and by
 * the sync worker, so no account can make the worker POST to a service on the platform's machine.
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createConfigEndpoint,
  createConfigEndpointServer,
  type ConfigEndpoint,
} from "@/agent/config-endpoint/config-endpoint-server";
import { close, listen } from "@/agent/endpoint-server";
import { loadFleetOperators, mintFleetTokens } from "@/agent/fleet/demo-operators";
import { createRandom } from "@/lib/domain/random";
import { runSyncPass } from "@/lib/server/config-sync/sync-engine";
import { createLogger } from "@/lib/server/platform/logger";
import { ensurePlatform, getNetworkInfo } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createNodeChallenge, registerNode } from "./enrol-node";
import { createEnrolmentToken, createOwnEnrolmentToken } from "./enrolment-token-commands";
import { grantFleetNodesPrivateEndpoints } from "./fleet-node-commands";
import { changeNodeEndpoint } from "./operator-node-commands";

const NOW = new Date();
const SECRET = "stand-in-metadata-secret-4f1c9a";

let database: TestDatabase;
let demoOperator: { id: string; email: string };
let attacker: { id: string; email: string };
/** A service on the platform's own machine that must never be reached: it counts every request. */
let secretService: Server;
let secretPort = 0;
let secretRequests = 0;
/** The fleet's config endpoint: real agent code answering pushes on 127.0.0.1. */
let fleetEndpoint: ConfigEndpoint;
let fleetServer: Server;
let fleetPort = 0;
let keyCounter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "SSRF test", now: NOW });
  demoOperator = await database.db.operator.create({
    data: { displayName: "Demo Operator", email: "demo.operator@example.test" },
    select: { id: true, email: true },
  });
  attacker = await database.db.operator.create({
    data: { displayName: "New Account", email: "new.account@example.test" },
    select: { id: true, email: true },
  });
  secretService = createServer((request, response) => {
    secretRequests += 1;
    request.resume();
    response.writeHead(200, { "content-type": "text/plain" }).end(SECRET);
  });
  secretPort = await listen(secretService, 0, "127.0.0.1");
  const network = await getNetworkInfo(database.db);
  fleetEndpoint = createConfigEndpoint({
    trust: {
      networkId: network.networkId,
      keys: [{ keyId: network.keyId, publicKey: network.platformPublicKey }],
    },
    activationCheckMs: 0,
  });
  fleetServer = createConfigEndpointServer(fleetEndpoint);
  fleetPort = await listen(fleetServer, 0, "127.0.0.1");
});

afterAll(async () => {
  fleetEndpoint.stop();
  await close(fleetServer);
  await close(secretService);
  await database.drop();
});

/** Registers a fresh key with `enrolmentToken` at `endpointUrl`, as POST /api/v1/nodes/register does. */
async function register(
  enrolmentToken: string,
  endpointUrl: string,
  { allowPrivateEndpoints = false }: { allowPrivateEndpoints?: boolean } = {},
) {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const rawKey = publicKey.export({ format: "jwk" }).x!;
  const challenge = await createNodeChallenge(database.db, { publicKey: rawKey, now: NOW });
  keyCounter += 1;
  return registerNode(database.db, {
    request: {
      challengeId: challenge.challengeId,
      publicKey: rawKey,
      signature: sign(null, Buffer.from(challenge.message, "utf8"), privateKey).toString("base64url"),
      enrolmentToken,
      name: `ssrf-node-${keyCounter}`,
      endpointUrl,
    },
    now: NOW,
    allowPrivateEndpoints,
  });
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason as { code: string; message: string },
  );
  expect(error, "expected a refusal").not.toBeNull();
  return error!;
}

function syncPass(allowPrivateEndpoints: boolean) {
  return runSyncPass({
    db: database.db,
    workerId: "ssrf-test-worker",
    now: () => new Date(),
    random: createRandom(7).nextFloat,
    logger: createLogger({ level: "error", write: () => {} }),
    signal: new AbortController().signal,
    allowPrivateEndpoints,
    maxInFlight: 4,
  });
}

async function fleetToken(uses = 1): Promise<string> {
  const { idByEmail } = await loadFleetOperators(database.db);
  const tokens = await mintFleetTokens(database.db, {
    uses: new Map([[demoOperator.email, uses]]),
    idByEmail,
    now: NOW,
  });
  return tokens.get(demoOperator.email)!;
}

describe("registration with the platform-wide setting off", () => {
  it("refuses a node enrolled with an ordinary token at a loopback endpoint, saying what to do, and never contacts it", async () => {
    const { token } = await createOwnEnrolmentToken(database.db, {
      operatorId: attacker.id,
      label: "my relay",
      now: NOW,
    });
    const metadata = `http://127.0.0.1:${secretPort}/latest/meta-data/iam/security-credentials/`;
    const plain = await refusal(register(token, metadata));
    expect(plain.code).toBe("UNPROCESSABLE");
    expect(plain.message).toContain("endpointUrl must use https");
    expect(plain.message).toContain("accepted only for the demo fleet's own nodes");
    expect(plain.message).toContain("give an https URL whose host resolves to a public address");

    const https = await refusal(register(token, `https://127.0.0.1:${secretPort}/latest/meta-data/`));
    expect(https).toMatchObject({ code: "UNPROCESSABLE" });
    expect(https.message).toContain("resolves to 127.0.0.1, a loopback address");

    expect(await database.db.node.count({ where: { operatorId: attacker.id } })).toBe(0);
    expect(secretRequests).toBe(0);
  });

  it("accepts a node enrolled with a token the demo fleet minted, and the sync engine pushes to it", async () => {
    const endpointUrl = `http://127.0.0.1:${fleetPort}/node/0`;
    const registered = await register(await fleetToken(), endpointUrl);
    const node = await database.db.node.findUniqueOrThrow({
      where: { id: registered.nodeId },
      select: { endpointUrl: true, operatorId: true, allowsPrivateEndpoint: true },
    });
    expect(node).toEqual({ endpointUrl, operatorId: demoOperator.id, allowsPrivateEndpoint: true });
    fleetEndpoint.add({
      nodeId: registered.nodeId,
      webhookSecret: registered.webhookSecret,
      path: "/node/0",
    });

    const result = await syncPass(false);
    expect(result).toMatchObject({ pushed: 1, acknowledged: 1, failed: 0 });
    expect(fleetEndpoint.held(registered.nodeId).stagedVersion).toBe(1);
    const sync = await database.db.nodeSync.findUniqueOrThrow({ where: { nodeId: registered.nodeId } });
    expect(sync).toMatchObject({ status: "Synced", acknowledgedVersion: 1, lastError: null });
  });

  it("tokens from the web and from the admin CLI never carry the permission, whatever the input says", async () => {
    const own = await createOwnEnrolmentToken(database.db, {
      operatorId: attacker.id,
      label: "sneaky",
      now: NOW,
      ...({ allowsPrivateEndpoint: true } as object),
    });
    const admin = await createEnrolmentToken(database.db, {
      operatorId: attacker.id,
      label: "from the admin CLI",
      now: NOW,
      ...({ allowsPrivateEndpoint: true } as object),
    });
    const stored = await database.db.enrolmentToken.findMany({
      where: { id: { in: [own.id, admin.id] } },
      select: { allowsPrivateEndpoint: true },
    });
    expect(stored).toEqual([{ allowsPrivateEndpoint: false }, { allowsPrivateEndpoint: false }]);
  });

  it("with PLENUM_ALLOW_PRIVATE_ENDPOINTS=1 (development) an ordinary token may still use loopback", async () => {
    const { token } = await createEnrolmentToken(database.db, {
      operatorId: attacker.id,
      label: "dev",
      now: NOW,
    });
    const registered = await register(token, `http://127.0.0.1:${fleetPort}/node/dev`, {
      allowPrivateEndpoints: true,
    });
    const node = await database.db.node.findUniqueOrThrow({
      where: { id: registered.nodeId },
      select: { allowsPrivateEndpoint: true },
    });
    expect(node.allowsPrivateEndpoint).toBe(false);
    // Retired again so the sync passes below do not count it.
    await database.db.node.update({ where: { id: registered.nodeId }, data: { status: "Gone" } });
    await database.db.nodeSync.update({ where: { nodeId: registered.nodeId }, data: { status: "Gone" } });
  });
});

describe("the sync worker with the platform-wide setting off", () => {
  it("refuses to contact a loopback endpoint of a node without the permission, however it got there", async () => {
    const { token } = await createEnrolmentToken(database.db, {
      operatorId: attacker.id,
      label: "public first",
      now: NOW,
    });
    const registered = await register(token, "https://93.184.215.14/plenum");
    // As if stored while the setting was on (the database of an earlier `npm start`).
    await database.db.node.update({
      where: { id: registered.nodeId },
      data: { endpointUrl: `http://127.0.0.1:${secretPort}/latest/meta-data/` },
    });
    await syncPass(false);
    const attempt = await database.db.syncAttempt.findFirstOrThrow({
      where: { nodeId: registered.nodeId },
      select: { outcome: true, replyExcerpt: true, error: true },
    });
    expect(attempt).toMatchObject({ outcome: "refused", replyExcerpt: null });
    expect(attempt.error).toContain("must use https");
    expect(secretRequests).toBe(0);
    await database.db.node.update({ where: { id: registered.nodeId }, data: { status: "Gone" } });
    await database.db.nodeSync.update({ where: { nodeId: registered.nodeId }, data: { status: "Gone" } });
  });
});

describe("changing the endpoint of a node that may use loopback", () => {
  it("refuses a loopback endpoint through the web (the demo login is public) and a public one ends the permission", async () => {
    const registered = await register(await fleetToken(), `http://127.0.0.1:${fleetPort}/node/1`);
    const change = (endpointUrl: string) =>
      changeNodeEndpoint(database.db, {
        operatorId: demoOperator.id,
        nodeId: registered.nodeId,
        endpointUrl,
        allowPrivate: false,
        now: NOW,
      });
    const moved = await refusal(change(`http://127.0.0.1:${secretPort}/latest/meta-data/`));
    expect(moved.code).toBe("UNPROCESSABLE");
    expect(moved.message).toContain("endpointUrl must use https");
    const unchanged = await database.db.node.findUniqueOrThrow({
      where: { id: registered.nodeId },
      select: { endpointUrl: true, allowsPrivateEndpoint: true },
    });
    expect(unchanged).toEqual({
      endpointUrl: `http://127.0.0.1:${fleetPort}/node/1`,
      allowsPrivateEndpoint: true,
    });

    await change("https://93.184.215.14/plenum");
    const changed = await database.db.node.findUniqueOrThrow({
      where: { id: registered.nodeId },
      select: { endpointUrl: true, allowsPrivateEndpoint: true },
    });
    expect(changed).toEqual({ endpointUrl: "https://93.184.215.14/plenum", allowsPrivateEndpoint: false });
    await database.db.node.update({ where: { id: registered.nodeId }, data: { status: "Gone" } });
    await database.db.nodeSync.update({ where: { nodeId: registered.nodeId }, data: { status: "Gone" } });
  });
});

describe("grantFleetNodesPrivateEndpoints (fleet nodes enrolled before the permission existed)", () => {
  it("grants the permission only to the fleet's nodes still at the endpoint the fleet gave them", async () => {
    const { token } = await createEnrolmentToken(database.db, {
      operatorId: demoOperator.id,
      label: "enrolled by an older fleet",
      maxUses: 2,
      now: NOW,
    });
    const kept = await register(token, `http://127.0.0.1:${fleetPort}/node/7`, {
      allowPrivateEndpoints: true,
    });
    const moved = await register(token, `http://127.0.0.1:${fleetPort}/node/8`, {
      allowPrivateEndpoints: true,
    });
    await database.db.node.update({
      where: { id: moved.nodeId },
      data: { endpointUrl: `http://127.0.0.1:${secretPort}/elsewhere` },
    });
    const granted = await grantFleetNodesPrivateEndpoints(database.db, [
      { nodeId: kept.nodeId, endpointUrl: `http://127.0.0.1:${fleetPort}/node/7` },
      { nodeId: moved.nodeId, endpointUrl: `http://127.0.0.1:${fleetPort}/node/8` },
    ]);
    expect(granted).toBe(1);
    const rows = await database.db.node.findMany({
      where: { id: { in: [kept.nodeId, moved.nodeId] } },
      select: { id: true, allowsPrivateEndpoint: true },
    });
    expect(Object.fromEntries(rows.map((row) => [row.id, row.allowsPrivateEndpoint]))).toEqual({
      [kept.nodeId]: true,
      [moved.nodeId]: false,
    });
    for (const nodeId of [kept.nodeId, moved.nodeId]) {
      await database.db.node.update({ where: { id: nodeId }, data: { status: "Gone" } });
      await database.db.nodeSync.update({ where: { nodeId }, data: { status: "Gone" } });
    }
  });
});

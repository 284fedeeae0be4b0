import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorBodySchema,
  nodeChallengeSchema,
  nodeRegistrationSchema,
  type NodeChallenge,
} from "@/lib/schemas/node-protocol";
import type { ResolveHost } from "@/lib/server/platform/endpoint-url";
import { createEnrolmentToken, hashEnrolmentToken } from "@/lib/server/nodes/enrolment-token-commands";
import { ensurePlatform, getNetworkInfo } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { postChallengeResponse } from "./challenge/post-challenge";
import { postRegisterResponse } from "./register/post-register";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const resolve: ResolveHost = async (hostname) => {
  const table: Record<string, string[]> = {
    "node.example.org": ["93.184.215.14"],
    "internal.example.org": ["10.0.0.5"],
  };
  if (!table[hostname]) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return table[hostname];
};

let database: TestDatabase;
let operatorA: string;
let ipCounter = 0;
/** Each test speaks from its own address so the rate limit of one test never touches another. */
const nextIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

function nodeKey(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { publicKey: publicKey.export({ format: "jwk" }).x!, privateKey };
}

function post(path: string, body: unknown, ip: string): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function challengeRequest(body: unknown, { ip = nextIp(), now = NOW } = {}) {
  return postChallengeResponse(database.db, post("/api/v1/nodes/challenge", body, ip), {
    now,
    trustProxy: false,
  });
}

function registerRequest(body: unknown, { ip = nextIp(), now = NOW, allowPrivateEndpoints = false } = {}) {
  return postRegisterResponse(database.db, post("/api/v1/nodes/register", body, ip), {
    now,
    trustProxy: false,
    allowPrivateEndpoints,
    resolve,
  });
}

async function challengeFor(publicKey: string, now = NOW): Promise<NodeChallenge> {
  const response = await challengeRequest({ publicKey }, { now });
  expect(response.status).toBe(200);
  return nodeChallengeSchema.parse(await response.json());
}

async function token(options: { maxUses?: number; expiresInHours?: number } = {}): Promise<string> {
  const created = await createEnrolmentToken(database.db, {
    operatorId: operatorA,
    label: "test",
    now: NOW,
    ...options,
  });
  return created.token;
}

/** A complete, valid registration body for a new key (signed with node:crypto directly). */
async function validRegistration(overrides: Record<string, unknown> = {}, enrolmentToken?: string) {
  const key = nodeKey();
  const challenge = await challengeFor(key.publicKey);
  return {
    key,
    challenge,
    body: {
      challengeId: challenge.challengeId,
      publicKey: key.publicKey,
      signature: sign(null, Buffer.from(challenge.message, "utf8"), key.privateKey).toString("base64url"),
      enrolmentToken: enrolmentToken ?? (await token()),
      name: `relay-${ipCounter}`,
      endpointUrl: "https://node.example.org/plenum",
      ...overrides,
    },
  };
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = errorBodySchema.strict().parse(await response.json());
  expect(body.error.code).toBe(code);
  return body.error.message;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Test swarm", now: NOW });
  ({ id: operatorA } = await database.db.operator.create({
    data: { displayName: "Alpha", email: "alpha@example.test", region: "EU" },
    select: { id: true },
  }));
});
afterAll(() => database.drop());

describe("POST /api/v1/nodes/challenge", () => {
  it("answers 200 with a message in the protocol's exact format, expiring in 5 minutes", async () => {
    const { publicKey } = nodeKey();
    const challenge = await challengeFor(publicKey);
    const { networkId } = await getNetworkInfo(database.db);
    expect(challenge.expiresAt).toBe("2026-11-25T12:05:00.000Z");
    expect(challenge.message).toBe(
      `plenum-node-enrol-v1\n${networkId}\n${challenge.challengeId}\n${publicKey}\n${challenge.expiresAt}`,
    );
    const stored = await database.db.nodeChallenge.findUniqueOrThrow({
      where: { id: challenge.challengeId },
    });
    expect(stored).toMatchObject({ publicKey, message: challenge.message, consumedAt: null });
  });

  it.each([
    ["a missing key", {}, "publicKey"],
    ["31 bytes", { publicKey: Buffer.alloc(31).toString("base64url") }, "32 bytes"],
    ["standard base64", { publicKey: `${"+".repeat(42)}A` }, "publicKey"],
    ["not JSON", "{", ""],
  ])("answers 400 for %s", async (_label, body, mention) => {
    const message = await expectError(await challengeRequest(body), 400, "BAD_INPUT");
    expect(message).toContain(mention);
  });
});

describe("POST /api/v1/nodes/register", () => {
  it("registers the node: 201, the one-time secret, the node verified and the token counted", async () => {
    const enrolmentToken = await token({ maxUses: 2 });
    const { body, key } = await validRegistration({ name: "Relay-EU.1" }, enrolmentToken);
    const response = await registerRequest(body);
    expect(response.status).toBe(201);
    const json = await response.json();
    const registration = nodeRegistrationSchema.strict().parse(json);
    const network = await getNetworkInfo(database.db);
    expect(registration).toMatchObject({
      networkId: network.networkId,
      platformPublicKey: network.platformPublicKey,
      keyId: network.keyId,
    });
    expect(Buffer.from(registration.webhookSecret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(JSON.stringify(json)).not.toContain(enrolmentToken);

    const node = await database.db.node.findUniqueOrThrow({ where: { id: registration.nodeId } });
    expect(node).toMatchObject({
      operatorId: operatorA,
      name: "Relay-EU.1",
      nameSearch: "relay-eu.1",
      publicKey: key.publicKey,
      region: "EU",
      status: "Active",
      endpointUrl: "https://node.example.org/plenum",
      webhookSecret: registration.webhookSecret,
      verifiedAt: NOW,
    });
    const stored = await database.db.enrolmentToken.findUniqueOrThrow({
      where: { tokenHash: hashEnrolmentToken(enrolmentToken) },
    });
    expect(stored.usedCount).toBe(1);
    expect(node.enrolmentTokenId).toBe(stored.id);
    // The node's delivery state is born with it: due at once, nothing acknowledged yet.
    expect(
      await database.db.nodeSync.findUniqueOrThrow({
        where: { nodeId: registration.nodeId },
        select: { status: true, desiredVersion: true, acknowledgedVersion: true, nextAttemptAt: true },
      }),
    ).toEqual({ status: "Pending", desiredVersion: 1, acknowledgedVersion: null, nextAttemptAt: NOW });
    const challenge = await database.db.nodeChallenge.findUniqueOrThrow({ where: { id: body.challengeId } });
    expect(challenge.consumedAt).toEqual(NOW);
  });

  it("answers 400 naming the field for a malformed body, an invalid name or another key", async () => {
    const { body } = await validRegistration();
    expect(
      await expectError(await registerRequest({ ...body, name: "relay 1" }), 400, "BAD_INPUT"),
    ).toContain("name");
    expect(
      await expectError(await registerRequest({ ...body, name: "x".repeat(65) }), 400, "BAD_INPUT"),
    ).toContain("name");
    expect(
      await expectError(await registerRequest({ ...body, signature: "abc" }), 400, "BAD_INPUT"),
    ).toContain("signature");
    expect(
      await expectError(await registerRequest({ ...body, publicKey: nodeKey().publicKey }), 400, "BAD_INPUT"),
    ).toContain("differs from the key the challenge was issued for");
  });

  it("answers 401 for a signature by another key or over another text", async () => {
    const { body, key, challenge } = await validRegistration();
    const other = nodeKey();
    const byOther = sign(null, Buffer.from(challenge.message), other.privateKey).toString("base64url");
    expect(
      await expectError(await registerRequest({ ...body, signature: byOther }), 401, "UNAUTHENTICATED"),
    ).toContain("signature does not verify");
    const overOther = sign(null, Buffer.from(`${challenge.message}\n`), key.privateKey).toString("base64url");
    await expectError(await registerRequest({ ...body, signature: overOther }), 401, "UNAUTHENTICATED");
  });

  it("answers 403 for an unknown, revoked, expired or used-up token", async () => {
    const { body } = await validRegistration();
    expect(
      await expectError(
        await registerRequest({ ...body, enrolmentToken: "plnm_enr_nope" }),
        403,
        "FORBIDDEN",
      ),
    ).toContain("not known");

    const revoked = await token();
    await database.db.enrolmentToken.update({
      where: { tokenHash: hashEnrolmentToken(revoked) },
      data: { revokedAt: NOW },
    });
    expect(
      await expectError(await registerRequest({ ...body, enrolmentToken: revoked }), 403, "FORBIDDEN"),
    ).toContain("revoked");

    const shortLived = await token({ expiresInHours: 1 });
    const late = await validRegistration({}, shortLived);
    const lateResponse = await postRegisterResponse(
      database.db,
      post("/api/v1/nodes/register", late.body, nextIp()),
      {
        now: new Date(NOW.getTime() + 3_600_000 + 1),
        trustProxy: false,
        allowPrivateEndpoints: false,
        resolve,
      },
    );
    // The challenge (5 minutes) has expired too: the challenge is checked first.
    await expectError(lateResponse, 410, "GONE");
    await database.db.enrolmentToken.update({
      where: { tokenHash: hashEnrolmentToken(shortLived) },
      data: { expiresAt: NOW },
    });
    expect(await expectError(await registerRequest(late.body), 403, "FORBIDDEN")).toContain("expired");

    const single = await token({ maxUses: 1 });
    const first = await validRegistration({}, single);
    expect((await registerRequest(first.body)).status).toBe(201);
    const second = await validRegistration({}, single);
    expect(await expectError(await registerRequest(second.body), 403, "FORBIDDEN")).toContain("used");
    const refusedChallenge = await database.db.nodeChallenge.findUniqueOrThrow({
      where: { id: second.body.challengeId },
    });
    expect(refusedChallenge.consumedAt).toBeNull();
  });

  it("answers 409 when the key is already registered", async () => {
    const { body, key } = await validRegistration();
    expect((await registerRequest(body)).status).toBe(201);
    const again = await challengeFor(key.publicKey);
    const signature = sign(null, Buffer.from(again.message), key.privateKey).toString("base64url");
    const message = await expectError(
      await registerRequest({
        ...body,
        challengeId: again.challengeId,
        signature,
        enrolmentToken: await token(),
      }),
      409,
      "CONFLICT",
    );
    expect(message).toContain("already registered");
    expect(await database.db.node.count({ where: { publicKey: key.publicKey } })).toBe(1);
  });

  it("answers 410 for an unknown, used or expired challenge", async () => {
    expect(
      await expectError(
        await registerRequest((await validRegistration({ challengeId: "chl_missing" })).body),
        410,
        "GONE",
      ),
    ).toContain("unknown");
    const { body } = await validRegistration();
    expect((await registerRequest(body)).status).toBe(201);
    expect(await expectError(await registerRequest(body), 410, "GONE")).toContain("already used");
    const stale = await validRegistration();
    expect(
      await expectError(await registerRequest(stale.body, { now: minutesLater(5) }), 410, "GONE"),
    ).toContain("expired");
  });

  it("answers 422 for a refused endpoint URL without consuming the challenge, so the node can retry", async () => {
    const enrolmentToken = await token();
    const { body } = await validRegistration(
      { endpointUrl: "https://internal.example.org/" },
      enrolmentToken,
    );
    expect(await expectError(await registerRequest(body), 422, "UNPROCESSABLE")).toBe(
      "endpointUrl resolves to 10.0.0.5, a private address; Plenum only pushes to public addresses",
    );
    expect(
      await expectError(
        await registerRequest({ ...body, endpointUrl: "http://node.example.org/" }),
        422,
        "UNPROCESSABLE",
      ),
    ).toContain("must use https");
    expect(
      await expectError(
        await registerRequest({ ...body, endpointUrl: "https://u:p@node.example.org/" }),
        422,
        "UNPROCESSABLE",
      ),
    ).toContain("user name or password");
    for (const [endpointUrl, range] of [
      ["https://100.64.7.1/", "a carrier-grade NAT address"],
      ["https://[::ffff:127.0.0.1]/", "an IPv4-mapped loopback address"],
      ["https://[::ffff:10.1.2.3]/", "an IPv4-mapped private address"],
    ]) {
      expect(
        await expectError(await registerRequest({ ...body, endpointUrl }), 422, "UNPROCESSABLE"),
      ).toContain(range);
    }
    const stored = await database.db.enrolmentToken.findUniqueOrThrow({
      where: { tokenHash: hashEnrolmentToken(enrolmentToken) },
    });
    expect(stored.usedCount).toBe(0);
    expect((await registerRequest({ ...body, endpointUrl: "https://node.example.org/x" })).status).toBe(201);
  });

  it("accepts a private or loopback http endpoint when private endpoints are allowed", async () => {
    const { body } = await validRegistration({ endpointUrl: "http://127.0.0.1:4100/node" });
    await expectError(await registerRequest(body), 422, "UNPROCESSABLE");
    const response = await registerRequest(body, { allowPrivateEndpoints: true });
    expect(response.status).toBe(201);
    const { nodeId } = nodeRegistrationSchema.parse(await response.json());
    const node = await database.db.node.findUniqueOrThrow({ where: { id: nodeId } });
    expect(node.endpointUrl).toBe("http://127.0.0.1:4100/node");
  });

  it("lets exactly one of 20 concurrent registrations with one challenge through; the rest get 410", async () => {
    const enrolmentToken = await token({ maxUses: 20 });
    const { body, key } = await validRegistration({}, enrolmentToken);
    const responses = await Promise.all(Array.from({ length: 20 }, () => registerRequest(body)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(410)]);
    expect(await database.db.node.count({ where: { publicKey: key.publicKey } })).toBe(1);
    const stored = await database.db.enrolmentToken.findUniqueOrThrow({
      where: { tokenHash: hashEnrolmentToken(enrolmentToken) },
    });
    expect(stored.usedCount).toBe(1);
  });

  it("never enrols more nodes than a token has uses, even when 8 nodes race for 3 uses", async () => {
    const enrolmentToken = await token({ maxUses: 3 });
    const registrations = await Promise.all(
      Array.from({ length: 8 }, () => validRegistration({}, enrolmentToken)),
    );
    const responses = await Promise.all(registrations.map(({ body }) => registerRequest(body)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 403, 403, 403, 403, 403]);
    const stored = await database.db.enrolmentToken.findUniqueOrThrow({
      where: { tokenHash: hashEnrolmentToken(enrolmentToken) },
      select: { id: true, usedCount: true },
    });
    expect(stored.usedCount).toBe(3);
    expect(await database.db.node.count({ where: { enrolmentTokenId: stored.id } })).toBe(3);
  });

  it("rate-limits each address to 30 requests a minute per endpoint with 429 and Retry-After", async () => {
    const ip = "192.0.2.77";
    const { publicKey } = nodeKey();
    for (let index = 0; index < 30; index += 1) {
      expect((await challengeRequest({ publicKey }, { ip })).status).toBe(200);
    }
    const limited = await challengeRequest({ publicKey }, { ip });
    expect(await expectError(limited, 429, "RATE_LIMITED")).toContain("Try again in");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await challengeRequest({ publicKey }, { ip: "192.0.2.78" })).status).toBe(200);
    expect((await challengeRequest({ publicKey }, { ip, now: minutesLater(1) })).status).toBe(200);

    for (let index = 0; index < 30; index += 1) {
      expect((await registerRequest({}, { ip })).status).toBe(400);
    }
    await expectError(await registerRequest({}, { ip }), 429, "RATE_LIMITED");
    expect((await registerRequest({}, { ip: "192.0.2.78" })).status).toBe(400);
  });
});

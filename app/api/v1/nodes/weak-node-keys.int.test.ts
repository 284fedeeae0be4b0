import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ED25519_FIELD_PRIME } from "@/lib/domain/node-protocol/ed25519-public-key";
import { enrolmentChallengeMessage, errorBodySchema } from "@/lib/schemas/node-protocol";
import { createEnrolmentToken } from "@/lib/server/nodes/enrolment-token-commands";
import { ensurePlatform, getNetworkInfo } from "@/lib/server/platform/ensure-platform";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { postChallengeResponse } from "./challenge/post-challenge";
import { postRegisterResponse } from "./register/post-register";

// Hardening item 10: a small-order or non-canonical node key proves nothing (any signature verifies
// under it), so neither enrolment endpoint takes one.
const NOW = new Date("2026-11-25T12:00:00.000Z");
const IDENTITY = Buffer.from("0100000000000000000000000000000000000000000000000000000000000000", "hex");
const FORGED_SIGNATURE = Buffer.concat([IDENTITY, Buffer.alloc(32)]).toString("base64url");
const WEAK_KEYS = [
  ["the identity", IDENTITY],
  [
    "a point of order 8",
    Buffer.from("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", "hex"),
  ],
  [
    "the identity with the sign bit set",
    Buffer.from("0100000000000000000000000000000000000000000000000000000000000080", "hex"),
  ],
  ["y = p + 1", Buffer.from((ED25519_FIELD_PRIME + 1n).toString(16).padStart(64, "0"), "hex").reverse()],
] as const;

let database: TestDatabase;
let operatorId: string;
let ipCounter = 0;

function post(path: string, body: unknown): Request {
  ipCounter += 1;
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.18.7.${ipCounter}` },
    body: JSON.stringify(body),
  });
}

async function expectPublicKeyRefusal(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  const body = errorBodySchema.strict().parse(await response.json());
  expect(body.error.code).toBe("BAD_INPUT");
  expect(body.error.message).toMatch(/^publicKey: .*(small-order|non-canonical)/);
  expect(body.error.message).toContain("32 raw bytes of an Ed25519 public key");
  return body.error.message;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePlatform(database.db, { networkName: "Weak keys", now: NOW });
  ({ id: operatorId } = await database.db.operator.create({
    data: { displayName: "Alpha", email: "alpha@example.test", region: "EU" },
    select: { id: true },
  }));
});
afterAll(() => database.drop());

describe.each(WEAK_KEYS)("a node key that is %s", (_label, raw) => {
  const publicKey = raw.toString("base64url");

  it("gets no challenge: 400 naming publicKey", async () => {
    const response = await postChallengeResponse(
      database.db,
      post("/api/v1/nodes/challenge", { publicKey }),
      { now: NOW, trustProxy: true },
    );
    await expectPublicKeyRefusal(response);
  });

  it("cannot register with a forged signature that node:crypto accepts (a challenge from before the rule)", async () => {
    const { networkId } = await getNetworkInfo(database.db);
    const challengeId = `chl_weak_${ipCounter}_${raw.toString("hex").slice(0, 8)}`;
    const expiresAt = new Date(NOW.getTime() + 5 * 60_000);
    const message = enrolmentChallengeMessage({
      networkId,
      challengeId,
      publicKey,
      expiresAt: expiresAt.toISOString(),
    });
    await database.db.nodeChallenge.create({
      data: { id: challengeId, publicKey, message, expiresAt, createdAt: NOW },
    });
    // The attack: without the rule this "signature" (R = identity, s = 0) proves the challenge.
    const nodeCryptoKey = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: publicKey },
      format: "jwk",
    });
    const forgedVerifies = verify(
      null,
      Buffer.from(message, "utf8"),
      nodeCryptoKey,
      Buffer.from(FORGED_SIGNATURE, "base64url"),
    );
    if (raw.equals(IDENTITY)) expect(forgedVerifies).toBe(true);

    const { token } = await createEnrolmentToken(database.db, { operatorId, label: "weak", now: NOW });
    const response = await postRegisterResponse(
      database.db,
      post("/api/v1/nodes/register", {
        challengeId,
        publicKey,
        signature: FORGED_SIGNATURE,
        enrolmentToken: token,
        name: "forged-node",
        endpointUrl: "https://node.example.org/plenum",
      }),
      { now: NOW, trustProxy: true, allowPrivateEndpoints: false, resolve: async () => ["93.184.215.14"] },
    );
    await expectPublicKeyRefusal(response);
    expect(await database.db.node.count({ where: { publicKey } })).toBe(0);
  });
});

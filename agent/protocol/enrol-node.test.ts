import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeEnrolmentError, enrolNode } from "./enrol-node";
import {
  PlatformError,
  PlatformUnreachableError,
  type PlatformClient,
  type RegisterRequest,
} from "./platform-client";

const { privateKey, publicKey: publicKeyObject } = generateKeyPairSync("ed25519");
const publicKey = publicKeyObject.export({ format: "jwk" }).x!;

function fakeClient(registerAnswers: (() => never | "ok")[]) {
  const registered: RegisterRequest[] = [];
  let challenges = 0;
  const client: PlatformClient = {
    server: "https://plenum.test",
    getNetwork: () => Promise.reject(new Error("unused")),
    requestChallenge: async (key) => {
      challenges += 1;
      return {
        challengeId: `ch${challenges}`,
        message: `plenum-node-enrol-v1\nnet_1\nch${challenges}\n${key}\n2026-11-25T12:05:00.000Z`,
        expiresAt: "2026-11-25T12:05:00.000Z",
      };
    },
    register: async (request) => {
      registered.push(request);
      registerAnswers.shift()!();
      return {
        nodeId: "node_1",
        webhookSecret: "whsec_c2VjcmV0",
        platformPublicKey: "pk",
        keyId: "pk_1",
        networkId: "net_1",
      };
    },
    sendTelemetry: () => Promise.reject(new Error("unused")),
    getCurrentRound: () => Promise.reject(new Error("unused")),
    castBallot: () => Promise.reject(new Error("unused")),
  };
  return { client, registered, challengeCount: () => challenges };
}

const enrolOptions = {
  privateKey,
  publicKey,
  enrolmentToken: "plnm_enr_x",
  name: "n1",
  endpointUrl: "https://node.test/",
};

describe("enrolNode", () => {
  it("signs the challenge's message exactly as sent and registers with it", async () => {
    const { client, registered } = fakeClient([() => "ok"]);
    await expect(enrolNode({ client, ...enrolOptions })).resolves.toMatchObject({ nodeId: "node_1" });
    const [request] = registered;
    expect(request).toMatchObject({
      challengeId: "ch1",
      publicKey,
      enrolmentToken: "plnm_enr_x",
      name: "n1",
    });
    const message = `plenum-node-enrol-v1\nnet_1\nch1\n${publicKey}\n2026-11-25T12:05:00.000Z`;
    expect(
      verify(null, Buffer.from(message), publicKeyObject, Buffer.from(request!.signature, "base64url")),
    ).toBe(true);
  });

  it("retries a 410 once with a fresh challenge, and not twice", async () => {
    const gone = () => {
      throw new PlatformError(410, "GONE", "challenge expired", null);
    };
    const once = fakeClient([gone, () => "ok"]);
    await expect(enrolNode({ client: once.client, ...enrolOptions })).resolves.toMatchObject({
      nodeId: "node_1",
    });
    expect(once.registered.map((request) => request.challengeId)).toEqual(["ch1", "ch2"]);
    const twice = fakeClient([gone, gone, () => "ok"]);
    await expect(enrolNode({ client: twice.client, ...enrolOptions })).rejects.toMatchObject({ status: 410 });
    expect(twice.challengeCount()).toBe(2);
  });

  it("does not retry other errors", async () => {
    const forbidden = fakeClient([
      () => {
        throw new PlatformError(403, "FORBIDDEN", "token", null);
      },
    ]);
    await expect(enrolNode({ client: forbidden.client, ...enrolOptions })).rejects.toMatchObject({
      status: 403,
    });
    expect(forbidden.challengeCount()).toBe(1);
  });
});

describe("describeEnrolmentError", () => {
  const error = (status: number, message = "server says why") => new PlatformError(status, "X", message, 12);
  it.each([
    [
      403,
      "the token is unknown, expired, revoked or used up: create a new one at https://plenum.test/tokens",
    ],
    [422, "the platform refused the endpoint URL: server says why"],
    [409, "this key is already registered as a node (server says why)"],
    [401, "did not accept this key's signature"],
    [400, "malformed: server says why"],
    [410, "check that this machine's clock is right"],
    [429, "try again in 12 s"],
    [500, "the platform answered 500 X: server says why"],
  ])("%i tells a person what to do", (status, text) => {
    expect(describeEnrolmentError(error(status), "https://plenum.test")).toContain(text);
  });

  it("passes on why the platform could not be reached", () => {
    expect(describeEnrolmentError(new PlatformUnreachableError("cannot reach x (ECONNREFUSED)"), "x")).toBe(
      "cannot reach x (ECONNREFUSED)",
    );
  });
});

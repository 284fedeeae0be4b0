import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import { sha256Hex, utf8Bytes } from "@/lib/server/platform/encoding";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { createTestNode, type TestNode } from "../testing/create-test-node";
import { signNodeRequest } from "../testing/sign-node-request";
import { verifyNodeRequest } from "./verify-node-request";

const now = new Date("2026-11-25T12:00:00.000Z");
const nowSeconds = now.getTime() / 1000;
const method = "POST";

let database: TestDatabase;
let node: TestNode;
let retired: TestNode;
let other: TestNode;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  node = await createTestNode(database.db, { name: "relay-a" });
  other = await createTestNode(database.db, { name: "relay-b" });
  retired = await createTestNode(database.db, { name: "relay-gone", status: "Gone" });
});
afterAll(async () => {
  await database.drop();
});

/** A fresh, correctly signed request (unique body, so no two share a signature); `tweak` changes what is sent. */
function signedRequest({
  signer = node,
  timestamp = nowSeconds,
  signedPath,
  headerOverrides = {},
}: {
  signer?: TestNode;
  timestamp?: number;
  signedPath?: string;
  headerOverrides?: Record<string, string | null>;
} = {}) {
  counter += 1;
  const path = `/api/v1/nodes/${signer.nodeId}/telemetry`;
  const body = `{"n":${counter}}`;
  const signed = signNodeRequest({
    privateKey: signer.privateKey,
    nodeId: signer.nodeId,
    method,
    path: signedPath ?? path,
    body,
    timestamp,
  });
  const headers = new Headers(signed);
  for (const [name, value] of Object.entries(headerOverrides)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return { headers, method, path, bodyBytes: utf8Bytes(body), now };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("verifyNodeRequest", () => {
  it("accepts a correctly signed request and names the node and its operator", async () => {
    await expect(verifyNodeRequest(database.db, signedRequest())).resolves.toEqual({
      nodeId: node.nodeId,
      operatorId: node.operatorId,
    });
  });

  it("accepts timestamps exactly 300 s either side of the server clock", async () => {
    await expect(
      verifyNodeRequest(database.db, signedRequest({ timestamp: nowSeconds + 300 })),
    ).resolves.toBeTruthy();
    await expect(
      verifyNodeRequest(database.db, signedRequest({ timestamp: nowSeconds - 300 })),
    ).resolves.toBeTruthy();
  });

  it.each([
    [301, "301 s ahead of"],
    [-301, "301 s behind"],
  ])(
    "refuses a timestamp %i s off with 401 saying by how much and to sync the clock",
    async (offset, words) => {
      const error = await failure(
        verifyNodeRequest(database.db, signedRequest({ timestamp: nowSeconds + offset })),
      );
      expect(error.code).toBe("UNAUTHENTICATED");
      expect(error.message).toContain(words);
      expect(error.message).toContain("NTP");
    },
  );

  it("refuses the same request a second time with 409, and lets only one of 10 concurrent copies through", async () => {
    const request = signedRequest();
    await verifyNodeRequest(database.db, request);
    const error = await failure(verifyNodeRequest(database.db, request));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("replay");

    const copy = signedRequest();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => verifyNodeRequest(database.db, copy)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as DomainError).code).toBe("CONFLICT");
    }
  });

  it("remembers the signature hash until the timestamp's window closes", async () => {
    const request = signedRequest({ timestamp: nowSeconds - 10 });
    await verifyNodeRequest(database.db, request);
    const signature = Buffer.from(request.headers.get("plenum-signature")!, "base64url");
    const row = await database.db.nodeRequestReplay.findUnique({
      where: { signatureHash: sha256Hex(signature) },
      select: { nodeId: true, expiresAt: true },
    });
    expect(row).toEqual({ nodeId: node.nodeId, expiresAt: new Date("2026-11-25T12:04:50.000Z") });
  });

  it("refuses a signature made with another key with 401", async () => {
    const impostor = { ...node, privateKey: generateKeyPairSync("ed25519").privateKey };
    const error = await failure(verifyNodeRequest(database.db, signedRequest({ signer: impostor })));
    expect(error.code).toBe("UNAUTHENTICATED");
    expect(error.message).toContain("does not verify");
  });

  it("refuses a request signed for another path with 401", async () => {
    const error = await failure(
      verifyNodeRequest(database.db, signedRequest({ signedPath: `/api/v1/nodes/${node.nodeId}/ballots` })),
    );
    expect(error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a tampered body, method or query with 401", async () => {
    const tamperedBody = signedRequest();
    tamperedBody.bodyBytes = utf8Bytes('{"n":-1}');
    expect((await failure(verifyNodeRequest(database.db, tamperedBody))).code).toBe("UNAUTHENTICATED");
    const otherMethod = { ...signedRequest(), method: "PUT" };
    expect((await failure(verifyNodeRequest(database.db, otherMethod))).code).toBe("UNAUTHENTICATED");
    const withQuery = signedRequest();
    withQuery.path += "?x=1";
    expect((await failure(verifyNodeRequest(database.db, withQuery))).code).toBe("UNAUTHENTICATED");
  });

  it("refuses an unknown node and a retired node with 401", async () => {
    const unknown = await failure(
      verifyNodeRequest(
        database.db,
        signedRequest({ headerOverrides: { "plenum-node-id": "no_such_node" } }),
      ),
    );
    expect(unknown.code).toBe("UNAUTHENTICATED");
    expect(unknown.message).toContain("No node no_such_node");
    const gone = await failure(verifyNodeRequest(database.db, signedRequest({ signer: retired })));
    expect(gone.code).toBe("UNAUTHENTICATED");
    expect(gone.message).toContain("retired");
  });

  it("refuses a validly signed request about another node with 403", async () => {
    const error = await failure(
      verifyNodeRequest(database.db, { ...signedRequest({ signer: other }), expectedNodeId: node.nodeId }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toContain(other.nodeId);
  });

  it.each(["plenum-node-id", "plenum-timestamp", "plenum-signature"])(
    "answers 400 naming %s when it is missing",
    async (header) => {
      const error = await failure(
        verifyNodeRequest(database.db, signedRequest({ headerOverrides: { [header]: null } })),
      );
      expect(error.code).toBe("BAD_INPUT");
      expect(error.message).toContain(`The ${header} header is missing`);
    },
  );

  it.each([
    ["plenum-timestamp", "1764072000.5"],
    ["plenum-timestamp", "2026-11-25T12:00:00Z"],
    ["plenum-node-id", "node/../x"],
  ])("answers 400 naming %s when it is %j", async (header, value) => {
    const error = await failure(
      verifyNodeRequest(database.db, signedRequest({ headerOverrides: { [header]: value } })),
    );
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toContain(`The ${header} header is malformed`);
  });

  it.each([
    ["not base64url", "!!!!"],
    ["63 bytes", Buffer.alloc(63).toString("base64url")],
    ["65 bytes", Buffer.alloc(65).toString("base64url")],
    ["padded base64", Buffer.alloc(64, 1).toString("base64")],
  ])("refuses a signature that is %s with 401", async (_what, value) => {
    const error = await failure(
      verifyNodeRequest(database.db, signedRequest({ headerOverrides: { "plenum-signature": value } })),
    );
    expect(error.code).toBe("UNAUTHENTICATED");
  });
});

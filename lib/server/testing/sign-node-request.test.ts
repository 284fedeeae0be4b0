import { createHash, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signNodeRequest } from "./sign-node-request";

/** Checks the headers from the protocol text alone, with node:crypto, not the platform's helpers. */
function independentlyVerifies(
  headers: Record<string, string>,
  { publicKeyPem, method, path, body }: { publicKeyPem: string; method: string; path: string; body: Buffer },
): boolean {
  const input = `plenum-node-req-v1\n${method}\n${path}\n${headers["plenum-timestamp"]}\n${createHash("sha256").update(body).digest("hex")}`;
  return verify(
    null,
    Buffer.from(input, "utf8"),
    createPublicKey(publicKeyPem),
    Buffer.from(headers["plenum-signature"]!, "base64url"),
  );
}

describe("signNodeRequest", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ format: "pem", type: "spki" }).toString();
  const privateKeyPem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const body = '{"at":"2026-11-25T12:00:00Z","peers":3}';
  const path = "/api/v1/nodes/node_1/telemetry";

  it("returns exactly the three plenum-node-* headers", () => {
    const headers = signNodeRequest({
      privateKey,
      nodeId: "node_1",
      method: "POST",
      path,
      body,
      timestamp: 1_764_072_000,
    });
    expect(Object.keys(headers).sort()).toEqual(["plenum-node-id", "plenum-signature", "plenum-timestamp"]);
    expect(headers["plenum-node-id"]).toBe("node_1");
    expect(headers["plenum-timestamp"]).toBe("1764072000");
    expect(headers["plenum-signature"]).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it("signs what the protocol says, from a KeyObject or PEM, a string or bytes, with the method upper-cased", () => {
    const fromPem = signNodeRequest({
      privateKey: privateKeyPem,
      nodeId: "node_1",
      method: "post",
      path,
      body: Buffer.from(body, "utf8"),
      timestamp: 1_764_072_000,
    });
    const fromKey = signNodeRequest({
      privateKey,
      nodeId: "node_1",
      method: "POST",
      path,
      body,
      timestamp: 1_764_072_000,
    });
    expect(fromPem).toEqual(fromKey);
    expect(
      independentlyVerifies(fromKey, { publicKeyPem, method: "POST", path, body: Buffer.from(body) }),
    ).toBe(true);
    expect(
      independentlyVerifies(fromKey, {
        publicKeyPem,
        method: "POST",
        path: `${path}?x=1`,
        body: Buffer.from(body),
      }),
    ).toBe(false);
  });

  it("signs an empty body as the SHA-256 of zero bytes", () => {
    const headers = signNodeRequest({
      privateKey,
      nodeId: "node_1",
      method: "GET",
      path: "/api/v1/rounds/current",
      body: "",
      timestamp: 5,
    });
    expect(
      independentlyVerifies(headers, {
        publicKeyPem,
        method: "GET",
        path: "/api/v1/rounds/current",
        body: Buffer.alloc(0),
      }),
    ).toBe(true);
  });
});

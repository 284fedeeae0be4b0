import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  generateEd25519KeyPair,
  importEd25519PrivateKey,
  importEd25519PublicKey,
  keyIdFor,
  signEd25519,
  verifyEd25519,
} from "./ed25519";
import { fromBase64Url, sha256Hex, toBase64Url } from "./encoding";

const pair = generateEd25519KeyPair();
const other = generateEd25519KeyPair();
const message = Buffer.from("plenum-node-enrol-v1\nnet_1\nchallenge\n", "utf8");

// RFC 8032 §7.1, test 1 (empty message).
const RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const RFC_SIGNATURE =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

describe("Ed25519 keys", () => {
  it("exports the public key as b64url of 32 raw bytes and the private key as PKCS#8 PEM", () => {
    expect(fromBase64Url(pair.publicKey)).toHaveLength(32);
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(importEd25519PrivateKey(pair.privateKeyPem).asymmetricKeyType).toBe("ed25519");
  });

  it("imports the public key it exported, and the same key the private key derives", () => {
    const derived = createPublicKey(importEd25519PrivateKey(pair.privateKeyPem));
    expect(importEd25519PublicKey(pair.publicKey).export({ format: "jwk" }).x).toBe(pair.publicKey);
    expect(derived.export({ format: "jwk" }).x).toBe(pair.publicKey);
  });

  it.each([
    ["31 bytes", toBase64Url(new Uint8Array(31))],
    ["33 bytes", toBase64Url(new Uint8Array(33))],
    ["standard base64", "+".repeat(43)],
  ])("refuses a public key of %s", (_label, key) => {
    expect(() => importEd25519PublicKey(key)).toThrow(TypeError);
  });

  it("refuses a private key of another type", () => {
    const { privateKey } = generateKeyPairSync("x25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => importEd25519PrivateKey(pem)).toThrow(/Ed25519/);
  });
});

describe("keyIdFor", () => {
  it("is pk_ + the first 16 hex digits of SHA-256 over the raw key, stable across calls", () => {
    expect(keyIdFor(pair.publicKey)).toBe(`pk_${sha256Hex(fromBase64Url(pair.publicKey)).slice(0, 16)}`);
    expect(keyIdFor(pair.publicKey)).toBe(keyIdFor(pair.publicKey));
    expect(keyIdFor(pair.publicKey)).toMatch(/^pk_[0-9a-f]{16}$/);
    expect(keyIdFor(other.publicKey)).not.toBe(keyIdFor(pair.publicKey));
  });
});

describe("sign and verify", () => {
  it("matches the RFC 8032 test vector", () => {
    const privateKey = createPrivateKey({
      key: {
        kty: "OKP",
        crv: "Ed25519",
        d: Buffer.from(RFC_SECRET, "hex").toString("base64url"),
        x: Buffer.from(RFC_PUBLIC, "hex").toString("base64url"),
      },
      format: "jwk",
    });
    const signature = signEd25519(privateKey, new Uint8Array());
    expect(signature.toString("hex")).toBe(RFC_SIGNATURE);
    expect(
      verifyEd25519(Buffer.from(RFC_PUBLIC, "hex").toString("base64url"), new Uint8Array(), signature),
    ).toBe(true);
  });

  it("round-trips with a PEM or an imported key", () => {
    const signature = signEd25519(pair.privateKeyPem, message);
    expect(signature).toHaveLength(64);
    expect(verifyEd25519(pair.publicKey, message, signature)).toBe(true);
    expect(verifyEd25519(importEd25519PublicKey(pair.publicKey), message, signature)).toBe(true);
  });

  it("fails for another key, a malformed key or a truncated signature", () => {
    const signature = signEd25519(pair.privateKeyPem, message);
    expect(verifyEd25519(other.publicKey, message, signature)).toBe(false);
    expect(verifyEd25519("not-a-key", message, signature)).toBe(false);
    expect(verifyEd25519(pair.publicKey, message, signature.subarray(0, 63))).toBe(false);
  });

  it("fails when any bit of the message or the signature flips", () => {
    const signature = signEd25519(pair.privateKeyPem, message);
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), (inSignature, index, bit) => {
        const target = Buffer.from(inSignature ? signature : message);
        const at = index % target.length;
        target[at] = target[at]! ^ (1 << bit);
        const ok = inSignature
          ? verifyEd25519(pair.publicKey, message, target)
          : verifyEd25519(pair.publicKey, target, signature);
        expect(ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

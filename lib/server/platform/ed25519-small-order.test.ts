import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ED25519_FIELD_PRIME } from "@/lib/domain/node-protocol/ed25519-public-key";
import {
  ed25519PublicKeyRefusalFor,
  generateEd25519KeyPair,
  importEd25519PublicKey,
  isWeakEd25519PublicKey,
  verifyEd25519,
} from "./ed25519";

/** The identity point (0, 1): the simplest small-order key. */
const IDENTITY = Buffer.from("0100000000000000000000000000000000000000000000000000000000000000", "hex");
/** A point of order 8. */
const ORDER_EIGHT = Buffer.from("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", "hex");
/** y = p + 1: a non-canonical encoding of the identity. */
const NON_CANONICAL = Buffer.from((ED25519_FIELD_PRIME + 1n).toString(16).padStart(64, "0"), "hex").reverse();

/** R = the identity, s = 0: under a key A with [8]A = 0 (and [h]A = 0 here) s·B = R + h·A holds for any message. */
const FORGED_SIGNATURE = Buffer.concat([IDENTITY, Buffer.alloc(32)]);

const message = Buffer.from("plenum-node-enrol-v1\nnet_1\nchl_forged\n", "utf8");

function nodeCryptoKey(raw: Buffer) {
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
    format: "jwk",
  });
}

describe("the small-order key attack", () => {
  it("works against node:crypto alone: it imports the identity key and a forged signature verifies for any message", () => {
    for (const raw of [IDENTITY, NON_CANONICAL]) {
      const key = nodeCryptoKey(raw);
      expect(verify(null, message, key, FORGED_SIGNATURE)).toBe(true);
      expect(verify(null, Buffer.from("any other message"), key, FORGED_SIGNATURE)).toBe(true);
    }
  });

  it("fails through ed25519.ts: the key is refused on import, so the forged signature does not verify", () => {
    for (const raw of [IDENTITY, ORDER_EIGHT, NON_CANONICAL]) {
      const publicKey = raw.toString("base64url");
      expect(isWeakEd25519PublicKey(publicKey)).toBe(true);
      expect(() => importEd25519PublicKey(publicKey)).toThrow(/^publicKey: /);
      expect(verifyEd25519(publicKey, message, FORGED_SIGNATURE)).toBe(false);
    }
  });

  it("names the rule in the refusal and lets ordinary keys through", () => {
    expect(ed25519PublicKeyRefusalFor(IDENTITY.toString("base64url"))).toMatch(/small-order/);
    expect(ed25519PublicKeyRefusalFor(NON_CANONICAL.toString("base64url"))).toMatch(/non-canonical/);
    const { publicKey } = generateEd25519KeyPair();
    expect(ed25519PublicKeyRefusalFor(publicKey)).toBeNull();
    expect(isWeakEd25519PublicKey(publicKey)).toBe(false);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildConfigEnvelope, parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { defaultParameterValues } from "@/lib/domain/parameters/catalogue";
import { generateEd25519KeyPair, keyIdFor, verifyEd25519 } from "../platform/ed25519";
import { fromBase64Url, sha256Hex } from "../platform/encoding";
import { signConfigEnvelope } from "./sign-config-envelope";

const pair = generateEd25519KeyPair();
const key = { keyId: keyIdFor(pair.publicKey), privateKeyPem: pair.privateKeyPem };
const envelope = buildConfigEnvelope(
  { version: 6, sha256: "c".repeat(64) },
  {
    networkId: "net_test",
    issuedAt: new Date("2026-05-01T00:00:00Z"),
    activateAt: new Date("2026-05-02T00:00:00Z"),
    proposals: ["prop_a", "prop_b"],
    params: defaultParameterValues(),
  },
);

describe("signConfigEnvelope", () => {
  const signed = signConfigEnvelope(envelope, key);
  const bytes = Buffer.from(signed.text, "utf8");
  const signature = fromBase64Url(signed.signature);

  it("signs the UTF-8 bytes of the serialised text and hashes the same bytes", () => {
    expect(verifyEd25519(pair.publicKey, bytes, signature)).toBe(true);
    expect(signed.sha256).toBe(sha256Hex(bytes));
    expect(signed.keyId).toBe(key.keyId);
    expect(parseConfigEnvelope(signed.text)).toEqual(envelope);
  });

  it("is deterministic: the same envelope and key give the same text, hash and signature", () => {
    expect(signConfigEnvelope(structuredClone(envelope), key)).toEqual(signed);
  });

  it("detects any flipped byte in the envelope or the signature (property)", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), (inSignature, index, mask) => {
        const tamperedBytes = Buffer.from(bytes);
        const tamperedSignature = Buffer.from(signature);
        const target = inSignature ? tamperedSignature : tamperedBytes;
        const at = index % target.length;
        target[at] = target[at]! ^ mask;
        expect(verifyEd25519(pair.publicKey, tamperedBytes, tamperedSignature)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("does not verify under another key", () => {
    expect(verifyEd25519(generateEd25519KeyPair().publicKey, bytes, signature)).toBe(false);
  });
});

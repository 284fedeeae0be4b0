import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64Url, sha256Hex, signatureFingerprint, toBase64Url } from "./encoding";

describe("base64url", () => {
  it("round-trips any bytes without padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(new Uint8Array(fromBase64Url(text))).toEqual(bytes);
      }),
    );
  });

  it("encodes a view of a larger buffer without its neighbours", () => {
    const buffer = new Uint8Array([1, 2, 3, 4, 5]);
    expect(toBase64Url(buffer.subarray(1, 3))).toBe(Buffer.from([2, 3]).toString("base64url"));
  });

  it.each([
    ["padding", "AQI="],
    ["standard-alphabet characters", "a+b/"],
    ["whitespace", "AQ I"],
    ["an impossible length", "A"],
    ["non-canonical trailing bits", "AR"],
  ])("refuses %s", (_label, text) => {
    expect(() => fromBase64Url(text)).toThrow(/base64url/);
  });
});

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ])("hashes %j to the FIPS 180-2 vector", (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
    expect(sha256Hex(Buffer.from(input, "utf8"))).toBe(expected);
  });

  it("hashes strings as UTF-8", () => {
    expect(sha256Hex("é")).toBe(sha256Hex(new Uint8Array([0xc3, 0xa9])));
  });
});

describe("signatureFingerprint", () => {
  it("is the first 16 hex digits of the signature's SHA-256 in groups of 4", () => {
    const signature = toBase64Url(new Uint8Array(64).fill(7));
    const digest = sha256Hex(new Uint8Array(64).fill(7));
    expect(signatureFingerprint(signature)).toBe(
      `${digest.slice(0, 4)} ${digest.slice(4, 8)} ${digest.slice(8, 12)} ${digest.slice(12, 16)}`,
    );
  });
});

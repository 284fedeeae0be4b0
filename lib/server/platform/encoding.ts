import { createHash } from "node:crypto";

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding, as the node protocol writes bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

/**
 * Strict inverse of toBase64Url: Buffer alone silently skips characters outside the alphabet, so a
 * value that does not round-trip is refused instead of being decoded to different bytes.
 */
export function fromBase64Url(text: string): Buffer {
  const bytes = Buffer.from(text, "base64url");
  if (!BASE64URL.test(text) || bytes.toString("base64url") !== text) {
    throw new TypeError("Not base64url without padding (alphabet A-Z a-z 0-9 - _)");
  }
  return bytes;
}

export function utf8Bytes(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

/** Lower-case hex SHA-256; strings are hashed as their UTF-8 bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Short, readable identifier of a signature: the first 16 hex digits of its SHA-256, in groups of 4. */
export function signatureFingerprint(signatureB64url: string): string {
  const digest = sha256Hex(fromBase64Url(signatureB64url)).slice(0, 16);
  return digest.match(/.{4}/g)!.join(" ");
}

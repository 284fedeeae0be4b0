/**
 * Which 32-byte Ed25519 public keys a node may register. OpenSSL (node:crypto) accepts every encoding
 * below, and under a small-order key a forged "signature" (R = the identity, s = 0) verifies for any
 * message, so such a key proves nothing about who holds it.
 */

/** p = 2^255 − 19, the field of Curve25519. */
export const ED25519_FIELD_PRIME = 2n ** 255n - 19n;

/**
 * The y-coordinates of the 8 points whose order divides 8 (the identity, the point of order 2, the two
 * of order 4 and the four of order 8; a point and its negation share y). Any encoding with one of these
 * y values — either sign bit, also "negative zero" — is a small-order point. ed25519-public-key.test.ts
 * recomputes this list from the curve equation.
 */
export const SMALL_ORDER_Y = [
  0n, // order 4: (±√−1, 0)
  1n, // order 1: the identity (0, 1)
  ED25519_FIELD_PRIME - 1n, // order 2: (0, −1)
  0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n, // order 8
  0x05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n, // order 8
] as const;

export type Ed25519PublicKeyProblem = "length" | "non-canonical" | "small-order";

/** The y-coordinate a 32-byte encoding carries: little-endian, without the top (sign of x) bit. */
export function encodedY(bytes: Uint8Array): bigint {
  let y = 0n;
  for (let index = bytes.length - 1; index >= 0; index--) {
    y = (y << 8n) | BigInt(index === 31 ? bytes[index]! & 0x7f : bytes[index]!);
  }
  return y;
}

/** Null for an acceptable key; else why it is refused: not 32 bytes, y ≥ p, or a small-order point. */
export function ed25519PublicKeyProblem(bytes: Uint8Array): Ed25519PublicKeyProblem | null {
  if (bytes.length !== 32) return "length";
  const y = encodedY(bytes);
  if (y >= ED25519_FIELD_PRIME) return "non-canonical";
  if ((SMALL_ORDER_Y as readonly bigint[]).includes(y)) return "small-order";
  return null;
}

/** What a person reads when their node key is refused (the field is `publicKey`). */
export function ed25519PublicKeyRefusal(problem: Ed25519PublicKeyProblem): string {
  const allowed =
    "send base64url (no padding) of the 32 raw bytes of an Ed25519 public key made by a standard key generator (`npm run agent -- keygen`).";
  switch (problem) {
    case "length":
      return `publicKey: is not 32 bytes; ${allowed}`;
    case "non-canonical":
      return `publicKey: is a non-canonical encoding (its y-coordinate is not below 2^255 − 19), which is not allowed; ${allowed}`;
    case "small-order":
      return `publicKey: is one of the 8 small-order points, for which any signature verifies, so it is not allowed; ${allowed}`;
  }
}

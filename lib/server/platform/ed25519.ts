import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import {
  ed25519PublicKeyProblem,
  ed25519PublicKeyRefusal,
} from "@/lib/domain/node-protocol/ed25519-public-key";
import { fromBase64Url, sha256Hex } from "./encoding";

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

export interface Ed25519KeyPair {
  /** b64url of the 32 raw public key bytes. */
  publicKey: string;
  /** PKCS#8 PEM. A secret: never log it or return it from an API. */
  privateKeyPem: string;
}

export function generateEd25519KeyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKey: exportEd25519PublicKey(publicKey),
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
}

/** b64url of the raw 32 bytes (the JWK `x` member is exactly that). */
export function exportEd25519PublicKey(key: KeyObject): string {
  const { x } = key.export({ format: "jwk" });
  if (key.asymmetricKeyType !== "ed25519" || typeof x !== "string") {
    throw new TypeError("Not an Ed25519 key");
  }
  return x;
}

export function importEd25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: "pem" });
  if (key.asymmetricKeyType !== "ed25519") throw new TypeError("The private key is not an Ed25519 key");
  return key;
}

/**
 * Null when `publicKeyB64url` is b64url of 32 bytes that make an acceptable Ed25519 key; else the
 * message (naming the field `publicKey`) that says why not. node:crypto alone accepts the small-order
 * points and non-canonical encodings, under which forged signatures verify.
 */
export function ed25519PublicKeyRefusalFor(publicKeyB64url: string): string | null {
  let raw: Buffer;
  try {
    raw = fromBase64Url(publicKeyB64url);
  } catch {
    return "publicKey: is not base64url without padding; send base64url (no padding) of the 32 raw bytes of an Ed25519 public key made by a standard key generator (`npm run agent -- keygen`).";
  }
  const problem = ed25519PublicKeyProblem(raw);
  return problem === null ? null : ed25519PublicKeyRefusal(problem);
}

/** True for a 32-byte key refused only for its point: small order or a non-canonical encoding. */
export function isWeakEd25519PublicKey(publicKeyB64url: string): boolean {
  try {
    const problem = ed25519PublicKeyProblem(fromBase64Url(publicKeyB64url));
    return problem === "small-order" || problem === "non-canonical";
  } catch {
    return false;
  }
}

/**
 * Throws a TypeError unless `publicKeyB64url` is b64url of exactly 32 bytes forming an Ed25519 key that
 * is canonically encoded and not of small order (ed25519PublicKeyRefusalFor).
 */
export function importEd25519PublicKey(publicKeyB64url: string): KeyObject {
  const raw = fromBase64Url(publicKeyB64url);
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new TypeError(`An Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes; got ${raw.length}`);
  }
  const problem = ed25519PublicKeyProblem(raw);
  if (problem !== null) throw new TypeError(ed25519PublicKeyRefusal(problem));
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicKeyB64url }, format: "jwk" });
}

export function signEd25519(privateKey: KeyObject | string, bytes: Uint8Array): Buffer {
  const key = typeof privateKey === "string" ? importEd25519PrivateKey(privateKey) : privateKey;
  return sign(null, bytes, key);
}

/** False for a wrong signature, a signature of the wrong length or a malformed public key. */
export function verifyEd25519(
  publicKey: KeyObject | string,
  bytes: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    const key = typeof publicKey === "string" ? importEd25519PublicKey(publicKey) : publicKey;
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

/** Stable id of a public key: "pk_" + the first 16 hex digits of SHA-256 over its raw bytes. */
export function keyIdFor(publicKeyB64url: string): string {
  return `pk_${sha256Hex(fromBase64Url(publicKeyB64url)).slice(0, 16)}`;
}

import { serializeConfigEnvelope, type ConfigEnvelope } from "@/lib/domain/config/envelope";
import { signEd25519 } from "../platform/ed25519";
import { sha256Hex, toBase64Url, utf8Bytes } from "../platform/encoding";

export interface SignedConfigEnvelope {
  /** The exact JSON text whose UTF-8 bytes were signed; store and send it unchanged. */
  text: string;
  sha256: string;
  /** b64url Ed25519 signature over the UTF-8 bytes of `text`. */
  signature: string;
  keyId: string;
}

export function signConfigEnvelope(
  envelope: ConfigEnvelope,
  key: { keyId: string; privateKeyPem: string },
): SignedConfigEnvelope {
  const text = serializeConfigEnvelope(envelope);
  const bytes = utf8Bytes(text);
  return {
    text,
    sha256: sha256Hex(bytes),
    signature: toBase64Url(signEd25519(key.privateKeyPem, bytes)),
    keyId: key.keyId,
  };
}

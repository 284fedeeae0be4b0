import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

/** The node's Ed25519 key in a PKCS#8 PEM file that only its owner can read (mode 0600). */
export interface NodeKey {
  privateKey: KeyObject;
  /** b64url of the 32 raw public key bytes, as the protocol sends it. */
  publicKey: string;
}

export class KeyFileError extends Error {
  override name = "KeyFileError";
}

export function publicKeyOf(privateKey: KeyObject): string {
  const { x } = createPublicKey(privateKey).export({ format: "jwk" });
  if (typeof x !== "string") throw new KeyFileError("not an Ed25519 key");
  return x;
}

/** Writes `text` to a new file created with mode 0600; an existing file is an error unless `isOverwrite`. */
export function writeSecretFile(path: string, text: string, { isOverwrite }: { isOverwrite: boolean }): void {
  if (isOverwrite && existsSync(path)) unlinkSync(path);
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new KeyFileError(`${path} already exists; not overwriting it (pass --force to replace it)`);
    }
    throw new KeyFileError(`cannot create ${path}: ${(error as Error).message}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

export function createKeyFile(path: string, { isOverwrite }: { isOverwrite: boolean }): NodeKey {
  const { privateKey } = generateKeyPairSync("ed25519");
  writeSecretFile(path, privateKey.export({ format: "pem", type: "pkcs8" }).toString(), { isOverwrite });
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export function readKeyFile(path: string): NodeKey {
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new KeyFileError(`no key file at ${path}; create one with \`keygen --key ${path}\``);
    }
    throw new KeyFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new KeyFileError(`${path} is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new KeyFileError(`${path} holds a ${privateKey.asymmetricKeyType} key; nodes use Ed25519`);
  }
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

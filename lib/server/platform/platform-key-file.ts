import { createPublicKey, randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { exportEd25519PublicKey, importEd25519PrivateKey } from "./ed25519";

/** A platform key setting that cannot be used as it stands; the message says what to do. */
export class PlatformKeyError extends Error {
  override name = "PlatformKeyError";
}

/** One private key kept outside the database, matched to its PlatformKey row by the public key. */
export interface ExternalPlatformKey {
  /** b64url of the 32 raw public key bytes. */
  publicKey: string;
  /** PKCS#8 PEM. A secret: never log it or return it from an API. */
  privateKeyPem: string;
}

const PEM_BLOCK = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/g;

/** Reads one or more PKCS#8 PEM blocks of Ed25519 keys; `where` names their source in errors (never the text). */
export function parsePlatformKeyPems(text: string, where: string): ExternalPlatformKey[] {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new PlatformKeyError(
      `${where} holds no PEM block: it must hold the platform's Ed25519 private key(s) as PKCS#8 PEM (-----BEGIN PRIVATE KEY----- …).`,
    );
  }
  return blocks.map((block, index) => {
    try {
      const key = importEd25519PrivateKey(block);
      const pem = key.export({ format: "pem", type: "pkcs8" }).toString();
      return { publicKey: exportEd25519PublicKey(createPublicKey(key)), privateKeyPem: pem };
    } catch {
      throw new PlatformKeyError(
        `PEM block ${index + 1} of ${where} is not an Ed25519 private key in PKCS#8 form; restore the file from its backup.`,
      );
    }
  });
}

/** The file text for `keys`: their PEM blocks one after another, each public key once. */
export function formatPlatformKeyPems(keys: readonly ExternalPlatformKey[]): string {
  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const key of keys) {
    if (seen.has(key.publicKey)) continue;
    seen.add(key.publicKey);
    blocks.push(key.privateKeyPem.trim());
  }
  return `${blocks.join("\n")}\n`;
}

/**
 * The keys in `file`, or null when it does not exist. Refuses a file whose mode lets the group or other
 * users in (the message says the exact chmod) and anything that is not a regular file.
 */
export function readPlatformKeyFile(file: string): ExternalPlatformKey[] | null {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new PlatformKeyError(
      `Cannot read the platform key file ${file} (PLENUM_PLATFORM_KEY_FILE): ${(error as Error).message}`,
    );
  }
  if (!stats.isFile()) {
    throw new PlatformKeyError(
      `The platform key file ${file} (PLENUM_PLATFORM_KEY_FILE) is not a regular file.`,
    );
  }
  const mode = stats.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new PlatformKeyError(
      `The platform key file ${file} has mode ${mode.toString(8).padStart(4, "0")}, so other users may read the platform's private key. Run \`chmod 600 ${file}\` and start again.`,
    );
  }
  return parsePlatformKeyPems(readFileSync(file, "utf8"), `The platform key file ${file}`);
}

/** Writes `text` to a new file beside `file` with mode 0600 and returns its path. */
function writeTemporary(file: string, text: string): string {
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temporary = path.join(
    folder,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The umask can only narrow the mode; set it anyway so the file is 0600 whatever created the folder.
  chmodSync(temporary, 0o600);
  return temporary;
}

/**
 * Writes `keys` to `file` atomically with mode 0600 (a temporary file in the same folder, then a rename,
 * so a reader never sees half a file). With `onlyIfAbsent` an existing file is left alone and false is
 * returned (two processes creating the file at once keep one of them).
 */
export function writePlatformKeyFile(
  file: string,
  keys: readonly ExternalPlatformKey[],
  { onlyIfAbsent = false }: { onlyIfAbsent?: boolean } = {},
): boolean {
  const temporary = writeTemporary(file, formatPlatformKeyPems(keys));
  try {
    if (!onlyIfAbsent) {
      renameSync(temporary, file);
      return true;
    }
    try {
      linkSync(temporary, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    } finally {
      unlinkSync(temporary);
    }
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // already renamed or removed
    }
    throw error;
  }
}

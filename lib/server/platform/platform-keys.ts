import { isPlatformKeyUsable } from "@/lib/domain/config/platform-key-rotation";
import { DomainError } from "@/lib/domain/errors";
import type { Db, DbOrTransaction } from "./db";
import { generateEd25519KeyPair, keyIdFor } from "./ed25519";
import { PlatformKeyError, writePlatformKeyFile, type ExternalPlatformKey } from "./platform-key-file";
import {
  describeKeySetting,
  externalPrivateKeyPem,
  platformKeySetting,
  readExternalPlatformKeys,
  rememberExternalPlatformKeys,
  type PlatformKeySetting,
} from "./platform-key-store";

export const NOT_BOOTSTRAPPED =
  "The platform has not been set up yet: run `npm start` (it applies the migrations like `npm run db:deploy` " +
  "and creates the network, its signing key and config version 1), then try again.";

/** A platform key with its private key. Never log it or return it from anything that reaches HTTP. */
export interface PlatformSigningKey {
  keyId: string;
  publicKey: string;
  privateKeyPem: string;
}

interface KeyRow {
  keyId: string;
  publicKey: string;
  privateKeyPem: string | null;
  createdAt: Date;
  retiredAt: Date | null;
  validUntil: Date | null;
}

const KEY_ROW = {
  keyId: true,
  publicKey: true,
  privateKeyPem: true,
  createdAt: true,
  retiredAt: true,
  validUntil: true,
} as const;

/** Newest first: the signing key (the newest unretired one) leads. */
const NEWEST_FIRST = [{ createdAt: "desc" as const }, { keyId: "desc" as const }];

export const SIGNING_KEY = { where: { retiredAt: null }, orderBy: NEWEST_FIRST };

function missingPrivateKey(row: { keyId: string; publicKey: string }, setting: PlatformKeySetting): string {
  const hint =
    setting.kind === "database"
      ? "If it was moved to a key file, set PLENUM_PLATFORM_KEY_FILE to that file (or PLENUM_PLATFORM_KEY to its PEM text) and start again."
      : "Restore the key file from its backup (or set the variable that holds this key) and start again.";
  return `The private key of platform key ${row.keyId} (public key ${row.publicKey}) is in neither ${describeKeySetting(setting)}. ${hint}`;
}

/** The row's private key from the database or from outside it; null when neither has it. */
function privateKeyOf(row: Pick<KeyRow, "publicKey" | "privateKeyPem">): string | null {
  return row.privateKeyPem ?? externalPrivateKeyPem(row.publicKey);
}

/** The key that signs new versions: the newest one not retired. The private key never leaves the server. */
export async function getSigningKey(db: DbOrTransaction): Promise<PlatformSigningKey> {
  const key = await db.platformKey.findFirst({
    ...SIGNING_KEY,
    select: { keyId: true, publicKey: true, privateKeyPem: true },
  });
  if (!key) throw new DomainError("NOT_READY", NOT_BOOTSTRAPPED);
  const privateKeyPem = privateKeyOf(key);
  if (privateKeyPem === null)
    throw new DomainError("NOT_READY", missingPrivateKey(key, platformKeySetting()));
  return { keyId: key.keyId, publicKey: key.publicKey, privateKeyPem };
}

/**
 * Every key that signs pushes at `now`: the signing key first, then each retired key still in its
 * overlap (so a node that has not yet seen the rotation version still verifies the push).
 */
export async function getPushSigningKeys(db: DbOrTransaction, now: Date): Promise<PlatformSigningKey[]> {
  const signing = await getSigningKey(db);
  const overlapping = await db.platformKey.findMany({
    where: { retiredAt: { not: null }, validUntil: { gt: now } },
    orderBy: NEWEST_FIRST,
    select: { keyId: true, publicKey: true, privateKeyPem: true },
  });
  const keys = [signing];
  for (const row of overlapping) {
    const privateKeyPem = privateKeyOf(row);
    // ensurePlatform refuses to start without it; a key removed since simply stops signing.
    if (privateKeyPem !== null) keys.push({ keyId: row.keyId, publicKey: row.publicKey, privateKeyPem });
  }
  return keys;
}

/**
 * A new key pair for an empty database, stored where `setting` keeps keys: returned with its PEM for the
 * database, or written to a new key file (an existing file's first key is used instead) or taken from
 * PLENUM_PLATFORM_KEY, then returned with `privateKeyPem: null` for the row.
 */
export function createFirstPlatformKey(setting: PlatformKeySetting): {
  keyId: string;
  publicKey: string;
  privateKeyPem: string;
  storedPrivateKeyPem: string | null;
} {
  const external = readExternalPlatformKeys(setting);
  let key: ExternalPlatformKey | undefined = external[0];
  if (!key) {
    key = generateEd25519KeyPair();
    if (setting.kind === "file" && !writePlatformKeyFile(setting.path, [key], { onlyIfAbsent: true })) {
      // Another process created the file first: its key is the network's.
      key = readExternalPlatformKeys(setting)[0]!;
    }
  }
  if (setting.kind !== "database") rememberExternalPlatformKeys(readExternalPlatformKeys(setting));
  return {
    keyId: keyIdFor(key.publicKey),
    publicKey: key.publicKey,
    privateKeyPem: key.privateKeyPem,
    storedPrivateKeyPem: setting.kind === "database" ? key.privateKeyPem : null,
  };
}

/**
 * Brings the database and the key file (or variable) in line with `setting` at start: private keys in
 * the database move to the key file (created 0600 when missing, then cleared in the database), keys
 * past their overlap are removed from both, and every key that still signs must have its private key
 * somewhere — else a PlatformKeyError says which one is missing. Read the rows before the file so a
 * process doing the same at the same time never makes a key look missing.
 */
export async function reconcilePlatformKeys(db: Db, { now }: { now: Date }): Promise<void> {
  const setting = platformKeySetting();
  const rows: KeyRow[] = await db.platformKey.findMany({ orderBy: NEWEST_FIRST, select: KEY_ROW });
  const expired = rows.filter((row) => !isPlatformKeyUsable(row, now));
  const expiredPublicKeys = new Set(expired.map((row) => row.publicKey));
  const live = rows.filter((row) => isPlatformKeyUsable(row, now));

  const external = readExternalPlatformKeys(setting);
  const held = new Set(external.map((key) => key.publicKey));
  const toClear = new Set(expired.filter((row) => row.privateKeyPem !== null).map((row) => row.keyId));

  if (setting.kind === "file") {
    const moving = live.filter((row) => row.privateKeyPem !== null && !held.has(row.publicKey));
    const keep = external.filter((key) => !expiredPublicKeys.has(key.publicKey));
    if (moving.length > 0 || keep.length !== external.length) {
      const next = [
        ...keep,
        ...moving.map((row) => ({ publicKey: row.publicKey, privateKeyPem: row.privateKeyPem! })),
      ];
      // A missing file is created here (0600) with the database's keys; the rows are cleared below.
      if (next.length > 0) writePlatformKeyFile(setting.path, next);
      for (const row of moving) held.add(row.publicKey);
    }
    for (const row of live) if (row.privateKeyPem !== null) toClear.add(row.keyId);
  } else if (setting.kind === "env") {
    for (const row of live) if (row.privateKeyPem !== null && held.has(row.publicKey)) toClear.add(row.keyId);
  }

  for (const row of live) {
    if (row.privateKeyPem === null && !held.has(row.publicKey)) {
      throw new PlatformKeyError(missingPrivateKey(row, setting));
    }
  }
  if (toClear.size > 0) {
    await db.platformKey.updateMany({
      where: { keyId: { in: [...toClear] } },
      data: { privateKeyPem: null },
    });
  }
  if (setting.kind !== "database") rememberExternalPlatformKeys(readExternalPlatformKeys(setting));
}

/**
 * Makes a new key pair and, under a key file, appends it to the file (atomically, 0600) before any row
 * names it; `privateKeyPem` is what the new row stores (null under a key file). PLENUM_PLATFORM_KEY is
 * read-only, so rotation refuses it.
 */
export function createNextPlatformKey(setting: PlatformKeySetting): {
  keyId: string;
  publicKey: string;
  storedPrivateKeyPem: string | null;
  /** Undoes the file change when the rotation is not stored after all. */
  discard(): void;
} {
  if (setting.kind === "env") {
    throw new DomainError(
      "UNPROCESSABLE",
      "The platform key comes from PLENUM_PLATFORM_KEY, which cannot be changed from here, so the key was not rotated. Use a key file for rotation: write that PEM text to a file, `chmod 600` it, set PLENUM_PLATFORM_KEY_FILE to it instead of PLENUM_PLATFORM_KEY, and run the rotation again.",
    );
  }
  const pair = generateEd25519KeyPair();
  const keyId = keyIdFor(pair.publicKey);
  if (setting.kind === "database") {
    return { keyId, publicKey: pair.publicKey, storedPrivateKeyPem: pair.privateKeyPem, discard: () => {} };
  }
  const current = readExternalPlatformKeys(setting);
  writePlatformKeyFile(setting.path, [...current, pair]);
  rememberExternalPlatformKeys([...current, pair]);
  return {
    keyId,
    publicKey: pair.publicKey,
    storedPrivateKeyPem: null,
    discard() {
      const kept = readExternalPlatformKeys(setting).filter((key) => key.publicKey !== pair.publicKey);
      if (kept.length > 0) writePlatformKeyFile(setting.path, kept);
      rememberExternalPlatformKeys(kept);
    },
  };
}

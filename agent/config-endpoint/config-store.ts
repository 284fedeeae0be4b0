import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { selectActiveVersion } from "../../lib/domain/config/envelope";
import { type HeldConfig, NOTHING_HELD } from "../endpoint-server";
import { type TrustedKey } from "./verify-push";

/** One config version as the node received it: the envelope bytes are kept exactly as sent. */
export interface HeldVersion {
  version: number;
  /** b64url of the envelope bytes, unchanged. */
  envelope: string;
  signature: string;
  keyId: string;
  sha256: string;
  prevSha256: string;
  /** ISO-8601 UTC, from the envelope. */
  activateAt: string;
}

const heldVersionSchema = z.object({
  version: z.int().min(1),
  envelope: z.string(),
  signature: z.string(),
  keyId: z.string(),
  sha256: z.string(),
  prevSha256: z.string(),
  activateAt: z.iso.datetime(),
});

const storedConfigSchema = z.object({
  versions: z.array(heldVersionSchema),
  applied: z.array(z.int().min(1)),
  /** Platform keys learned from rotation versions (absent in stores written before key rotation). */
  platformKeys: z.array(z.object({ keyId: z.string().min(1), publicKey: z.string().min(1) })).default([]),
});

type StoredConfig = z.infer<typeof storedConfigSchema>;

export class ConfigStoreError extends Error {
  override name = "ConfigStoreError";
}

/** The config versions one node holds, and the versions it has applied (so a restart does not apply twice). */
export interface ConfigStore {
  /** Held versions, ascending: the active one and every staged one above it. */
  versions(): readonly HeldVersion[];
  /** What `GET <endpointUrl>` and an ACK report at `now`. */
  held(now: Date): HeldConfig;
  /**
   * Adds versions above the highest held one, and the platform keys they announced (a rotation), and
   * persists before returning.
   */
  add(versions: readonly HeldVersion[], learnedKeys?: readonly TrustedKey[]): void;
  /** Platform keys this node learned from rotation versions, oldest first (the enrolment key is not here). */
  learnedKeys(): readonly TrustedKey[];
  /** Applies the version in force at `now` when it is not applied yet; returns it (to log) or null. */
  activate(now: Date): number | null;
  /** True while some held version is above the active one (an activation may still come). */
  hasStaged(now: Date): boolean;
  /** Versions applied, in order. */
  appliedLog(): readonly number[];
}

function activeAt(versions: readonly HeldVersion[], now: Date): { version: number } | null {
  return selectActiveVersion(
    versions.map((held) => ({ version: held.version, activateAt: new Date(held.activateAt) })),
    now,
  );
}

function readStored(file: string): StoredConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigStoreError(
      `cannot read the held configs in ${file} (${(error as Error).message}); delete the file and the platform will push the config again`,
    );
  }
  const result = storedConfigSchema.safeParse(parsed);
  if (!result.success) {
    throw new ConfigStoreError(
      `${file} does not hold configs in the expected shape; delete it and the platform will push the config again`,
    );
  }
  return result.data;
}

/**
 * Opens the config store kept in `file` (JSON, written to a temporary file then renamed so a crash never
 * leaves half a file), or an in-memory store when `file` is undefined.
 */
export function openConfigStore(file?: string): ConfigStore {
  const stored: StoredConfig =
    file !== undefined && existsSync(file)
      ? readStored(file)
      : { versions: [], applied: [], platformKeys: [] };
  stored.versions.sort((a, b) => a.version - b.version);

  const persist = () => {
    if (file === undefined) return;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored) + "\n", { mode: 0o600 });
    renameSync(temporary, file);
  };

  const store: ConfigStore = {
    versions: () => stored.versions,
    held(now) {
      const highest = stored.versions.at(-1);
      if (!highest) return NOTHING_HELD;
      return {
        activeVersion: activeAt(stored.versions, now)?.version ?? 0,
        stagedVersion: highest.version,
        sha256: highest.sha256,
      };
    },
    add(versions, learnedKeys = []) {
      const highest = stored.versions.at(-1)?.version ?? 0;
      const above = versions.filter((held) => held.version > highest);
      const known = new Set(stored.platformKeys.map((key) => key.keyId));
      const newKeys = learnedKeys.filter((key) => !known.has(key.keyId));
      if (above.length === 0 && newKeys.length === 0) return;
      stored.versions.push(...above);
      stored.versions.sort((a, b) => a.version - b.version);
      stored.platformKeys.push(...newKeys.map(({ keyId, publicKey }) => ({ keyId, publicKey })));
      persist();
    },
    learnedKeys: () => stored.platformKeys,
    activate(now) {
      const active = activeAt(stored.versions, now);
      if (!active || stored.applied.includes(active.version)) return null;
      stored.applied.push(active.version);
      // Older versions are never needed again: the chain check only looks at the highest held one.
      stored.versions = stored.versions.filter((held) => held.version >= active.version);
      persist();
      return active.version;
    },
    hasStaged(now) {
      const highest = stored.versions.at(-1)?.version ?? 0;
      return highest > (activeAt(stored.versions, now)?.version ?? 0);
    },
    appliedLog: () => stored.applied,
  };
  return store;
}

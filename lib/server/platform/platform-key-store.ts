import path from "node:path";
import { envSchema, type Env } from "./env";
import {
  parsePlatformKeyPems,
  PlatformKeyError,
  readPlatformKeyFile,
  type ExternalPlatformKey,
} from "./platform-key-file";

/**
 * Where the platform's private keys live: in the database (the default), in a key file
 * (PLENUM_PLATFORM_KEY_FILE, mode 0600, rotation appends to it) or in PLENUM_PLATFORM_KEY (read-only).
 */
export type PlatformKeySetting =
  { kind: "database" } | { kind: "file"; path: string } | { kind: "env"; pems: string };

export function platformKeySettingFrom(
  env: Pick<Env, "PLENUM_PLATFORM_KEY_FILE" | "PLENUM_PLATFORM_KEY">,
): PlatformKeySetting {
  if (env.PLENUM_PLATFORM_KEY_FILE && env.PLENUM_PLATFORM_KEY) {
    throw new PlatformKeyError(
      "Set only one of PLENUM_PLATFORM_KEY_FILE and PLENUM_PLATFORM_KEY (a key file can be rotated; the variable cannot).",
    );
  }
  if (env.PLENUM_PLATFORM_KEY_FILE) return { kind: "file", path: path.resolve(env.PLENUM_PLATFORM_KEY_FILE) };
  if (env.PLENUM_PLATFORM_KEY) return { kind: "env", pems: env.PLENUM_PLATFORM_KEY };
  return { kind: "database" };
}

const keySettingsSchema = envSchema.pick({ PLENUM_PLATFORM_KEY_FILE: true, PLENUM_PLATFORM_KEY: true });

interface KeyStoreState {
  /** Set by configurePlatformKeys; otherwise read from process.env when first needed. */
  setting?: PlatformKeySetting;
  /** Private keys read from the file or the variable, by public key (this process's copy). */
  external: Map<string, string>;
}

// On globalThis, like the database client: Next.js may load this module more than once.
const globalForKeys = globalThis as unknown as { plenumPlatformKeys?: KeyStoreState };
const state: KeyStoreState = (globalForKeys.plenumPlatformKeys ??= { external: new Map<string, string>() });

/** Sets where this process keeps the platform's private keys (undefined: from the environment again). */
export function configurePlatformKeys(setting: PlatformKeySetting | undefined): void {
  state.setting = setting;
  state.external.clear();
}

/** The configured setting, else the one PLENUM_PLATFORM_KEY_FILE / PLENUM_PLATFORM_KEY give. */
export function platformKeySetting(): PlatformKeySetting {
  if (state.setting) return state.setting;
  const parsed = keySettingsSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new PlatformKeyError(`Invalid environment: ${lines.join("; ")}`);
  }
  state.setting = platformKeySettingFrom(parsed.data);
  return state.setting;
}

/** The private keys kept outside the database under `setting` (none for "database" or a missing file). */
export function readExternalPlatformKeys(setting: PlatformKeySetting): ExternalPlatformKey[] {
  switch (setting.kind) {
    case "database":
      return [];
    case "file":
      return readPlatformKeyFile(setting.path) ?? [];
    case "env":
      return parsePlatformKeyPems(setting.pems, "PLENUM_PLATFORM_KEY");
  }
}

/** Keeps this process's copy of the external keys equal to `keys`. */
export function rememberExternalPlatformKeys(keys: readonly ExternalPlatformKey[]): void {
  state.external.clear();
  for (const key of keys) state.external.set(key.publicKey, key.privateKeyPem);
}

/**
 * The private key of `publicKey` from the key file or the variable, or null. A key not in this process's
 * copy is looked up again (another process — a rotation — may have added it to the file since).
 */
export function externalPrivateKeyPem(publicKey: string): string | null {
  const known = state.external.get(publicKey);
  if (known !== undefined) return known;
  const setting = platformKeySetting();
  if (setting.kind === "database") return null;
  rememberExternalPlatformKeys(readExternalPlatformKeys(setting));
  return state.external.get(publicKey) ?? null;
}

/** Where a private key was looked for, for messages. */
export function describeKeySetting(setting: PlatformKeySetting): string {
  switch (setting.kind) {
    case "database":
      return "the database (neither PLENUM_PLATFORM_KEY_FILE nor PLENUM_PLATFORM_KEY is set)";
    case "file":
      return `the database or the key file ${setting.path} (PLENUM_PLATFORM_KEY_FILE)`;
    case "env":
      return "the database or PLENUM_PLATFORM_KEY";
  }
}

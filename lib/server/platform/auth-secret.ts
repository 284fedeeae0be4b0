import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const AUTH_SECRET_FILE = path.join("data", "auth-secret");

/**
 * The secret Better Auth signs cookies with: PLENUM_AUTH_SECRET when set, otherwise a random one kept
 * in `data/auth-secret` (created once, mode 0600) so development and the demo work out of the box and
 * sessions survive restarts. The value is never logged.
 */
export function resolveAuthSecret({
  env = process.env,
  file = path.resolve(/* turbopackIgnore: true */ process.cwd(), AUTH_SECRET_FILE),
}: { env?: Record<string, string | undefined>; file?: string } = {}): string {
  const fromEnv = env.PLENUM_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  try {
    const stored = readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
    if (stored) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(/* turbopackIgnore: true */ path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": when another process created the file first, its secret wins.
    writeFileSync(/* turbopackIgnore: true */ file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
  }
  chmodSync(/* turbopackIgnore: true */ file, 0o600);
  return secret;
}

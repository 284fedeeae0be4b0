import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { twoFactor } from "better-auth/plugins/two-factor";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/operator-password";
import { checkAuthInput, operatorDatabaseHooks } from "@/lib/server/platform/auth-input";
import { resolveAuthSecret } from "@/lib/server/platform/auth-secret";
import { databaseKind, getDb, type Db } from "@/lib/server/platform/db";
import { loadEnv, publicUrlOf } from "@/lib/server/platform/env";

export interface AuthSettings {
  /** Origin people use to reach the app; also Better Auth's base URL. */
  publicUrl: string;
  secret: string;
  /** Session cookies carry `Secure` (and the `__Secure-` prefix). */
  isSecureCookies: boolean;
}

/** Settings from the environment: PLENUM_PUBLIC_URL (default http://localhost:<PORT>), the secret. */
export function authSettingsFromEnv(source: Record<string, string | undefined> = process.env): AuthSettings {
  const env = loadEnv(source);
  const publicUrl = publicUrlOf(env);
  return {
    publicUrl,
    secret: resolveAuthSecret({ env: source }),
    isSecureCookies: publicUrl.startsWith("https://") || source.NODE_ENV === "production",
  };
}

/** The origin a request was addressed to, from its Host header (what the browser's Origin must equal). */
function requestHostOrigin(request: Request | undefined): string | null {
  if (!request) return null;
  const host = request.headers.get("host");
  if (!host) return null;
  return `${new URL(request.url).protocol}//${host}`;
}

/**
 * Better Auth over our Prisma models: Operator is its user (role and region are ours, never taken
 * from sign-up input), database sessions, email + password hashed with scrypt (memory-hard, the
 * library's default). Sign-in and sign-up are rate-limited by the route handler, backed by the
 * database so every replica shares the counts; Better Auth's in-memory limiter is off. Display
 * names and email lengths follow lib/schemas/operator-account.ts (checkAuthInput refuses early with
 * a 400 naming the field; the database hooks store the normalised name on every user write); new
 * passwords must pass the strength estimate, and a sign-up never says an e-mail is registered.
 * Two-factor sign-in is Better Auth's twoFactor plugin: TOTP (issuer "Plenum") with ten one-time
 * backup codes, both stored encrypted with the secret; a sign-in with it on answers
 * `{ twoFactorRedirect: true }` and sets no session until /two-factor/verify-totp (or
 * verify-backup-code) accepts a code. The plugin's own limits hold (5 codes per sign-in, then the
 * password again; 10 wrong codes in a row lock the account's second step for 15 minutes); the route
 * handler adds Plenum's per-address and per-account limits.
 */
export function createAuth(db: Db, settings: AuthSettings = authSettingsFromEnv()) {
  return betterAuth({
    appName: "Plenum",
    baseURL: settings.publicUrl,
    secret: settings.secret,
    database: prismaAdapter(db, { provider: databaseKind(db) === "sqlite" ? "sqlite" : "postgresql" }),
    telemetry: { enabled: false },
    rateLimit: { enabled: false },
    trustedOrigins: (request) => [settings.publicUrl, requestHostOrigin(request)],
    user: {
      modelName: "operator",
      fields: { name: "displayName" },
      additionalFields: {
        role: { type: "string", required: false, input: false, defaultValue: "operator" },
        region: { type: "string", required: false, input: false },
      },
    },
    session: { modelName: "session", fields: { userId: "operatorId" } },
    account: { modelName: "account", fields: { userId: "operatorId" } },
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    hooks: { before: checkAuthInput },
    plugins: [
      twoFactor({
        issuer: "Plenum",
        schema: { twoFactor: { modelName: "twoFactor", fields: { userId: "operatorId" } } },
      }),
    ],
    databaseHooks: operatorDatabaseHooks,
    advanced: { useSecureCookies: settings.isSecureCookies },
  });
}

export type Auth = ReturnType<typeof createAuth>;

// On globalThis for the same reason as getDb(): Next.js may load this module once per bundle.
const globalForAuth = globalThis as unknown as { plenumAuths?: WeakMap<Db, Auth> };
const auths = (globalForAuth.plenumAuths ??= new WeakMap());

/** One Better Auth instance per database client, with the settings from the environment. */
export function authFor(db: Db): Auth {
  let auth = auths.get(db);
  if (!auth) {
    auth = createAuth(db);
    auths.set(db, auth);
  }
  return auth;
}

/** The process-wide Better Auth instance over getDb(). */
export async function getAuth(): Promise<Auth> {
  return authFor(await getDb());
}

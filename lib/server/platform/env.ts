import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./database-url";

const flag = z
  .enum(["0", "1"], { error: 'must be "0" or "1"' })
  .optional()
  .transform((value) => value === "1");

const PEM_PRIVATE_KEY = /^(?:-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\s]+-----END PRIVATE KEY-----\s*)+$/;

/** Every variable Plenum reads; `.env.example` documents each one. */
export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseDatabaseUrl(value?.trim() ? value : DEFAULT_DATABASE_URL);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  PORT: z.coerce
    .number({ error: "must be a whole number from 1 to 65535" })
    .int()
    .min(1)
    .max(65535)
    .default(3000),
  /** Where people reach the web app (origin only); defaults to http://localhost:<PORT>. */
  PLENUM_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://plenum.example.org" })
    .optional()
    .transform((value) => (value ? new URL(value).origin : undefined)),
  /** Signs session cookies; when unset, a random secret is kept in data/auth-secret. */
  PLENUM_AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  PLENUM_NETWORK_NAME: z.string().trim().min(1).max(80).default("Plenum network"),
  PLENUM_ALLOW_PRIVATE_ENDPOINTS: flag,
  PLENUM_TRUST_PROXY: flag,
  PLENUM_DEMO_DATA: z
    .enum(["0", "1"], { error: 'must be "0" or "1"' })
    .default("1")
    .transform((value) => value === "1"),
  /** `npm start` runs a 25-node demo fleet next to the demo network (and allows loopback endpoints for it). */
  PLENUM_DEMO_FLEET: z
    .enum(["0", "1"], { error: 'must be "0" or "1"' })
    .default("1")
    .transform((value) => value === "1"),
  /**
   * File holding the platform's private key(s), PKCS#8 PEM, mode 0600: the signing key and any key still
   * in its rotation overlap. Created on first start (from the database's key, which then leaves the
   * database); without it (and without PLENUM_PLATFORM_KEY) the key stays in the database.
   */
  PLENUM_PLATFORM_KEY_FILE: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || !/[\0\r\n]/.test(value), {
      error: "must be a file path (no line breaks)",
    }),
  /** The same PEM text in a variable (read-only: rotating the key needs PLENUM_PLATFORM_KEY_FILE). */
  PLENUM_PLATFORM_KEY: z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.replace(/\\n/g, "\n").trim() : undefined))
    .refine((value) => value === undefined || PEM_PRIVATE_KEY.test(value), {
      // Never echo the value: it is a secret.
      error:
        "must be one or more PKCS#8 PEM blocks (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----) of Ed25519 keys",
    }),
  PLENUM_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  PLENUM_WORKER_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Config pushes one worker keeps in flight at once (each node and destination IP still gets its own limit). */
  PLENUM_SYNC_MAX_IN_FLIGHT: z.coerce
    .number({ error: "must be a whole number from 1 to 1024" })
    .int({ error: "must be a whole number from 1 to 1024" })
    .min(1, { error: "must be a whole number from 1 to 1024" })
    .max(1024, { error: "must be a whole number from 1 to 1024" })
    .default(32),
  /** The longest one Explore search runs in the worker, in seconds; then it offers what it found so far. */
  PLENUM_EXPLORE_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds from 5 to 600" })
    .int({ error: "must be a whole number of seconds from 5 to 600" })
    .min(5, { error: "must be a whole number of seconds from 5 to 600" })
    .max(600, { error: "must be a whole number of seconds from 5 to 600" })
    .default(60),
  /** Days raw telemetry samples are kept; the hourly and daily rollups made from them are kept for good. */
  PLENUM_TELEMETRY_RETENTION_DAYS: z.coerce
    .number({ error: "must be a whole number of days from 1 to 3650" })
    .int({ error: "must be a whole number of days from 1 to 3650" })
    .min(1, { error: "must be a whole number of days from 1 to 3650" })
    .max(3650, { error: "must be a whole number of days from 1 to 3650" })
    .default(7),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** The settings a request's procedures need, read from the environment once by the route that serves it. */
export interface RequestSettings {
  /** Node endpoints may be private addresses (the local demo fleet); never in production. */
  allowPrivateEndpoints: boolean;
}

export function requestSettingsFrom(env: Env): RequestSettings {
  return { allowPrivateEndpoints: env.PLENUM_ALLOW_PRIVATE_ENDPOINTS };
}

/** The origin people use to reach the web app: PLENUM_PUBLIC_URL, or http://localhost:<PORT>. */
export function publicUrlOf(env: Env): string {
  return env.PLENUM_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}

/** Parses the environment; a bad variable stops start-up with its name and the accepted forms. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) {
    if (result.data.PLENUM_PLATFORM_KEY_FILE && result.data.PLENUM_PLATFORM_KEY) {
      throw new EnvError(
        "Invalid environment:\n  PLENUM_PLATFORM_KEY_FILE, PLENUM_PLATFORM_KEY: set only one of them (a key file can be rotated; the variable cannot)",
      );
    }
    return result.data;
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}

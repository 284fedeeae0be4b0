import { z } from "zod";
import { DOMAIN_ERROR_CODES } from "@/lib/domain/errors";

/** Zod contracts of the REST node protocol (docs node-protocol.md); the OpenAPI document is generated from them. */

const b64url = (bytes: number, what: string) =>
  z
    .string()
    .length(Math.ceil((bytes * 4) / 3), { error: `must be the b64url encoding of ${bytes} bytes` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: "must be base64url without padding (A-Z a-z 0-9 - _)" })
    .describe(`${what}: base64url without padding of ${bytes} bytes`);

const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hex digits" })
  .describe("SHA-256, lower-case hex");

const versionNumber = z.int().min(1).describe("Config version number; versions increase by exactly 1");

export const ed25519PublicKeySchema = b64url(32, "Ed25519 public key");
export const ed25519SignatureSchema = b64url(64, "Ed25519 signature");

export const networkInfoSchema = z.object({
  networkId: z.string().describe("Id of the network; every config envelope carries it"),
  name: z.string(),
  platformPublicKey: ed25519PublicKeySchema.describe(
    "Platform Ed25519 public key (b64url of the 32 raw bytes) that signs config versions",
  ),
  keyId: z.string().describe("Id of the platform key, repeated in every config version it signs"),
  latestVersion: versionNumber.describe("Highest config version issued so far"),
});

export const configVersionResponseSchema = z.object({
  version: versionNumber,
  envelope: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .describe(
      'b64url of the envelope bytes: UTF-8 JSON { "schema": "plenum.config/1", "networkId", "version", "prevSha256", "issuedAt", "activateAt", "proposals", "params" }. Verify and parse these exact bytes; never re-serialise.',
    ),
  signature: ed25519SignatureSchema.describe("b64url(ed25519(platform key, envelope bytes))"),
  keyId: z.string().describe("Id of the platform key that signed"),
  sha256: sha256Hex.describe("hex(sha256(envelope bytes)); the next version's prevSha256"),
});

/** Codes of platform error bodies: every DomainError code, plus INTERNAL for unexpected failures. */
export const ERROR_BODY_CODES = [...DOMAIN_ERROR_CODES, "INTERNAL"] as const;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_BODY_CODES),
    message: z.string().describe("What went wrong and what to do next, for a person to read"),
  }),
});

/** The `{version}` path segment: a positive whole number written in plain decimal. */
export const configVersionParamSchema = z.object({
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, {
      error:
        "must be a positive whole number such as 1 or 42 (use /api/v1/config/latest for the newest version)",
    })
    .describe("Config version number: a positive whole number")
    .transform(Number)
    .pipe(z.int().max(2_147_483_647, { error: "is larger than any config version" })),
});

export type NetworkInfo = z.infer<typeof networkInfoSchema>;
export type ConfigVersionResponse = z.infer<typeof configVersionResponseSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ErrorBodyCode = (typeof ERROR_BODY_CODES)[number];

import { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import { PARAMETER_KEYS, signedParameterValuesSchema } from "@/lib/domain/parameters/catalogue";

export const CONFIG_ENVELOPE_SCHEMA = "plenum.config/1";

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hex digits" });
const utcTimeSchema = z.iso.datetime({
  error: "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00.000Z",
});

/**
 * Additive field of the version that rotates the platform key: signed by the old key, it names the key
 * that signs from then on, so a node that trusts the old key learns the new one from the platform itself.
 */
export const nextPlatformKeySchema = z
  .strictObject({
    keyId: z
      .string()
      .regex(/^pk_[0-9a-f]{16}$/, { error: 'must be "pk_" + 16 lower-case hex digits' })
      .describe('"pk_" + the first 16 hex digits of SHA-256 over the raw public key bytes'),
    publicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, { error: "must be base64url without padding of 32 bytes" })
      .describe("The new Ed25519 public key: base64url without padding of its 32 raw bytes"),
  })
  .describe(
    "Present only on the version that rotates the platform key (signed by the old key): trust this key for every later version and push. The old key still signs pushes during the overlap period.",
  );

export type NextPlatformKey = z.infer<typeof nextPlatformKeySchema>;

/** The signed config body (node-protocol.md "Config versions"); version 1 alone has an empty prevSha256. */
export const configEnvelopeSchema = z
  .strictObject({
    schema: z.literal(CONFIG_ENVELOPE_SCHEMA, { error: `must be "${CONFIG_ENVELOPE_SCHEMA}"` }),
    networkId: z.string().min(1, { error: "must not be empty" }),
    version: z.int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }),
    prevSha256: z.union([z.literal(""), sha256HexSchema], {
      error: 'must be "" (version 1) or the 64 hex digit SHA-256 of the previous version',
    }),
    issuedAt: utcTimeSchema,
    activateAt: utcTimeSchema,
    proposals: z.array(z.string().min(1, { error: "must not be empty" })),
    params: signedParameterValuesSchema,
    nextPlatformKey: nextPlatformKeySchema.optional(),
  })
  .refine((envelope) => (envelope.version === 1) === (envelope.prevSha256 === ""), {
    path: ["prevSha256"],
    error: 'must be "" for version 1 and the previous version\'s SHA-256 for every later version',
  });

export type ConfigEnvelope = z.infer<typeof configEnvelopeSchema>;

export interface ConfigEnvelopeFields {
  networkId: string;
  issuedAt: Date;
  activateAt: Date;
  proposals: readonly string[];
  params: ConfigEnvelope["params"];
  /** Only on the version that rotates the platform key. */
  nextPlatformKey?: NextPlatformKey;
}

/** Version N+1 chains to version N through N's SHA-256; with no previous version it is version 1. */
export function buildConfigEnvelope(
  previous: { version: number; sha256: string } | null,
  fields: ConfigEnvelopeFields,
): ConfigEnvelope {
  return {
    schema: CONFIG_ENVELOPE_SCHEMA,
    networkId: fields.networkId,
    version: previous ? previous.version + 1 : 1,
    prevSha256: previous ? previous.sha256 : "",
    issuedAt: fields.issuedAt.toISOString(),
    activateAt: fields.activateAt.toISOString(),
    proposals: [...fields.proposals],
    params: fields.params,
    ...(fields.nextPlatformKey
      ? {
          nextPlatformKey: {
            keyId: fields.nextPlatformKey.keyId,
            publicKey: fields.nextPlatformKey.publicKey,
          },
        }
      : {}),
  };
}

/**
 * The exact JSON text that gets signed: fields in protocol order (nextPlatformKey, when present, last),
 * params in catalogue order, no whitespace, so the same envelope always yields the same bytes. Throws a ZodError for an invalid envelope.
 */
export function serializeConfigEnvelope(envelope: ConfigEnvelope): string {
  const valid = configEnvelopeSchema.parse(envelope);
  return JSON.stringify({
    schema: valid.schema,
    networkId: valid.networkId,
    version: valid.version,
    prevSha256: valid.prevSha256,
    issuedAt: valid.issuedAt,
    activateAt: valid.activateAt,
    proposals: valid.proposals,
    params: Object.fromEntries(PARAMETER_KEYS.map((key) => [key, valid.params[key]])),
    // Additive: absent from every version except the one that rotates the platform key.
    ...(valid.nextPlatformKey
      ? {
          nextPlatformKey: { keyId: valid.nextPlatformKey.keyId, publicKey: valid.nextPlatformKey.publicKey },
        }
      : {}),
  });
}

/** Reads envelope text as a node would; throws DomainError BAD_INPUT naming every problem. */
export function parseConfigEnvelope(text: string): ConfigEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainError("BAD_INPUT", `The config envelope is not valid JSON: ${(error as Error).message}`);
  }
  const result = configEnvelopeSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "envelope"}: ${issue.message}`,
  );
  throw new DomainError(
    "BAD_INPUT",
    `The config envelope is not a ${CONFIG_ENVELOPE_SCHEMA} envelope: ${problems.join("; ")}`,
  );
}

/** The version in force at `now`: the latest activateAt ≤ now, the higher version on a tie; null before any. */
export function selectActiveVersion<T extends { version: number; activateAt: Date }>(
  versions: readonly T[],
  now: Date,
): T | null {
  let active: T | null = null;
  for (const candidate of versions) {
    if (candidate.activateAt.getTime() > now.getTime()) continue;
    const isLater =
      active === null ||
      candidate.activateAt.getTime() > active.activateAt.getTime() ||
      (candidate.activateAt.getTime() === active.activateAt.getTime() && candidate.version > active.version);
    if (isLater) active = candidate;
  }
  return active;
}

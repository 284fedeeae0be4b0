import { z } from "zod";

/**
 * The export shapes of node-protocol.md "Public audit exports", written out here rather than imported
 * from lib/schemas so that the verifier shares no code with the server. Unknown fields are ignored:
 * every hash is recomputed from the named fields only.
 */
const allocationSchema = z.object({ proposalId: z.string(), votes: z.int() });

export const auditEventSchema = z.object({
  seq: z.int(),
  at: z.string(),
  type: z.string(),
  subject: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditExportSchema = z.object({
  events: z.array(auditEventSchema),
  head: z.object({ seq: z.int(), hash: z.string() }),
});

export const exportedBallotSchema = z.object({
  operatorId: z.string(),
  submittedAt: z.string(),
  allocations: z.array(allocationSchema),
  cost: z.int(),
  prevReceipt: z.string(),
  receipt: z.string(),
});

export const exportedTallySchema = z.object({
  proposalId: z.string(),
  touchesGov: z.boolean(),
  net: z.int(),
  support: z.int(),
  opposition: z.int(),
  turnout: z.number(),
  outcome: z.string(),
  reason: z.string(),
});

export const roundBallotsExportSchema = z.object({
  roundId: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  creditsPerNode: z.int(),
  quorum: z.number(),
  metaSupermajority: z.number(),
  eligible: z.array(
    z.object({
      operatorId: z.string(),
      eligibleNodes: z.int(),
      budget: z.int(),
      clusters: z.array(
        z.object({ clusterId: z.string(), nodes: z.int().min(1), clusterNodes: z.int().min(1) }),
      ),
    }),
  ),
  ballots: z.array(exportedBallotSchema),
  tallies: z.array(exportedTallySchema),
  configVersion: z.int().nullable(),
});

/** The signed body of a config version; only what ratification decides is read. */
export const configEnvelopeSchema = z.object({
  version: z.int(),
  proposals: z.array(z.string()),
  params: z.record(z.string(), z.number()),
});

const envelopeTextSchema = z.string().transform((text, context): unknown => {
  try {
    return JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    context.issues.push({ code: "custom", message: "is not base64url-encoded JSON", input: text });
    return z.NEVER;
  }
});

/** GET /api/v1/config/{version} (node-protocol.md "Config versions"), read as its decoded envelope. */
export const configVersionSchema = z
  .object({ version: z.int(), envelope: envelopeTextSchema.pipe(configEnvelopeSchema) })
  .refine((config) => config.envelope.version === config.version, {
    path: ["envelope", "version"],
    error: "differs from the version it was published as",
  })
  .transform((config) => config.envelope);

/** The config version a round built on (`base`) and the one it created (null when nothing passed). */
export const roundConfigsSchema = z.object({
  base: configVersionSchema,
  created: configVersionSchema.nullable(),
});

/** GET /api/v1/proposals/{proposalId}/frozen-forecast: a passed proposal's forecast as frozen at ratification. */
export const frozenForecastExportSchema = z.object({
  proposalId: z.string(),
  configVersion: z.int(),
  frozenAt: z.string(),
  sha256: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const bundleSchema = z.object({
  audit: auditExportSchema.optional(),
  forecasts: z.array(frozenForecastExportSchema).optional(),
  rounds: z.array(
    z.object({
      counted: roundBallotsExportSchema,
      all: roundBallotsExportSchema.optional(),
      configs: roundConfigsSchema.optional(),
    }),
  ),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditExport = z.infer<typeof auditExportSchema>;
export type ExportedBallot = z.infer<typeof exportedBallotSchema>;
export type ExportedTally = z.infer<typeof exportedTallySchema>;
export type RoundBallotsExport = z.infer<typeof roundBallotsExportSchema>;
export type ConfigEnvelope = z.infer<typeof configEnvelopeSchema>;
export type RoundConfigs = z.infer<typeof roundConfigsSchema>;
export type FrozenForecastExport = z.infer<typeof frozenForecastExportSchema>;
export type Bundle = z.infer<typeof bundleSchema>;

/**
 * A closed round as published: the counted ballots and, when available, every stored ballot (?all=1)
 * and the config versions it built on and created.
 */
export interface RoundExports {
  counted: RoundBallotsExport;
  all?: RoundBallotsExport;
  configs?: RoundConfigs;
}

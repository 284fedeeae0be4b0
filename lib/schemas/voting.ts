import { z } from "zod";
import { ROUND_OUTCOMES } from "@/lib/domain/voting/ratify-round";

/** Zod contracts for voting rounds, ballots and the public audit exports (node-protocol.md), shared by REST, tRPC and forms. */

/** Large enough for any budget the catalogue allows (10,000 credits × a big operator), small enough that Σv² stays exact. */
export const MAX_VOTES_PER_PROPOSAL = 1_000_000;
export const MAX_ALLOCATIONS = 200;
export const AUDIT_PAGE_MAX = 1000;

const hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hex digits" })
  .describe("SHA-256, lower-case hex");
const utcTime = z.iso.datetime().describe("ISO-8601 UTC time");
const id = (what: string) =>
  z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(64, { error: "must be at most 64 characters" })
    .regex(/^[A-Za-z0-9_-]+$/, { error: "may contain only A-Z a-z 0-9 _ -" })
    .describe(`Id of the ${what}`);

export const roundIdSchema = id("round");
export const proposalIdSchema = id("proposal");

export const ballotAllocationSchema = z.strictObject({
  proposalId: proposalIdSchema,
  votes: z
    .int({ error: "must be a whole number: positive for, negative against, 0 for no vote" })
    .min(-MAX_VOTES_PER_PROPOSAL, { error: `must be at least -${MAX_VOTES_PER_PROPOSAL}` })
    .max(MAX_VOTES_PER_PROPOSAL, { error: `must be at most ${MAX_VOTES_PER_PROPOSAL}` })
    .describe("Votes on the proposal: positive for, negative against; each costs votes² voice credits"),
});

/** POST /api/v1/ballots and the web ballot form. */
export const ballotInputSchema = z.strictObject({
  roundId: roundIdSchema,
  allocations: z
    .array(ballotAllocationSchema)
    .max(MAX_ALLOCATIONS, { error: `must have at most ${MAX_ALLOCATIONS} allocations` })
    .describe("Votes per proposal of the round; replaces the operator's earlier ballot in the round"),
});
export type BallotInput = z.infer<typeof ballotInputSchema>;

export const ballotReceiptSchema = z.object({
  receipt: hex64.describe(
    'hex(sha256(prevReceipt + "\\n" + canonical({ roundId, operatorId, submittedAt, allocations })))',
  ),
  cost: z.int().min(0).describe("Σ votes² of the stored ballot"),
  budget: z
    .int()
    .min(0)
    .describe(
      "The operator's budget this round, from its eligible nodes' network clusters (creditsPerNode × eligible nodes when they are alone in one cluster)",
    ),
});
export type BallotReceiptResponse = z.infer<typeof ballotReceiptSchema>;

/** GET /api/v1/rounds/current. */
export const currentRoundSchema = z.object({
  roundId: roundIdSchema,
  opensAt: utcTime,
  closesAt: utcTime,
  proposals: z.array(
    z.object({
      id: proposalIdSchema,
      title: z.string(),
      summary: z.string(),
      changes: z.array(z.object({ key: z.string(), from: z.number(), to: z.number() })),
    }),
  ),
});
export type CurrentRoundResponse = z.infer<typeof currentRoundSchema>;

export const roundBallotsQuerySchema = z.object({
  all: z
    .enum(["0", "1"], { error: 'must be "1" (every stored ballot) or "0" (only the ballots that count)' })
    .optional()
    .transform((value) => value === "1"),
});

/** GET /api/v1/rounds/{roundId}/ballots (after close). */
export const roundBallotsExportSchema = z.object({
  roundId: roundIdSchema,
  opensAt: utcTime,
  closesAt: utcTime,
  creditsPerNode: z.int().min(1),
  quorum: z.number(),
  metaSupermajority: z.number(),
  eligible: z.array(
    z.object({
      operatorId: z.string(),
      eligibleNodes: z.int().min(1),
      budget: z.int().min(0),
      clusters: z
        .array(
          z.object({
            clusterId: z
              .string()
              .describe(
                'Opaque per-round id of a network cluster: the first 16 hex digits of HMAC-SHA256(platform secret, roundId + ":" + prefix); a node id for a node with no recorded prefix (it counts alone); the operator id in rounds opened before clusters (its nodes together)',
              ),
            nodes: z.int().min(1).describe("The operator's eligible nodes in the cluster"),
            clusterNodes: z
              .int()
              .min(1)
              .describe("All eligible nodes in the cluster, the same for every operator listing it"),
          }),
        )
        .describe(
          'Where the operator\'s eligible nodes are (product.md "Who counts"): per cluster t = ⌈√(⌊nodes² · creditsPerNode · 10¹² / clusterNodes⌋)⌉, r = Σ t, budget = ⌊r² / 10¹²⌋; Σ nodes = eligibleNodes',
        ),
    }),
  ),
  ballots: z.array(
    z.object({
      operatorId: z.string(),
      submittedAt: utcTime,
      allocations: z.array(z.object({ proposalId: z.string(), votes: z.int() })),
      cost: z.int().min(0),
      prevReceipt: z.union([z.literal(""), hex64]),
      receipt: hex64,
    }),
  ),
  tallies: z.array(
    z.object({
      proposalId: z.string(),
      touchesGov: z.boolean(),
      net: z.int(),
      support: z.int().min(0),
      opposition: z.int().min(0),
      turnout: z.number().min(0).max(1),
      outcome: z.enum(ROUND_OUTCOMES),
      reason: z.string(),
    }),
  ),
  configVersion: z.int().min(1).nullable(),
});
export type RoundBallotsExport = z.infer<typeof roundBallotsExportSchema>;

export const auditQuerySchema = z.object({
  after: z.coerce
    .number({ error: "must be a whole number (the last seq you hold, 0 for the start)" })
    .int({ error: "must be a whole number (the last seq you hold, 0 for the start)" })
    .min(0, { error: "must be 0 or more" })
    .default(0),
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${AUDIT_PAGE_MAX}` })
    .int({ error: `must be a whole number from 1 to ${AUDIT_PAGE_MAX}` })
    .min(1, { error: "must be at least 1" })
    .max(AUDIT_PAGE_MAX, { error: `must be at most ${AUDIT_PAGE_MAX}` })
    .default(AUDIT_PAGE_MAX),
});

/** GET /api/v1/audit. */
export const auditExportSchema = z.object({
  events: z.array(
    z.object({
      seq: z.int().min(1),
      at: utcTime,
      type: z.string(),
      subject: z.string(),
      data: z.record(z.string(), z.unknown()),
      prevHash: z.union([z.literal(""), hex64]),
      hash: hex64,
    }),
  ),
  head: z.object({ seq: z.int().min(0), hash: z.union([z.literal(""), hex64]) }),
});
export type AuditExport = z.infer<typeof auditExportSchema>;

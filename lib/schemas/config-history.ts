import { z } from "zod";
import { parameterValuesSchema } from "@/lib/domain/parameters/catalogue";
import type { ParameterChange } from "@/lib/domain/parameters/diff";
import { parameterKeySchema } from "./parameters";

export const CONFIG_HISTORY_PAGE_SIZE = 20;
export const CONFIG_HISTORY_MAX_LIMIT = 100;

/** A page of the config history, newest first: versions below `beforeVersion` (all when absent). */
export const configHistoryQuerySchema = z.object({
  limit: z
    .number()
    .int({ error: "Limit is a whole number" })
    .min(1, { error: "Limit is at least 1" })
    .max(CONFIG_HISTORY_MAX_LIMIT, { error: `Limit is at most ${CONFIG_HISTORY_MAX_LIMIT}` })
    .default(CONFIG_HISTORY_PAGE_SIZE),
  beforeVersion: z
    .number()
    .int({ error: "beforeVersion is a whole number" })
    .min(2, { error: "beforeVersion is at least 2 (version 1 is the first)" })
    .optional(),
});

export type ConfigHistoryQuery = z.infer<typeof configHistoryQuerySchema>;

const parameterChangeSchema = z.object({
  key: parameterKeySchema,
  from: z.number(),
  to: z.number(),
}) satisfies z.ZodType<ParameterChange>;

export const configHistoryEntrySchema = z.object({
  version: z.int(),
  issuedAt: z.date(),
  activateAt: z.date(),
  activatedAt: z.date().nullable(),
  isActive: z.boolean(),
  sha256: z.string(),
  prevSha256: z.string(),
  keyId: z.string(),
  signatureFingerprint: z.string(),
  proposals: z.array(z.string()),
  /** What this version changed from the one before it; empty for version 1. */
  changes: z.array(parameterChangeSchema),
  params: parameterValuesSchema,
});
export type ConfigHistoryEntry = z.infer<typeof configHistoryEntrySchema>;

/** Config versions newest first; `nextBeforeVersion` is the `beforeVersion` of the next page, null on the last. */
export const configHistorySchema = z.object({
  entries: z.array(configHistoryEntrySchema),
  nextBeforeVersion: z.int().nullable(),
});
export type ConfigHistory = z.infer<typeof configHistorySchema>;

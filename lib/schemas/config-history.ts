import { z } from "zod";

export const CONFIG_HISTORY_PAGE_SIZE = 20;

/** A page of the config history, newest first: versions below `beforeVersion` (all when absent). */
export const configHistoryQuerySchema = z.object({
  limit: z
    .number()
    .int({ error: "Limit is a whole number" })
    .min(1, { error: "Limit is at least 1" })
    .max(100, { error: "Limit is at most 100" })
    .default(CONFIG_HISTORY_PAGE_SIZE),
  beforeVersion: z
    .number()
    .int({ error: "beforeVersion is a whole number" })
    .min(2, { error: "beforeVersion is at least 2 (version 1 is the first)" })
    .optional(),
});

export type ConfigHistoryQuery = z.infer<typeof configHistoryQuerySchema>;

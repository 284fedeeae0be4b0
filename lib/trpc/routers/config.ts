import { configHistoryQuerySchema, configHistorySchema } from "@/lib/schemas/config-history";
import { listConfigHistory } from "@/lib/server/governance/config-version-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const configRouter = createTRPCRouter({
  /** Config versions newest first, a page at a time, each with what it changed. */
  history: publicProcedure
    .input(configHistoryQuerySchema)
    .output(configHistorySchema)
    .query(({ ctx, input }) => listConfigHistory(ctx.db, input)),
});

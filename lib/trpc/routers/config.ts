import { configHistoryQuerySchema } from "@/lib/schemas/config-history";
import { listConfigHistory } from "@/lib/server/governance/issue-config-version";
import { createTRPCRouter, publicProcedure } from "../init";

export const configRouter = createTRPCRouter({
  history: publicProcedure
    .input(configHistoryQuerySchema)
    .query(({ ctx, input }) => listConfigHistory(ctx.db, input)),
});

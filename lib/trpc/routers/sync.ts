import {
  retryNodeSyncInputSchema,
  syncAttemptsInputSchema,
  syncNodesQuerySchema,
  syncOverviewInputSchema,
} from "@/lib/schemas/sync";
import { retryNodeSync } from "@/lib/server/config-sync/retry-node-sync";
import { getSyncOverview, listSyncAttempts, listSyncNodes } from "@/lib/server/config-sync/sync-queries";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const syncRouter = createTRPCRouter({
  overview: publicProcedure
    .input(syncOverviewInputSchema)
    .query(({ ctx, input }) => getSyncOverview(ctx.db, { ...input, now: ctx.now() })),
  nodes: publicProcedure
    .input(syncNodesQuerySchema)
    .query(({ ctx, input }) => listSyncNodes(ctx.db, { ...input, viewer: ctx.operator })),
  attempts: publicProcedure
    .input(syncAttemptsInputSchema)
    .query(({ ctx, input }) => listSyncAttempts(ctx.db, { ...input, viewer: ctx.operator })),
  retryNow: operatorProcedure
    .input(retryNodeSyncInputSchema)
    .mutation(({ ctx, input }) =>
      retryNodeSync(ctx.db, { nodeId: input.nodeId, actor: ctx.operator, now: ctx.now() }),
    ),
});

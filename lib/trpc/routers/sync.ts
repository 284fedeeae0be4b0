import {
  retriedNodeSyncSchema,
  retryNodeSyncInputSchema,
  syncAttemptsInputSchema,
  syncAttemptsSchema,
  syncNodesPageSchema,
  syncNodesQuerySchema,
  syncOverviewInputSchema,
  syncOverviewSchema,
} from "@/lib/schemas/sync";
import { retryNodeSync } from "@/lib/server/config-sync/retry-node-sync";
import { getSyncOverview, listSyncAttempts, listSyncNodes } from "@/lib/server/config-sync/sync-queries";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const syncRouter = createTRPCRouter({
  overview: publicProcedure
    .input(syncOverviewInputSchema)
    .output(syncOverviewSchema)
    .query(({ ctx, input }) => getSyncOverview(ctx.db, { ...input, now: ctx.now() })),
  nodes: publicProcedure
    .input(syncNodesQuerySchema)
    .output(syncNodesPageSchema)
    .query(({ ctx, input }) => listSyncNodes(ctx.db, { ...input, viewer: ctx.operator })),
  attempts: publicProcedure
    .input(syncAttemptsInputSchema)
    .output(syncAttemptsSchema)
    .query(({ ctx, input }) => listSyncAttempts(ctx.db, { ...input, viewer: ctx.operator })),
  retryNow: operatorProcedure
    .input(retryNodeSyncInputSchema)
    .output(retriedNodeSyncSchema)
    .mutation(({ ctx, input }) =>
      retryNodeSync(ctx.db, { nodeId: input.nodeId, actor: ctx.operator, now: ctx.now() }),
    ),
});

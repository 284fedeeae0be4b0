import { DomainError } from "@/lib/domain/errors";
import {
  retryNodeSyncInputSchema,
  syncAttemptsInputSchema,
  syncNodesQuerySchema,
  syncOverviewInputSchema,
} from "@/lib/schemas/sync";
import { consumeRateLimit } from "@/lib/server/services/rate-limit";
import { retryNodeSync } from "@/lib/server/services/retry-node-sync";
import { getSyncOverview, listSyncAttempts, listSyncNodes } from "@/lib/server/services/sync-overview";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const SYNC_RETRY_RATE = { limit: 30, windowMs: 3_600_000 };

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
  retryNow: operatorProcedure.input(retryNodeSyncInputSchema).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    const decision = await consumeRateLimit(ctx.db, {
      key: `sync-retry-now:${ctx.operator.id}`,
      rule: SYNC_RETRY_RATE,
      now,
    });
    if (!decision.isAllowed) {
      throw new DomainError(
        "RATE_LIMITED",
        `You asked for ${SYNC_RETRY_RATE.limit} new deliveries in the last hour, the most allowed. Try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes; the sync worker keeps retrying on its own meanwhile.`,
      );
    }
    return retryNodeSync(ctx.db, { nodeId: input.nodeId, actor: ctx.operator, now });
  }),
});

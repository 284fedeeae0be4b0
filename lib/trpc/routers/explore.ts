import {
  exploreRunInputSchema,
  exploreRunViewSchema,
  startExploreInputSchema,
  startExploreOutputSchema,
} from "@/lib/schemas/explore";
import { getExploreRunView } from "@/lib/server/network-model/explore-run-queries";
import { requestExploreRun } from "@/lib/server/network-model/explore-runs";
import { createTRPCRouter, publicProcedure } from "../init";

/**
 * Explore: anyone may start a search (product.md: "anyone picks a goal"), signed in or not. Starting costs
 * CPU, so instead of a sign-in wall three bounds hold in the service: a search for the same goal on the
 * same rules and days is reused (so at most one search per goal per new day), at most three searches wait
 * or run at once over everyone, each is bounded in time by the worker, and each address may start ten an
 * hour (RATE_LIMITS.exploreStartPerAddress). Reading a search is public too.
 */
export const exploreRouter = createTRPCRouter({
  start: publicProcedure
    .input(startExploreInputSchema)
    .output(startExploreOutputSchema)
    .mutation(({ ctx, input }) =>
      requestExploreRun(ctx.db, {
        goal: input.goal,
        requestedById: ctx.operator?.id ?? null,
        clientIp: ctx.clientIp,
        now: ctx.now(),
      }),
    ),
  run: publicProcedure
    .input(exploreRunInputSchema)
    .output(exploreRunViewSchema)
    .query(({ ctx, input }) => getExploreRunView(ctx.db, { id: input.id })),
});

import {
  networkDashboardInputSchema,
  networkDashboardSchema,
  networkHeadlineOutputSchema,
} from "@/lib/schemas/network-stats";
import { getNetworkDashboard, getNetworkHeadline } from "@/lib/server/stats/network-dashboard-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const statsRouter = createTRPCRouter({
  dashboard: publicProcedure
    .input(networkDashboardInputSchema)
    .output(networkDashboardSchema)
    .query(({ ctx, input }) => getNetworkDashboard(ctx.db, { range: input.range, now: ctx.now() })),
  headline: publicProcedure
    .output(networkHeadlineOutputSchema)
    .query(({ ctx }) => getNetworkHeadline(ctx.db, { now: ctx.now() })),
});

import {
  networkDashboardInputSchema,
  networkDashboardSchema,
  networkHeadlineOutputSchema,
} from "@/lib/schemas/network-stats";
import {
  getPublicNetworkDashboard,
  getPublicNetworkHeadline,
} from "@/lib/server/stats/public-dashboard-queries";
import { createTRPCRouter, publicProcedure } from "../init";

// Public and heavy: the services limit each client address (ctx.clientIp; null on server-only callers,
// which are not limited) and share one computation per range for a short time.
export const statsRouter = createTRPCRouter({
  dashboard: publicProcedure
    .input(networkDashboardInputSchema)
    .output(networkDashboardSchema)
    .query(({ ctx, input }) =>
      getPublicNetworkDashboard(ctx.db, { range: input.range, now: ctx.now(), clientIp: ctx.clientIp }),
    ),
  headline: publicProcedure
    .output(networkHeadlineOutputSchema)
    .query(({ ctx }) => getPublicNetworkHeadline(ctx.db, { now: ctx.now(), clientIp: ctx.clientIp })),
});

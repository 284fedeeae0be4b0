import { networkOverviewSchema } from "@/lib/schemas/network-overview";
import { getNetworkOverview } from "@/lib/server/stats/network-overview-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const networkRouter = createTRPCRouter({
  overview: publicProcedure
    .output(networkOverviewSchema)
    .query(({ ctx }) => getNetworkOverview(ctx.db, { now: ctx.now() })),
});

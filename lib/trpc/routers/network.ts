import { getNetworkOverview } from "@/lib/server/stats/network-overview-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const networkRouter = createTRPCRouter({
  overview: publicProcedure.query(({ ctx }) => getNetworkOverview(ctx.db, { now: ctx.now() })),
});

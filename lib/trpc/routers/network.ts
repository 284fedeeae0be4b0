import { getNetworkOverview } from "@/lib/server/services/network-overview";
import { createTRPCRouter, publicProcedure } from "../init";

export const networkRouter = createTRPCRouter({
  overview: publicProcedure.query(({ ctx }) => getNetworkOverview(ctx.db, { now: ctx.now() })),
});

import { nodeTrafficSchema, operatorTrafficSchema } from "@/lib/schemas/confirmed-traffic";
import { nodeIdInputSchema } from "@/lib/schemas/my-nodes";
import { operatorStatsInputSchema, operatorStatsSchema } from "@/lib/schemas/operator-stats";
import { getNodeTraffic, getOperatorTraffic } from "@/lib/server/stats/confirmed-traffic-queries";
import { getOperatorStats } from "@/lib/server/stats/operator-stats-queries";
import { createTRPCRouter, operatorProcedure } from "../init";

/** The signed-in operator's own nodes: the operator always comes from the session, never from input. */
export const myStatsRouter = createTRPCRouter({
  overview: operatorProcedure
    .input(operatorStatsInputSchema)
    .output(operatorStatsSchema)
    .query(({ ctx, input }) =>
      getOperatorStats(ctx.db, { operatorId: ctx.operator.id, range: input.range, now: ctx.now() }),
    ),
  /** Data served as claimed, confirmed by peers and paid, per day, over all the operator's nodes. */
  traffic: operatorProcedure
    .output(operatorTrafficSchema)
    .query(({ ctx }) => getOperatorTraffic(ctx.db, { operatorId: ctx.operator.id })),
  /** The same for one of the operator's nodes; NOT_FOUND for anyone else's. */
  nodeTraffic: operatorProcedure
    .input(nodeIdInputSchema)
    .output(nodeTrafficSchema)
    .query(({ ctx, input }) => getNodeTraffic(ctx.db, { operatorId: ctx.operator.id, nodeId: input.nodeId })),
});

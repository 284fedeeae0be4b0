import { operatorStatsInputSchema, operatorStatsSchema } from "@/lib/schemas/operator-stats";
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
});

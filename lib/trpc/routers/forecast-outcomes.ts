import {
  forecastOutcomeInputSchema,
  forecastOutcomeSchema,
  recentOutcomesSchema,
} from "@/lib/schemas/forecast-outcome";
import { getForecastOutcome, listRecentOutcomes } from "@/lib/server/network-model/forecast-outcome-queries";
import { createTRPCRouter, publicProcedure } from "../init";

/** "Did it work?": public, like the passed proposals and the network figures it compares. */
export const forecastOutcomesRouter = createTRPCRouter({
  /** A passed proposal's frozen forecast against what happened 7 and 30 days after it took effect. */
  ofProposal: publicProcedure
    .input(forecastOutcomeInputSchema)
    .output(forecastOutcomeSchema)
    .query(({ ctx, input }) => getForecastOutcome(ctx.db, { proposalId: input.proposalId, now: ctx.now() })),
  /** The newest ratified changes with their newest check, for /stats. */
  recent: publicProcedure
    .output(recentOutcomesSchema)
    .query(({ ctx }) => listRecentOutcomes(ctx.db, { now: ctx.now() })),
});

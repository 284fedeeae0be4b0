import {
  changesForecastInputSchema,
  forecastViewSchema,
  proposalForecastInputSchema,
} from "@/lib/schemas/forecast";
import { forecastDraftChanges, forecastProposal } from "@/lib/server/network-model/forecast-changes";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const forecastsRouter = createTRPCRouter({
  /** A proposal's forecast: anyone reads a published proposal's; a draft's only its author. */
  forProposal: publicProcedure
    .input(proposalForecastInputSchema)
    .output(forecastViewSchema)
    .query(({ ctx, input }) =>
      forecastProposal(ctx.db, {
        proposalId: input.proposalId,
        viewerOperatorId: ctx.operator?.id ?? null,
        now: ctx.now(),
      }),
    ),
  /** A draft's changes forecast for the signed-in operator (the wizard's review step), rate-limited. */
  forChanges: operatorProcedure
    .input(changesForecastInputSchema)
    .output(forecastViewSchema)
    .query(({ ctx, input }) =>
      forecastDraftChanges(ctx.db, { changes: input.changes, operatorId: ctx.operator.id, now: ctx.now() }),
    ),
});

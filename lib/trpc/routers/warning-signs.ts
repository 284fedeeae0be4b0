import {
  exclusivePairsSchema,
  warningSignsInputSchema,
  warningSignsSchema,
} from "@/lib/schemas/warning-signs";
import { getWarningSigns } from "@/lib/server/identity/warning-sign-queries";
import { getExclusivePairs } from "@/lib/server/nodes/exclusive-pair-queries";
import { createTRPCRouter, stewardProcedure } from "../init";

/** Sybil warning signs (product.md "Who counts"): stewards and admins only, since they show network clusters. */
export const warningSignsRouter = createTRPCRouter({
  recent: stewardProcedure
    .input(warningSignsInputSchema)
    .output(warningSignsSchema)
    .query(({ ctx, input }) => getWarningSigns(ctx.db, { days: input.days, now: ctx.now() })),
  /** Node pairs that only trade with each other (product.md "Proof of service"), over the last week. */
  exclusivePairs: stewardProcedure
    .output(exclusivePairsSchema)
    .query(({ ctx }) => getExclusivePairs(ctx.db, { now: ctx.now() })),
});

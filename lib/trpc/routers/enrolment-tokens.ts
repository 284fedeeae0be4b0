import {
  createEnrolmentTokenInputSchema,
  revokeEnrolmentTokenInputSchema,
} from "@/lib/schemas/enrolment-tokens";
import {
  createEnrolmentToken,
  listEnrolmentTokens,
  revokeEnrolmentToken,
} from "@/lib/server/nodes/enrolment-token-commands";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTRPCRouter, operatorProcedure } from "../init";

export const enrolmentTokensRouter = createTRPCRouter({
  create: operatorProcedure.input(createEnrolmentTokenInputSchema).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    await enforceRateLimit(ctx.db, RATE_LIMITS.enrolmentTokenCreate, { subject: ctx.operator.id, now });
    return createEnrolmentToken(ctx.db, { operatorId: ctx.operator.id, now, ...input });
  }),
  list: operatorProcedure.query(({ ctx }) =>
    listEnrolmentTokens(ctx.db, { operatorId: ctx.operator.id, now: ctx.now() }),
  ),
  revoke: operatorProcedure
    .input(revokeEnrolmentTokenInputSchema)
    .mutation(({ ctx, input }) =>
      revokeEnrolmentToken(ctx.db, { operatorId: ctx.operator.id, tokenId: input.tokenId, now: ctx.now() }),
    ),
});

import { DomainError } from "@/lib/domain/errors";
import {
  createEnrolmentTokenInputSchema,
  revokeEnrolmentTokenInputSchema,
} from "@/lib/schemas/enrolment-tokens";
import {
  createEnrolmentToken,
  listEnrolmentTokens,
  revokeEnrolmentToken,
} from "@/lib/server/nodes/enrolment-token-commands";
import { consumeRateLimit } from "@/lib/server/platform/rate-limit";
import { createTRPCRouter, operatorProcedure } from "../init";

export const ENROLMENT_TOKEN_CREATE_RATE = { limit: 20, windowMs: 3_600_000 };

export const enrolmentTokensRouter = createTRPCRouter({
  create: operatorProcedure.input(createEnrolmentTokenInputSchema).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    const decision = await consumeRateLimit(ctx.db, {
      key: `enrolment-token-create:${ctx.operator.id}`,
      rule: ENROLMENT_TOKEN_CREATE_RATE,
      now,
    });
    if (!decision.isAllowed) {
      throw new DomainError(
        "RATE_LIMITED",
        `You created ${ENROLMENT_TOKEN_CREATE_RATE.limit} enrolment tokens in the last hour, the most allowed. Try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes, or use a token with several uses.`,
      );
    }
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

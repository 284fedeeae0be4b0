import {
  createdEnrolmentTokenSchema,
  createEnrolmentTokenInputSchema,
  enrolmentTokenListSchema,
  revokedEnrolmentTokenSchema,
  revokeEnrolmentTokenInputSchema,
} from "@/lib/schemas/enrolment-tokens";
import { createOwnEnrolmentToken, revokeEnrolmentToken } from "@/lib/server/nodes/enrolment-token-commands";
import { listEnrolmentTokens } from "@/lib/server/nodes/enrolment-token-queries";
import { createTRPCRouter, operatorProcedure } from "../init";

export const enrolmentTokensRouter = createTRPCRouter({
  /** The one answer that carries the new token itself. */
  create: operatorProcedure
    .input(createEnrolmentTokenInputSchema)
    .output(createdEnrolmentTokenSchema)
    .mutation(({ ctx, input }) =>
      createOwnEnrolmentToken(ctx.db, { operatorId: ctx.operator.id, now: ctx.now(), ...input }),
    ),
  list: operatorProcedure
    .output(enrolmentTokenListSchema)
    .query(({ ctx }) => listEnrolmentTokens(ctx.db, { operatorId: ctx.operator.id, now: ctx.now() })),
  revoke: operatorProcedure
    .input(revokeEnrolmentTokenInputSchema)
    .output(revokedEnrolmentTokenSchema)
    .mutation(({ ctx, input }) =>
      revokeEnrolmentToken(ctx.db, { operatorId: ctx.operator.id, tokenId: input.tokenId, now: ctx.now() }),
    ),
});

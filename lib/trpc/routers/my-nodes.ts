import { DomainError } from "@/lib/domain/errors";
import {
  changeNodeEndpointInputSchema,
  nodeIdInputSchema,
  renameNodeInputSchema,
} from "@/lib/schemas/my-nodes";
import {
  changeNodeEndpoint,
  listOperatorNodes,
  renameNode,
  retireNode,
} from "@/lib/server/nodes/operator-node-commands";
import { consumeRateLimit } from "@/lib/server/platform/rate-limit";
import { createTRPCRouter, operatorProcedure } from "../init";

export const MY_NODES_CHANGE_LIMIT = { limit: 30, windowMs: 60_000 };

/** Changes to one's own nodes, limited per operator so a stuck script cannot hammer endpoint checks. */
const nodeChangeProcedure = operatorProcedure.use(async ({ ctx, next }) => {
  const decision = await consumeRateLimit(ctx.db, {
    key: `my-nodes:${ctx.operator.id}`,
    rule: MY_NODES_CHANGE_LIMIT,
    now: ctx.now(),
  });
  if (!decision.isAllowed) {
    throw new DomainError(
      "RATE_LIMITED",
      `Too many node changes in a minute. Try again in ${decision.retryAfterSeconds} seconds.`,
    );
  }
  return next();
});

export const myNodesRouter = createTRPCRouter({
  list: operatorProcedure.query(({ ctx }) =>
    listOperatorNodes(ctx.db, { operatorId: ctx.operator.id, now: ctx.now() }),
  ),
  rename: nodeChangeProcedure
    .input(renameNodeInputSchema)
    .mutation(({ ctx, input }) => renameNode(ctx.db, { operatorId: ctx.operator.id, ...input })),
  changeEndpoint: nodeChangeProcedure
    .input(changeNodeEndpointInputSchema)
    .mutation(({ ctx, input }) =>
      changeNodeEndpoint(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
  retire: nodeChangeProcedure
    .input(nodeIdInputSchema)
    .mutation(({ ctx, input }) => retireNode(ctx.db, { operatorId: ctx.operator.id, ...input })),
});

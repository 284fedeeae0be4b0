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
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { createTRPCRouter, operatorProcedure } from "../init";

/** Changes to one's own nodes, limited per operator so a stuck script cannot hammer endpoint checks. */
const nodeChangeProcedure = operatorProcedure.use(async ({ ctx, next }) => {
  await enforceRateLimit(ctx.db, RATE_LIMITS.nodeChange, { subject: ctx.operator.id, now: ctx.now() });
  return next();
});

export const myNodesRouter = createTRPCRouter({
  list: operatorProcedure.query(({ ctx }) =>
    listOperatorNodes(ctx.db, { operatorId: ctx.operator.id, now: ctx.now() }),
  ),
  rename: nodeChangeProcedure
    .input(renameNodeInputSchema)
    .mutation(({ ctx, input }) => renameNode(ctx.db, { operatorId: ctx.operator.id, ...input })),
  changeEndpoint: nodeChangeProcedure.input(changeNodeEndpointInputSchema).mutation(({ ctx, input }) =>
    changeNodeEndpoint(ctx.db, {
      operatorId: ctx.operator.id,
      ...input,
      allowPrivate: ctx.settings.allowPrivateEndpoints,
      now: ctx.now(),
    }),
  ),
  retire: nodeChangeProcedure
    .input(nodeIdInputSchema)
    .mutation(({ ctx, input }) => retireNode(ctx.db, { operatorId: ctx.operator.id, ...input })),
});

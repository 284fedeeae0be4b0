import {
  changedNodeSchema,
  changeNodeEndpointInputSchema,
  nodeIdInputSchema,
  operatorNodesSchema,
  renameNodeInputSchema,
} from "@/lib/schemas/my-nodes";
import { changeNodeEndpoint, renameNode, retireNode } from "@/lib/server/nodes/operator-node-commands";
import { listOperatorNodes } from "@/lib/server/nodes/operator-node-queries";
import { createTRPCRouter, operatorProcedure } from "../init";

/** The signed-in operator's own nodes: the operator always comes from the session, never from input. */
export const myNodesRouter = createTRPCRouter({
  list: operatorProcedure
    .output(operatorNodesSchema)
    .query(({ ctx }) => listOperatorNodes(ctx.db, { operatorId: ctx.operator.id, now: ctx.now() })),
  rename: operatorProcedure
    .input(renameNodeInputSchema)
    .output(changedNodeSchema)
    .mutation(({ ctx, input }) =>
      renameNode(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
  changeEndpoint: operatorProcedure
    .input(changeNodeEndpointInputSchema)
    .output(changedNodeSchema)
    .mutation(({ ctx, input }) =>
      changeNodeEndpoint(ctx.db, {
        operatorId: ctx.operator.id,
        ...input,
        allowPrivate: ctx.settings.allowPrivateEndpoints,
        now: ctx.now(),
      }),
    ),
  retire: operatorProcedure
    .input(nodeIdInputSchema)
    .output(changedNodeSchema)
    .mutation(({ ctx, input }) =>
      retireNode(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
});

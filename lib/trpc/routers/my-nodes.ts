import {
  changedNodeSchema,
  changeNodeEndpointInputSchema,
  nodeIdInputSchema,
  operatorNodeSchema,
  operatorNodesSchema,
  renameNodeInputSchema,
  setNodeMayVoteInputSchema,
} from "@/lib/schemas/my-nodes";
import {
  changeNodeEndpoint,
  renameNode,
  retireNode,
  setNodeMayVote,
} from "@/lib/server/nodes/operator-node-commands";
import { nodeVotingEligibilitySchema } from "@/lib/schemas/eligibility";
import { getOperatorNode, listOperatorNodes } from "@/lib/server/nodes/operator-node-queries";
import { getNodeVotingEligibility } from "@/lib/server/voting/eligibility-queries";
import { createTRPCRouter, operatorProcedure } from "../init";

/** The signed-in operator's own nodes: the operator always comes from the session, never from input. */
export const myNodesRouter = createTRPCRouter({
  list: operatorProcedure
    .output(operatorNodesSchema)
    .query(({ ctx }) => listOperatorNodes(ctx.db, { operatorId: ctx.operator.id, now: ctx.now() })),
  /** One of the operator's nodes with what only its owner sees (endpoint, ballot permission); NOT_FOUND for anyone else's. */
  byId: operatorProcedure
    .input(nodeIdInputSchema)
    .output(operatorNodeSchema)
    .query(({ ctx, input }) =>
      getOperatorNode(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
  /** Whether one of the operator's nodes counts in the open round and would count now, naming the hours it missed. */
  eligibility: operatorProcedure
    .input(nodeIdInputSchema)
    .output(nodeVotingEligibilitySchema)
    .query(({ ctx, input }) =>
      getNodeVotingEligibility(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
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
  /** Lets the node cast ballots for its operator, or withdraws that; only the node's operator may. */
  setMayVote: operatorProcedure
    .input(setNodeMayVoteInputSchema)
    .output(changedNodeSchema)
    .mutation(({ ctx, input }) =>
      setNodeMayVote(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
  retire: operatorProcedure
    .input(nodeIdInputSchema)
    .output(changedNodeSchema)
    .mutation(({ ctx, input }) =>
      retireNode(ctx.db, { operatorId: ctx.operator.id, ...input, now: ctx.now() }),
    ),
});

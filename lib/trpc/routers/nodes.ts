import { nodeIdInputSchema } from "@/lib/schemas/my-nodes";
import { nodeListQuerySchema, nodeListSchema, publicNodeSchema } from "@/lib/schemas/nodes";
import { getPublicNode, listNodes } from "@/lib/server/nodes/node-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const nodesRouter = createTRPCRouter({
  list: publicProcedure
    .input(nodeListQuerySchema)
    .output(nodeListSchema)
    .query(({ ctx, input }) => listNodes(ctx.db, input)),
  byId: publicProcedure
    .input(nodeIdInputSchema)
    .output(publicNodeSchema)
    .query(({ ctx, input }) => getPublicNode(ctx.db, input)),
});

import { nodeIdInputSchema } from "@/lib/schemas/my-nodes";
import { nodeListQuerySchema } from "@/lib/schemas/nodes";
import { listNodes } from "@/lib/server/nodes/node-queries";
import { getPublicNode } from "@/lib/server/nodes/public-node-queries";
import { createTRPCRouter, publicProcedure } from "../init";

export const nodesRouter = createTRPCRouter({
  list: publicProcedure.input(nodeListQuerySchema).query(({ ctx, input }) => listNodes(ctx.db, input)),
  byId: publicProcedure.input(nodeIdInputSchema).query(({ ctx, input }) => getPublicNode(ctx.db, input)),
});

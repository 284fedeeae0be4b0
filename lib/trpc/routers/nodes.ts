import { nodeListQuerySchema } from "@/lib/schemas/nodes";
import { listNodes } from "@/lib/server/services/list-nodes";
import { createTRPCRouter, publicProcedure } from "../init";

export const nodesRouter = createTRPCRouter({
  list: publicProcedure.input(nodeListQuerySchema).query(({ ctx, input }) => listNodes(ctx.db, input)),
});

import { createTRPCRouter, publicProcedure } from "../init";

export const accountRouter = createTRPCRouter({
  /** Who is signed in on this request; null for anonymous visitors. */
  me: publicProcedure.query(({ ctx }) => ctx.operator),
});

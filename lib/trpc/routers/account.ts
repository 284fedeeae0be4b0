import { sessionOperatorSchema } from "@/lib/schemas/session-operator";
import { createTRPCRouter, publicProcedure } from "../init";

export const accountRouter = createTRPCRouter({
  /** Who is signed in on this request (the context already read the session); null for anonymous visitors. */
  me: publicProcedure.output(sessionOperatorSchema.nullable()).query(({ ctx }) => ctx.operator),
});

import { twoFactorStatusSchema } from "@/lib/schemas/operator-account";
import { sessionOperatorSchema } from "@/lib/schemas/session-operator";
import { getTwoFactorStatus } from "@/lib/server/identity/two-factor-queries";
import { createTRPCRouter, operatorProcedure, publicProcedure } from "../init";

export const accountRouter = createTRPCRouter({
  /** Who is signed in on this request (the context already read the session); null for anonymous visitors. */
  me: publicProcedure.output(sessionOperatorSchema.nullable()).query(({ ctx }) => ctx.operator),
  /** The signed-in operator's two-factor sign-in (turned on and off through Better Auth's endpoints). */
  twoFactor: operatorProcedure
    .output(twoFactorStatusSchema)
    .query(({ ctx }) => getTwoFactorStatus(ctx.db, ctx.operator)),
});

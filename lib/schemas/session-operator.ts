import { z } from "zod";
import { roleSchema } from "@/lib/domain/roles";

/** The signed-in operator, as the session says. */
export const sessionOperatorSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: roleSchema,
});
export type SessionOperator = z.infer<typeof sessionOperatorSchema>;

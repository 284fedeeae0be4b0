import { z } from "zod";
import { checkDisplayName, DISPLAY_NAME_MAX_LENGTH } from "@/lib/domain/identity/display-name";
import { emailAddressProblem } from "@/lib/domain/identity/email-address";

/**
 * A display name as it enters Plenum (sign-up, the admin CLI, the demo seed): checked by the one
 * rule in lib/domain/identity/display-name.ts and output as it is stored (NFC, trimmed, spaces
 * collapsed).
 */
export const displayNameSchema = z
  .string({ error: `Display name is required: 1 to ${DISPLAY_NAME_MAX_LENGTH} characters` })
  .transform((raw, ctx) => {
    const check = checkDisplayName(raw);
    if (check.ok) return check.name;
    ctx.addIssue({ code: "custom", message: check.problem });
    return z.NEVER;
  });

/** An email address as it is signed up or in with: its length limits, output trimmed and in lower case. */
export const emailAddressSchema = z
  .string({ error: "Email is required" })
  .superRefine((email, ctx) => {
    const problem = emailAddressProblem(email);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((email) => email.trim().toLowerCase());

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

/**
 * The one answer to a sign-up for an e-mail that already has an account (checkAuthInput): it does
 * not say so, and has the status and shape of every other refusal.
 */
export const SIGN_UP_REFUSED_MESSAGE =
  "We couldn't create an account with these details. If you already have an account, sign in instead; otherwise check the email address and try again.";

/** The signed-in operator's two-factor sign-in: on or off, and whether Plenum asks them to turn it on. */
export const twoFactorStatusSchema = z.object({
  isEnabled: z.boolean(),
  /** A steward or admin signing in with a password alone (lib/domain/identity/two-factor.ts). */
  isPrompted: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>;

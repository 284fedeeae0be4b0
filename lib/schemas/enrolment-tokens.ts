import { z } from "zod";

export const ENROLMENT_TOKEN_PREFIX = "plnm_enr_";
export const ENROLMENT_TOKEN_LABEL_MAX = 60;
export const ENROLMENT_TOKEN_MAX_USES = 1000;
export const ENROLMENT_TOKEN_MAX_HOURS = 168;
export const ENROLMENT_TOKEN_DEFAULT_HOURS = 24;
/** Tokens an operator may hold at once that can still enrol a node. */
export const MAX_ACTIVE_ENROLMENT_TOKENS = 20;

/** The expiry choices the form offers (hours → label); the API accepts any whole number of hours up to 168. */
export const ENROLMENT_TOKEN_EXPIRY_CHOICES = [
  { hours: 1, label: "1 hour" },
  { hours: 6, label: "6 hours" },
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
] as const;

/** Create an enrolment token: the one contract of the /tokens form, the tRPC input and the admin CLI. */
export const createEnrolmentTokenInputSchema = z.object({
  label: z
    .string({ error: "Label is required" })
    .trim()
    .min(1, { error: "Label is required: say which node or machine the token is for" })
    .max(ENROLMENT_TOKEN_LABEL_MAX, { error: `Label is at most ${ENROLMENT_TOKEN_LABEL_MAX} characters` })
    .regex(/^[^\p{Cc}]*$/u, { error: "Label must not contain control characters" }),
  maxUses: z
    .int({ error: `Uses must be a whole number from 1 to ${ENROLMENT_TOKEN_MAX_USES}` })
    .min(1, { error: "Uses must be at least 1" })
    .max(ENROLMENT_TOKEN_MAX_USES, { error: `Uses is at most ${ENROLMENT_TOKEN_MAX_USES}` })
    .default(1),
  expiresInHours: z
    .int({ error: `Expiry must be a whole number of hours from 1 to ${ENROLMENT_TOKEN_MAX_HOURS}` })
    .min(1, { error: "Expiry is at least 1 hour" })
    .max(ENROLMENT_TOKEN_MAX_HOURS, { error: "Expiry is at most 7 days (168 hours)" })
    .default(ENROLMENT_TOKEN_DEFAULT_HOURS),
});

export const revokeEnrolmentTokenInputSchema = z.object({
  tokenId: z.string().min(1, { error: "Token id is required" }).max(64),
});

export const ENROLMENT_TOKEN_STATUSES = ["active", "expired", "used up", "revoked"] as const;
export type EnrolmentTokenStatus = (typeof ENROLMENT_TOKEN_STATUSES)[number];

/** Rule: revoked beats used up beats expired; a token is active only when none of them holds. */
export function enrolmentTokenStatus(
  token: { revokedAt: Date | null; usedCount: number; maxUses: number; expiresAt: Date },
  now: Date,
): EnrolmentTokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.usedCount >= token.maxUses) return "used up";
  if (token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export type CreateEnrolmentTokenInput = z.input<typeof createEnrolmentTokenInputSchema>;
export type RevokeEnrolmentTokenInput = z.infer<typeof revokeEnrolmentTokenInputSchema>;

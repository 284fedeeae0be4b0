import { z } from "zod";
import { ENROLMENT_TOKEN_STATUSES } from "@/lib/domain/node-protocol/enrolment-token-status";

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

/** A token just created: the only answer that carries the secret, shown to its operator once and never stored. */
export const createdEnrolmentTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  label: z.string(),
  maxUses: z.number().int(),
  expiresAt: z.date(),
});

/** A token in its operator's list: never the token or its hash. */
export const enrolmentTokenRowSchema = z.object({
  id: z.string(),
  label: z.string(),
  maxUses: z.number().int(),
  usedCount: z.number().int(),
  usesLeft: z.number().int().nonnegative(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
  status: z.enum(ENROLMENT_TOKEN_STATUSES),
});

export const enrolmentTokenListSchema = z.array(enrolmentTokenRowSchema);

export const revokedEnrolmentTokenSchema = z.object({ id: z.string(), revokedAt: z.date() });

export type CreateEnrolmentTokenInput = z.input<typeof createEnrolmentTokenInputSchema>;
export type RevokeEnrolmentTokenInput = z.infer<typeof revokeEnrolmentTokenInputSchema>;
export type CreatedEnrolmentToken = z.infer<typeof createdEnrolmentTokenSchema>;
export type EnrolmentTokenRow = z.infer<typeof enrolmentTokenRowSchema>;
export type RevokedEnrolmentToken = z.infer<typeof revokedEnrolmentTokenSchema>;

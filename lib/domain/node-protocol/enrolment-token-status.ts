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

import { canModerate, type Role } from "@/lib/domain/roles";

/**
 * Stewards and admins act for the whole network (moderation, roles): while they sign in with a
 * password alone, Plenum asks them to turn on two-factor sign-in. Operators may, and are not nagged.
 */
export function isTwoFactorPrompted(role: Role, isTwoFactorEnabled: boolean): boolean {
  return canModerate(role) && !isTwoFactorEnabled;
}

/** A one-time code from an authenticator app: six digits (spaces people type are dropped first). */
export function normalizeTotpCode(typed: string): string | null {
  const digits = typed.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

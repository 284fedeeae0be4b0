import { createHmac, timingSafeEqual } from "node:crypto";
import type { Auth } from "@/lib/server/platform/auth";

/** Better Auth's cookie that carries a sign-in waiting for its second factor (plugin constant). */
const TWO_FACTOR_COOKIE = "two_factor";

/** `name`'s value in a Cookie header, percent-decoded; null when absent or malformed. */
function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** The value of a cookie Better Auth signed (`value.base64(HMAC-SHA256(secret, value))`), or null. */
function unsign(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot < 1) return null;
  const value = signed.slice(0, dot);
  const signature = Buffer.from(signed.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(value).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? value : null;
}

/**
 * The e-mail of the account whose sign-in waits for a second factor in this request's cookie, or
 * null (no cookie, a forged or expired one): the subject of the per-account limits on codes.
 * Better Auth checks the same cookie again when it verifies the code.
 */
export async function twoFactorChallengeEmail(
  auth: Pick<Auth, "$context">,
  { cookieHeader, now }: { cookieHeader: string | null; now: Date },
): Promise<string | null> {
  const context = await auth.$context;
  const signed = cookieValue(cookieHeader, context.createAuthCookie(TWO_FACTOR_COOKIE).name);
  const identifier = signed ? unsign(signed, context.secret) : null;
  if (!identifier) return null;
  const challenge = await context.internalAdapter.findVerificationValue(identifier);
  if (!challenge || new Date(challenge.expiresAt).getTime() <= now.getTime()) return null;
  const operator = await context.internalAdapter.findUserById(challenge.value);
  return operator?.email ?? null;
}

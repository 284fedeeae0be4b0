"use client";

import { createAuthClient } from "better-auth/react";
import { twoFactorClient } from "better-auth/client/plugins";

/** Better Auth's browser client; same origin as the page, so no base URL. Two-factor: lib/server/platform/auth.ts. */
export const authClient = createAuthClient({ plugins: [twoFactorClient()] });

/**
 * A message for a person from a Better Auth client error: Better Auth's and Plenum's 400s (a display
 * name or email refused, the field named) carry `message`; ours for 429 has the protocol body.
 */
export function authErrorMessage(
  error: { status: number; message?: string; error?: { message?: string } } | null,
  fallback: string,
): string {
  if (!error) return fallback;
  if (error.status === 429)
    return error.error?.message ?? error.message ?? "Too many attempts. Wait a minute, then try again.";
  return error.message ?? fallback;
}

/** Better Auth's answer to a wrong password where a form asks for it again (turning two-factor on or off…). */
export function isWrongPassword(error: { status: number; code?: string } | null): boolean {
  return error?.status === 400 && error.code === "INVALID_PASSWORD";
}

import { DomainError } from "@/lib/domain/errors";
import type { Db } from "@/lib/server/platform/db";
import { domainErrorResponse, errorResponse } from "@/lib/server/http/error-response";
import { isCrossSiteRequest } from "@/lib/server/identity/request-origin";
import { consumeRateLimit, type RateLimitRule } from "@/lib/server/platform/rate-limit";

/** Sign-in: 10 attempts a minute per account AND per address; sign-up: 10 a minute per address. */
export const SIGN_IN_RULE: RateLimitRule = { limit: 10, windowMs: 60_000 };
export const SIGN_UP_RULE: RateLimitRule = { limit: 10, windowMs: 60_000 };

interface AuthHandler {
  handler: (request: Request) => Promise<Response>;
  options: { baseURL?: unknown };
}

async function readEmail(request: Request): Promise<string | null> {
  try {
    const body: unknown = await request.json();
    if (typeof body !== "object" || body === null || !("email" in body)) return null;
    return typeof body.email === "string" ? body.email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}

function bucketsFor(
  path: string,
  email: string | null,
  clientIp: string,
): { key: string; rule: RateLimitRule }[] {
  if (path.endsWith("/sign-in/email")) {
    return [
      { key: `sign-in:ip:${clientIp}`, rule: SIGN_IN_RULE },
      ...(email ? [{ key: `sign-in:account:${email}`, rule: SIGN_IN_RULE }] : []),
    ];
  }
  if (path.endsWith("/sign-up/email")) return [{ key: `sign-up:ip:${clientIp}`, rule: SIGN_UP_RULE }];
  return [];
}

/**
 * Better Auth's handler behind a same-site check for every POST (Better Auth leaves some, such as
 * sign-out, to its cookies' SameSite) and Plenum's database-backed rate limits for sign-in and
 * sign-up. Every bucket counts the attempt; the longest wait of any bucket over its limit is the
 * answer's `Retry-After`.
 */
export async function handleAuthRequest(
  db: Db,
  auth: AuthHandler,
  request: Request,
  { clientIp, now }: { clientIp: string; now: Date },
): Promise<Response> {
  if (request.method === "POST") {
    const baseURL = auth.options.baseURL;
    if (isCrossSiteRequest(request, { trustedOrigins: typeof baseURL === "string" ? [baseURL] : [] })) {
      return errorResponse(403, "FORBIDDEN", "This request came from another site. Use Plenum's own pages.");
    }
    const path = new URL(request.url).pathname;
    const isLimited = path.endsWith("/sign-in/email") || path.endsWith("/sign-up/email");
    const email = isLimited ? await readEmail(request.clone()) : null;
    let retryAfterSeconds = 0;
    for (const { key, rule } of bucketsFor(path, email, clientIp)) {
      const decision = await consumeRateLimit(db, { key, rule, now });
      if (!decision.isAllowed) retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds);
    }
    if (retryAfterSeconds > 0) {
      const what = path.endsWith("/sign-up/email") ? "sign-up attempts" : "sign-in attempts";
      return domainErrorResponse(
        new DomainError(
          "RATE_LIMITED",
          `Too many ${what}. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
          { retryAfterSeconds },
        ),
      );
    }
  }
  return auth.handler(request);
}

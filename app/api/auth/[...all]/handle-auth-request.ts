import type { Db } from "@/lib/server/platform/db";
import { domainErrorResponse, errorResponse } from "@/lib/server/http/error-response";
import { isCrossSiteRequest } from "@/lib/server/identity/request-origin";
import { consumeRateLimit, rateLimitRefusal, type RateLimitPolicy } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { emailAddressSchema } from "@/lib/schemas/operator-account";

interface AuthHandler {
  handler: (request: Request) => Promise<Response>;
  options: { baseURL?: unknown };
}

/** The body's email, the per-account bucket's subject; null when no account could have it (refused later). */
async function readEmail(request: Request): Promise<string | null> {
  try {
    const body: unknown = await request.json();
    if (typeof body !== "object" || body === null || !("email" in body)) return null;
    const email = emailAddressSchema.safeParse(body.email);
    return email.success ? email.data : null;
  } catch {
    return null;
  }
}

function bucketsFor(
  path: string,
  email: string | null,
  clientIp: string,
): { policy: RateLimitPolicy; subject: string }[] {
  if (path.endsWith("/sign-in/email")) {
    return [
      { policy: RATE_LIMITS.signInPerAddress, subject: clientIp },
      ...(email ? [{ policy: RATE_LIMITS.signInPerAccount, subject: email }] : []),
    ];
  }
  if (path.endsWith("/sign-up/email")) return [{ policy: RATE_LIMITS.signUpPerAddress, subject: clientIp }];
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
    let longestRefusal: { policy: RateLimitPolicy; retryAfterSeconds: number } | null = null;
    for (const { policy, subject } of bucketsFor(path, email, clientIp)) {
      const decision = await consumeRateLimit(db, { key: `${policy.bucket}:${subject}`, rule: policy, now });
      if (!decision.isAllowed && decision.retryAfterSeconds > (longestRefusal?.retryAfterSeconds ?? 0)) {
        longestRefusal = { policy, retryAfterSeconds: decision.retryAfterSeconds };
      }
    }
    if (longestRefusal) {
      const { policy, retryAfterSeconds } = longestRefusal;
      const refusal = rateLimitRefusal({ isAllowed: false, retryAfterSeconds, remaining: 0 }, policy);
      if (refusal) return domainErrorResponse(refusal);
    }
  }
  return auth.handler(request);
}

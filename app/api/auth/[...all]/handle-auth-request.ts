import type { Db } from "@/lib/server/platform/db";
import { domainErrorResponse, errorResponse } from "@/lib/server/http/error-response";
import { isCrossSiteRequest } from "@/lib/server/identity/request-origin";
import {
  consumeRateLimit,
  peekRateLimit,
  rateLimitRefusal,
  slowDownDelayMs,
  type RateLimitDecision,
  type RateLimitPolicy,
} from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { emailAddressSchema } from "@/lib/schemas/operator-account";

interface AuthHandler {
  handler: (request: Request) => Promise<Response>;
  options: { baseURL?: unknown };
}

export interface AuthRequestContext {
  clientIp: string;
  now: Date;
  /** Holds the answer this long (the per-account slow-down); the route passes a real timer, tests a recorder. */
  wait: (ms: number) => Promise<void>;
}

const SIGN_IN = "/sign-in/email";
const SIGN_UP = "/sign-up/email";

/**
 * Better Auth also parses form-encoded sign-in and sign-up bodies; Plenum's own pages send JSON, and
 * the limits read the e-mail from JSON only, so every other body form is refused before anything counts.
 */
function isJsonBody(request: Request): boolean {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json";
}

/** The body's email, the per-account buckets' subject; null when no account could have it (refused later). */
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

type Refused = { policy: RateLimitPolicy; decision: RateLimitDecision };

/** The refusal with the longest wait (its Retry-After), or null when every decision allowed. */
function longestRefusal(refusals: Refused[]): Response | null {
  const longest = refusals
    .filter(({ decision }) => !decision.isAllowed)
    .sort((a, b) => b.decision.retryAfterSeconds - a.decision.retryAfterSeconds)[0];
  const error = longest ? rateLimitRefusal(longest.decision, longest.policy) : null;
  return error ? domainErrorResponse(error) : null;
}

/**
 * A sign-in: every attempt counts per address (refused past the limit); wrong passwords count per
 * (account, address), refused past the limit, and per account, which only slows the account's
 * sign-ins down — an attacker elsewhere can delay the owner's sign-in but never refuse it. Wrong
 * passwords are counted once Better Auth answers 401; the per-address count, taken before, bounds
 * how many can race past the (account, address) check at once.
 */
async function signIn(
  db: Db,
  auth: AuthHandler,
  request: Request,
  { clientIp, now, wait }: AuthRequestContext,
): Promise<Response> {
  const email = await readEmail(request.clone());
  const perAddress = RATE_LIMITS.signInPerAddress;
  const pair = RATE_LIMITS.signInPerAccountAddress;
  const account = RATE_LIMITS.signInPerAccount;
  // JSON keeps the pair unambiguous: IPv6 addresses and e-mails may both contain ":".
  const keys = {
    pair: `${pair.bucket}:${JSON.stringify([email, clientIp])}`,
    account: `${account.bucket}:${email}`,
  };
  const checks: Refused[] = [
    {
      policy: perAddress,
      decision: await consumeRateLimit(db, {
        key: `${perAddress.bucket}:${clientIp}`,
        rule: perAddress,
        now,
      }),
    },
  ];
  if (email)
    checks.push({ policy: pair, decision: await peekRateLimit(db, { key: keys.pair, rule: pair, now }) });
  const refused = longestRefusal(checks);
  if (refused) return refused;
  if (email) {
    const { count } = await peekRateLimit(db, { key: keys.account, rule: account, now });
    const delayMs = slowDownDelayMs(count, account);
    if (delayMs > 0) await wait(delayMs);
  }
  const response = await auth.handler(request);
  if (email && response.status === 401) {
    await consumeRateLimit(db, { key: keys.pair, rule: pair, now });
    await consumeRateLimit(db, { key: keys.account, rule: account, now });
  }
  return response;
}

/**
 * Better Auth's handler behind a same-site check for every POST (Better Auth leaves some, such as
 * sign-out, to its cookies' SameSite), JSON-only sign-in and sign-up bodies, and Plenum's
 * database-backed rate limits (RATE_LIMITS) for sign-in and sign-up.
 */
export async function handleAuthRequest(
  db: Db,
  auth: AuthHandler,
  request: Request,
  context: AuthRequestContext,
): Promise<Response> {
  if (request.method !== "POST") return auth.handler(request);
  const baseURL = auth.options.baseURL;
  if (isCrossSiteRequest(request, { trustedOrigins: typeof baseURL === "string" ? [baseURL] : [] })) {
    return errorResponse(403, "FORBIDDEN", "This request came from another site. Use Plenum's own pages.");
  }
  const path = new URL(request.url).pathname;
  const action = path.endsWith(SIGN_IN) ? "sign-in" : path.endsWith(SIGN_UP) ? "sign-up" : null;
  if (!action) return auth.handler(request);
  if (!isJsonBody(request)) {
    return errorResponse(
      415,
      "BAD_INPUT",
      `Send the ${action} as JSON (content-type: application/json), as Plenum's ${action} page does; other body forms are refused.`,
    );
  }
  if (action === "sign-in") return signIn(db, auth, request, context);
  const policy = RATE_LIMITS.signUpPerAddress;
  const decision = await consumeRateLimit(db, {
    key: `${policy.bucket}:${context.clientIp}`,
    rule: policy,
    now: context.now,
  });
  return longestRefusal([{ policy, decision }]) ?? auth.handler(request);
}

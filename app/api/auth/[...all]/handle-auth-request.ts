import { createHash } from "node:crypto";
import type { Auth } from "@/lib/server/platform/auth";
import type { Db } from "@/lib/server/platform/db";
import { domainErrorResponse, errorResponse } from "@/lib/server/http/error-response";
import { isCrossSiteRequest } from "@/lib/server/identity/request-origin";
import { twoFactorChallengeEmail } from "@/lib/server/identity/two-factor-challenge";
import {
  consumeRateLimit,
  peekRateLimit,
  rateLimitRefusal,
  slowDownDelayMs,
  type RateLimitDecision,
  type RateLimitPolicy,
} from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { emailAddressSchema, SIGN_UP_REFUSED_MESSAGE } from "@/lib/schemas/operator-account";

interface AuthHandler {
  handler: (request: Request) => Promise<Response>;
  options: { baseURL?: unknown };
  $context: Auth["$context"];
}

export interface AuthRequestContext {
  clientIp: string;
  now: Date;
  /** Holds the answer this long (the per-account slow-down); the route passes a real timer, tests a recorder. */
  wait: (ms: number) => Promise<void>;
}

const SIGN_IN = "/sign-in/email";
const SIGN_UP = "/sign-up/email";
const TWO_FACTOR = "/two-factor/";
/** The second step of a sign-in: a code from the authenticator app, or a backup code. */
const TWO_FACTOR_CODE_PATHS = ["/two-factor/verify-totp", "/two-factor/verify-backup-code"];
const VERIFY_TOTP = "/two-factor/verify-totp";
const CHANGE_PASSWORD = "/change-password";

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

/** Counts the request against `policy` for the client's address; past the limit, the refusal instead of `answer`. */
async function perAddressLimited(
  db: Db,
  policy: RateLimitPolicy,
  { clientIp, now }: AuthRequestContext,
  answer: () => Promise<Response>,
): Promise<Response> {
  const decision = await consumeRateLimit(db, { key: `${policy.bucket}:${clientIp}`, rule: policy, now });
  return longestRefusal([{ policy, decision }]) ?? answer();
}

/** The three budgets of a guessable step: every attempt per address, failures per (account, address) and per account. */
interface AttemptLimits {
  perAddress: RateLimitPolicy;
  pair: RateLimitPolicy;
  account: RateLimitPolicy;
}

const SIGN_IN_LIMITS: AttemptLimits = {
  perAddress: RATE_LIMITS.signInPerAddress,
  pair: RATE_LIMITS.signInPerAccountAddress,
  account: RATE_LIMITS.signInPerAccount,
};

const TWO_FACTOR_CODE_LIMITS: AttemptLimits = {
  perAddress: RATE_LIMITS.twoFactorPerAddress,
  pair: RATE_LIMITS.twoFactorPerAccountAddress,
  account: RATE_LIMITS.twoFactorPerAccount,
};

/**
 * A sign-in step (the password, or the second factor's code): every attempt counts per address
 * (refused past the limit); failures count per (account, address), refused past the limit, and
 * per account, which only slows the account's attempts down — an attacker elsewhere can delay the
 * owner's sign-in but never refuse it. Failures are counted once Better Auth answers 401; the
 * per-address count, taken before, bounds how many can race past the (account, address) check at
 * once. `email` is the account (null when no account could be meant: only the address counts).
 */
async function limitedAttempt(
  db: Db,
  auth: AuthHandler,
  request: Request,
  { clientIp, now, wait }: AuthRequestContext,
  { perAddress, pair, account }: AttemptLimits,
  email: string | null,
): Promise<Response> {
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

/** This sign-in's authenticator code, as a bucket key that holds a hash of it, never the code; null without one. */
async function totpCodeKey(request: Request, email: string): Promise<string | null> {
  let code: unknown;
  try {
    code = ((await request.clone().json()) as { code?: unknown }).code;
  } catch {
    return null;
  }
  if (typeof code !== "string") return null;
  const subject = createHash("sha256")
    .update(JSON.stringify([email, code.trim()]))
    .digest("hex");
  return `${RATE_LIMITS.totpCodeOnce.bucket}:${subject}`;
}

/**
 * A sign-in's authenticator code (RATE_LIMITS.totpCodeOnce): refused if it already signed this
 * account in while it could still be valid; counted once it does. Wrong codes are the other limits'
 * business.
 */
async function totpCodeOnce(
  db: Db,
  request: Request,
  email: string,
  context: AuthRequestContext,
  attempt: () => Promise<Response>,
): Promise<Response> {
  const key = await totpCodeKey(request, email);
  if (!key) return attempt();
  const policy = RATE_LIMITS.totpCodeOnce;
  const seen = await peekRateLimit(db, { key, rule: policy, now: context.now });
  const refused = longestRefusal([{ policy, decision: seen }]);
  if (refused) return refused;
  const response = await attempt();
  if (response.ok) await consumeRateLimit(db, { key, rule: policy, now: context.now });
  return response;
}

/**
 * /two-factor/*: a sign-in's code is limited like a password (its account read from the signed
 * two-factor cookie); turning two-factor on or off and new backup codes count per address only
 * (they need a session and the password, which Better Auth checks).
 */
async function twoFactorRequest(
  db: Db,
  auth: AuthHandler,
  request: Request,
  path: string,
  context: AuthRequestContext,
): Promise<Response> {
  if (TWO_FACTOR_CODE_PATHS.some((codePath) => path.endsWith(codePath))) {
    const email = await twoFactorChallengeEmail(auth, {
      cookieHeader: request.headers.get("cookie"),
      now: context.now,
    });
    const attempt = () => limitedAttempt(db, auth, request, context, TWO_FACTOR_CODE_LIMITS, email);
    return email && path.endsWith(VERIFY_TOTP)
      ? totpCodeOnce(db, request, email, context, attempt)
      : attempt();
  }
  return perAddressLimited(db, RATE_LIMITS.twoFactorPerAddress, context, () => auth.handler(request));
}

/**
 * A sign-up. checkAuthInput answers a registered e-mail with SIGN_UP_REFUSED; only a sign-up racing
 * another for the same new e-mail still reaches Better Auth's 422 (USER_ALREADY_EXISTS, or the
 * unique index refusing the second insert), which becomes the same 400, in Better Auth's error shape.
 */
async function signUp(auth: AuthHandler, request: Request): Promise<Response> {
  const response = await auth.handler(request);
  if (response.status !== 422) return response;
  return Response.json(
    { code: "BAD_INPUT", field: "email", message: SIGN_UP_REFUSED_MESSAGE },
    { status: 400, headers: { "cache-control": "no-store" } },
  );
}

/**
 * Better Auth's handler behind a same-site check for every POST (Better Auth leaves some, such as
 * sign-out, to its cookies' SameSite), JSON-only sign-in and sign-up bodies, and Plenum's
 * database-backed rate limits (RATE_LIMITS) for sign-in, its second factor, password changes and sign-up.
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
  if (path.includes(TWO_FACTOR)) return twoFactorRequest(db, auth, request, path, context);
  if (path.endsWith(CHANGE_PASSWORD))
    return perAddressLimited(db, RATE_LIMITS.changePasswordPerAddress, context, () => auth.handler(request));
  const action = path.endsWith(SIGN_IN) ? "sign-in" : path.endsWith(SIGN_UP) ? "sign-up" : null;
  if (!action) return auth.handler(request);
  if (!isJsonBody(request)) {
    return errorResponse(
      415,
      "BAD_INPUT",
      `Send the ${action} as JSON (content-type: application/json), as Plenum's ${action} page does; other body forms are refused.`,
    );
  }
  if (action === "sign-in") {
    const email = await readEmail(request.clone());
    return limitedAttempt(db, auth, request, context, SIGN_IN_LIMITS, email);
  }
  return perAddressLimited(db, RATE_LIMITS.signUpPerAddress, context, () => signUp(auth, request));
}

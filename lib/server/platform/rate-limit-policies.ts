import type { RateLimitPolicy, RateLimitRule } from "./rate-limit";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "a minute", "10 minutes", "an hour", "a day": the window as a person says it. */
export function windowPhrase(windowMs: number): string {
  for (const [unitMs, one, many] of [
    [DAY_MS, "a day", "days"],
    [HOUR_MS, "an hour", "hours"],
    [MINUTE_MS, "a minute", "minutes"],
  ] as const) {
    if (windowMs % unitMs === 0) return windowMs === unitMs ? one : `${windowMs / unitMs} ${many}`;
  }
  return `${Math.ceil(windowMs / 1000)} seconds`;
}

const lastWindow = ({ windowMs }: RateLimitRule) =>
  windowMs === DAY_MS ? "today" : `in the last ${windowPhrase(windowMs).replace(/^an? /, "")}`;

/**
 * Every rate limit the platform enforces, in one table: the window, the limit, the bucket its key
 * starts with (the subject — an operator, a node, an address — completes it) and the sentence the
 * refused person reads before "Try again in …". Every refusal travels as 429 with Retry-After.
 */
export const RATE_LIMITS = {
  /** Every sign-in attempt from one address, whatever the e-mail: refused past the limit. */
  signInPerAddress: {
    limit: 30,
    windowMs: MINUTE_MS,
    bucket: "sign-in:ip",
    tooMany: () => "Too many sign-in attempts from your address.",
  },
  /** Wrong passwords for one account from one address (counted once Better Auth answers 401). */
  signInPerAccountAddress: {
    limit: 10,
    windowMs: MINUTE_MS,
    bucket: "sign-in:account-ip",
    tooMany: () => "Too many wrong passwords for this account from your address.",
    nextStep: "or sign in from another device or network",
  },
  /**
   * Wrong passwords for one account from anywhere: never refused, so nobody elsewhere can lock the
   * owner out; past the limit each sign-in to the account is answered after a growing delay.
   */
  signInPerAccount: {
    limit: 10,
    windowMs: 15 * MINUTE_MS,
    bucket: "sign-in:account",
    tooMany: () => "Many wrong passwords were tried for this account.",
    slowDown: { firstDelayMs: 1_000, maxDelayMs: 10_000 },
  },
  /**
   * Every two-factor request (/two-factor/*: a code at sign-in, turning it on or off, new backup
   * codes) from one address: refused past the limit. Better Auth's own limiter is off.
   */
  twoFactorPerAddress: {
    limit: 20,
    windowMs: MINUTE_MS,
    bucket: "two-factor:ip",
    tooMany: () => "Too many two-factor requests from your address.",
  },
  /**
   * Password changes from one address: each one checks the current password, so a stolen session
   * must not become a way to guess it. Refused past the limit.
   */
  changePasswordPerAddress: {
    limit: 10,
    windowMs: MINUTE_MS,
    bucket: "change-password:ip",
    tooMany: () => "Too many password changes from your address.",
  },
  /** Wrong sign-in codes (authenticator or backup) for one account from one address. */
  twoFactorPerAccountAddress: {
    limit: 5,
    windowMs: MINUTE_MS,
    bucket: "two-factor:account-ip",
    tooMany: () => "Too many wrong codes for this account from your address.",
    nextStep: "then type the code your authenticator app shows at that moment",
  },
  /**
   * Wrong sign-in codes for one account from anywhere: slows the account's code checks down, never
   * refuses (Better Auth's twoFactor plugin locks the second step after 10 wrong codes in a row).
   */
  twoFactorPerAccount: {
    limit: 5,
    windowMs: 15 * MINUTE_MS,
    bucket: "two-factor:account",
    tooMany: () => "Many wrong codes were tried for this account.",
    slowDown: { firstDelayMs: 1_000, maxDelayMs: 10_000 },
  },
  /**
   * One authenticator code signs in once: an app's code stays valid for its 30-second step and the
   * one either side, so a code seen over someone's shoulder or replayed from a log could otherwise
   * sign in again within that minute and a half.
   */
  totpCodeOnce: {
    limit: 1,
    windowMs: 90_000,
    bucket: "two-factor:code",
    tooMany: () => "This code was already used to sign in.",
    nextStep: "Wait for the next code in your authenticator app (a new one comes every 30 seconds).",
  },
  signUpPerAddress: {
    limit: 10,
    windowMs: MINUTE_MS,
    bucket: "sign-up:ip",
    tooMany: () => "Too many sign-up attempts.",
  },
  nodeEnrolmentPerAddress: {
    limit: 30,
    windowMs: MINUTE_MS,
    bucket: "nodes",
    tooMany: (rule) =>
      `Too many enrolment requests from your address (at most ${rule.limit} ${windowPhrase(rule.windowMs).replace(/^an? /, "a ")}).`,
  },
  nodeTelemetry: {
    limit: 4,
    windowMs: MINUTE_MS,
    bucket: "node-telemetry",
    tooMany: (rule) =>
      `This node sent more than ${rule.limit} telemetry reports in ${windowPhrase(rule.windowMs)}.`,
    nextStep: "follow nextReportInSeconds from the last accepted report",
  },
  ballot: {
    limit: 30,
    windowMs: 10 * MINUTE_MS,
    bucket: "ballot",
    tooMany: (rule) => `You submitted more than ${rule.limit} ballots in ${windowPhrase(rule.windowMs)}.`,
    nextStep: "your last stored ballot still counts",
  },
  proposalWrite: {
    limit: 30,
    windowMs: 10 * MINUTE_MS,
    bucket: "proposals",
    tooMany: (rule) => `You have made ${rule.limit} proposal changes ${lastWindow(rule)}, the most allowed.`,
  },
  commentPostPerMinute: {
    limit: 10,
    windowMs: MINUTE_MS,
    bucket: "comment-post-minute",
    tooMany: (rule) => `You posted ${rule.limit} comments ${lastWindow(rule)}, the most allowed.`,
  },
  commentPostPerDay: {
    limit: 100,
    windowMs: DAY_MS,
    bucket: "comment-post-day",
    tooMany: (rule) => `You posted ${rule.limit} comments ${lastWindow(rule)}, the most allowed in a day.`,
  },
  commentEdit: {
    limit: 20,
    windowMs: MINUTE_MS,
    bucket: "comment-edit",
    tooMany: (rule) => `You edited comments ${rule.limit} times ${lastWindow(rule)}, the most allowed.`,
  },
  commentHide: {
    limit: 30,
    windowMs: MINUTE_MS,
    bucket: "comment-hide",
    tooMany: (rule) => `You hid ${rule.limit} comments ${lastWindow(rule)}, the most allowed.`,
  },
  enrolmentTokenCreate: {
    limit: 20,
    windowMs: HOUR_MS,
    bucket: "enrolment-token-create",
    tooMany: (rule) => `You created ${rule.limit} enrolment tokens ${lastWindow(rule)}, the most allowed.`,
    nextStep: "or use a token with several uses",
  },
  nodeChange: {
    limit: 30,
    windowMs: MINUTE_MS,
    bucket: "my-nodes",
    tooMany: (rule) => `Too many node changes in ${windowPhrase(rule.windowMs)}.`,
  },
  syncRetry: {
    limit: 30,
    windowMs: HOUR_MS,
    bucket: "sync-retry-now",
    tooMany: (rule) => `You asked for ${rule.limit} new deliveries ${lastWindow(rule)}, the most allowed.`,
    nextStep: "the sync worker keeps retrying on its own meanwhile",
  },
  epochsCsv: {
    limit: 20,
    windowMs: MINUTE_MS,
    bucket: "epochs-csv",
    tooMany: (rule) =>
      `You downloaded your epochs ${rule.limit} times ${lastWindow(rule)}, the most allowed.`,
  },
  /** Forecasts of a draft's changes (forecasts.forChanges): one nobody asked for before costs seconds of computing. */
  forecast: {
    limit: 20,
    windowMs: 10 * MINUTE_MS,
    bucket: "forecast",
    tooMany: (rule) => `You asked for ${rule.limit} forecasts ${lastWindow(rule)}, the most allowed.`,
    nextStep: "a published proposal's forecast stays available on its page meanwhile",
  },
  /**
   * Explore searches started (explore.start) from one address, signed in or not; calls without an address
   * are not counted. Reused searches count too; the queue's own cap bounds the CPU whatever the addresses.
   */
  exploreStartPerAddress: {
    limit: 10,
    windowMs: HOUR_MS,
    bucket: "explore-start:ip",
    tooMany: (rule) => `You started ${rule.limit} searches ${lastWindow(rule)}, the most allowed.`,
    nextStep: "searches already finished stay available meanwhile",
  },
  /** Public dashboard reads (stats.dashboard, stats.headline) from one address; calls without one are not counted. */
  publicStatsPerAddress: {
    limit: 60,
    windowMs: MINUTE_MS,
    bucket: "public-stats:ip",
    tooMany: (rule) =>
      `Too many network statistics requests from your address (at most ${rule.limit} ${windowPhrase(rule.windowMs).replace(/^an? /, "a ")}).`,
  },
} as const satisfies Record<string, RateLimitPolicy>;

/** A bucket whose window started longer ago than this counts nothing under any policy: it can go. */
export const LONGEST_RATE_LIMIT_WINDOW_MS = Math.max(
  ...Object.values(RATE_LIMITS).map((policy: RateLimitPolicy) => policy.windowMs),
);

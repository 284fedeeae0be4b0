import { MAX_JSON_BODY_BYTES } from "./read-json-body";

/** What the front server (scripts/web-server.ts) lets through to a family of routes. */
export interface BodyRule {
  /** The path prefix this rule covers, for messages and logs ("/api/trpc", or "*" for the rest). */
  family: string;
  /** The largest body, in bytes; a longer one is refused with 413 before it is buffered. */
  maxBytes: number;
  /** Whether the body must be UTF-8 JSON nested at most MAX_JSON_DEPTH deep (400 otherwise). */
  checksJson: boolean;
}

/**
 * Deepest nesting of arrays and objects accepted in a JSON body. Plenum's deepest legitimate body is
 * a tRPC batch with superjson metadata, under 10 levels; a 2 MB, 1,000,000-deep body cost 1.5 s of CPU
 * to parse and walk, so anything past 64 is refused before parsing.
 */
export const MAX_JSON_DEPTH = 64;

const KIB = 1024;

/**
 * Body limits by path family, checked by the front server before a byte is buffered. Why each:
 * - /api/auth: anonymous. Better Auth's bodies are an email, a name and a password of at most 128
 *   characters (a sign-up is about 100 bytes); 16 KiB is generous. A 300 MB sign-up once took the
 *   web process from 248 MiB to 1.7 GiB.
 * - /api/trpc: the largest legitimate mutation is a proposal draft (rationale ≤ 20,000 characters,
 *   summary 500, title 120, 10 changes: lib/domain/governance/proposal-limits.ts), at most about
 *   60 KiB as UTF-8 JSON (3 bytes per character; lone surrogates escape to 6, 120 KiB); a ballot of
 *   200 allocations is about 20 KiB, a comment (5,000 characters) about 15 KiB. httpBatchLink may
 *   send a few calls in one POST: 256 KiB leaves room for that.
 * - /api/v1: the node protocol's routes read at most MAX_JSON_BODY_BYTES (64 KiB) themselves and
 *   check UTF-8 and JSON themselves (their signatures cover the raw bytes); the front server only
 *   refuses a longer body before buffering it.
 * - anything else: no other route reads a body. The smallest limit, with the JSON checks, so a
 *   route reached under another spelling of its path gets no more room than the strictest family.
 */
export const BODY_LIMITS: readonly BodyRule[] = [
  { family: "/api/auth", maxBytes: 16 * KIB, checksJson: true },
  { family: "/api/trpc", maxBytes: 256 * KIB, checksJson: true },
  { family: "/api/v1", maxBytes: MAX_JSON_BODY_BYTES, checksJson: false },
];

export const DEFAULT_BODY_RULE: BodyRule = { family: "*", maxBytes: 16 * KIB, checksJson: true };

/** The rule for a request target (path or absolute URL): its family's, or DEFAULT_BODY_RULE. */
export function bodyRuleFor(target: string): BodyRule {
  let pathname: string;
  try {
    // The WHATWG parser resolves dot segments the way Next.js does when it routes the request.
    pathname = new URL(target, "http://localhost").pathname;
  } catch {
    return DEFAULT_BODY_RULE;
  }
  const rule = BODY_LIMITS.find(({ family }) => pathname === family || pathname.startsWith(`${family}/`));
  return rule ?? DEFAULT_BODY_RULE;
}

/** The 413 message for a body over `rule.maxBytes`. */
export function tooLargeMessage(rule: BodyRule): string {
  const where = rule.family === "*" ? "this path" : `${rule.family}/*`;
  return `The request body is larger than ${rule.maxBytes} bytes (${rule.maxBytes / KIB} KiB), the most ${where} accepts. Send a smaller body.`;
}

import { publicSyncError } from "@/lib/domain/public-sync-error";
import { canModerate } from "@/lib/domain/roles";
import type { SyncViewer } from "./retry-now";

/** The most of a stored reply anyone is shown (the worker stores the first 2 KiB). */
export const REPLY_EXCERPT_MAX = 2048;
/** The most of an attempt's error its readers are shown. */
export const ATTEMPT_ERROR_MAX = 400;

/** What the worker parsed from an answer: the outcome it recorded and the HTTP status, if any. */
export interface ParsedAttempt {
  outcome: string;
  httpStatus: number | null;
}

/**
 * Rule: what a node's endpoint sent back (the reply excerpt, and the node's words inside an error) is
 * shown only to the node's operator and to stewards and admins; anyone else sees parsed fields only.
 */
export function mayReadNodeReplies(viewer: SyncViewer | null, operatorId: string): boolean {
  return viewer !== null && (viewer.id === operatorId || canModerate(viewer.role));
}

const http = (status: number | null) => (status === null ? "" : ` (HTTP ${status})`);

const CATEGORIES: Record<string, (status: number | null) => string> = {
  nack: () => "The node refused the config (NACK).",
  credentials: (status) => `The node refused the platform's signature${http(status)}.`,
  gone: () => "The node answered that it left the network (HTTP 410).",
  overloaded: (status) => `The node was overloaded${http(status)}; the platform tries again later.`,
  timeout: () => "The node did not answer in time.",
  transient: (status) => {
    if (status === null) return "The node could not be reached.";
    if (status >= 300 && status < 400)
      return `The node answered with a redirect${http(status)}, which is never followed.`;
    if (status >= 500) return `The node answered with a server error${http(status)}.`;
    return `The node answered with an unexpected status${http(status)}.`;
  },
  "bad-reply": (status) => `The node's answer did not follow the protocol${http(status)}.`,
  stale: (status) => `The node's answer did not follow the protocol${http(status)}.`,
  gap: (status) => `The node's answer did not follow the protocol${http(status)}.`,
  refused: () => "The platform did not contact the endpoint: it breaks the endpoint safety rules.",
  ack: () => "The node reports a config version or fingerprint other than the platform's.",
};

/** A failed attempt in words anyone may read, made from parsed fields only, never from the node's text. */
export function publicSyncErrorCategory(attempt: ParsedAttempt | null): string {
  if (attempt === null) return "The last delivery attempt failed.";
  return CATEGORIES[attempt.outcome]?.(attempt.httpStatus) ?? "The delivery attempt failed.";
}

/** One attempt's error and reply excerpt as `viewer` may see them (errors scrubbed either way). */
export function attemptDetailsFor(
  viewer: SyncViewer | null,
  operatorId: string,
  attempt: ParsedAttempt & { error: string | null; replyExcerpt: string | null },
): { error: string | null; replyExcerpt: string | null } {
  if (mayReadNodeReplies(viewer, operatorId)) {
    return {
      error: publicSyncError(attempt.error, ATTEMPT_ERROR_MAX),
      replyExcerpt: attempt.replyExcerpt?.slice(0, REPLY_EXCERPT_MAX) ?? null,
    };
  }
  return { error: attempt.error === null ? null : publicSyncErrorCategory(attempt), replyExcerpt: null };
}

/**
 * A node's last error as `viewer` may see it: scrubbed text for those who may read replies, otherwise
 * the category of the failed attempt that set it (`lastFailure`, null when it is not known).
 */
export function lastSyncErrorFor(
  viewer: SyncViewer | null,
  operatorId: string,
  lastError: string | null,
  lastFailure: ParsedAttempt | null,
): string | null {
  if (lastError === null) return null;
  return mayReadNodeReplies(viewer, operatorId)
    ? publicSyncError(lastError)
    : publicSyncErrorCategory(lastFailure);
}

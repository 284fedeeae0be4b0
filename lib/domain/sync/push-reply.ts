import { z } from "zod";

/** What a push or read-back came to, from the node's HTTP answer (node-protocol.md "Node answers"). */
export type PushOutcome =
  | { kind: "ack"; activeVersion: number; stagedVersion: number; sha256: string | null }
  | { kind: "stale"; currentVersion: number }
  | { kind: "gap"; currentVersion: number }
  | { kind: "nack"; currentVersion: number | null; code: string; message: string }
  | { kind: "credentials"; httpStatus: 401 | 403; message: string }
  | { kind: "gone" }
  | { kind: "overloaded"; httpStatus: number; retryAfterSeconds: number | null }
  | { kind: "transient"; httpStatus: number | null; isTimeout: boolean; error: string }
  | { kind: "bad-reply"; httpStatus: number; error: string }
  | { kind: "refused"; error: string };

/** What the HTTP client saw: a status and the (capped) body, or a transport failure. */
export type NodeReply =
  | { httpStatus: number; body: string; retryAfter: string | null; isTruncated: boolean }
  | { transportError: "timeout" | "network" | "refused"; message: string };

const version = z.int().min(0);
const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .nullable();
/** The node's answers to a push and to a read-back (node-protocol.md "Push"); also documented in openapi.json. */
export const stateSchema = z.object({ activeVersion: version, stagedVersion: version, sha256 });
export const ackSchema = stateSchema.extend({ status: z.literal("ACK") });
export const conflictSchema = z.object({ status: z.enum(["STALE", "GAP"]), currentVersion: version });
export const nackSchema = z.object({
  status: z.literal("NACK"),
  currentVersion: version.nullish(),
  error: z.object({ code: z.string().max(200), message: z.string().max(2_000) }),
});
const errorBodySchema = z.object({ error: z.object({ message: z.string().max(2_000) }) });

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP date (IMF-fixdate) ends in GMT; anything else Date.parse might guess at is refused.
  const at = /GMT$/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1_000));
}

function excerpt(body: string): string {
  return body.length > 200 ? `${body.slice(0, 200)}…` : body;
}

/** Reads a push (POST) answer into an outcome; anything the table does not name is transient. */
export function classifyPushReply(reply: NodeReply, now: Date): PushOutcome {
  if ("transportError" in reply) {
    if (reply.transportError === "refused") return { kind: "refused", error: reply.message };
    return {
      kind: "transient",
      httpStatus: null,
      isTimeout: reply.transportError === "timeout",
      error: reply.message,
    };
  }
  const { httpStatus, body } = reply;
  const json = reply.isTruncated ? undefined : parseJson(body);
  if (httpStatus === 200) {
    const ack = ackSchema.safeParse(json);
    if (ack.success) return { kind: "ack", ...pickState(ack.data) };
    return badReply(
      httpStatus,
      reply,
      'an ACK { "status": "ACK", "activeVersion", "stagedVersion", "sha256" }',
    );
  }
  if (httpStatus === 409) {
    const conflict = conflictSchema.safeParse(json);
    if (conflict.success) {
      const kind = conflict.data.status === "STALE" ? "stale" : "gap";
      return { kind, currentVersion: conflict.data.currentVersion };
    }
    return badReply(httpStatus, reply, '{ "status": "STALE" | "GAP", "currentVersion" }');
  }
  if (httpStatus === 422) {
    const nack = nackSchema.safeParse(json);
    if (nack.success) {
      return {
        kind: "nack",
        currentVersion: nack.data.currentVersion ?? null,
        code: nack.data.error.code,
        message: nack.data.error.message,
      };
    }
    return badReply(
      httpStatus,
      reply,
      '{ "status": "NACK", "currentVersion", "error": { "code", "message" } }',
    );
  }
  return classifyOtherStatus(reply, now);
}

/** Reads a drift read-back (GET) answer: 200 with the node's state, else as a push answer. */
export function classifyReadBackReply(reply: NodeReply, now: Date): PushOutcome {
  if ("transportError" in reply || reply.httpStatus !== 200) return classifyPushReply(reply, now);
  const state = stateSchema.safeParse(reply.isTruncated ? undefined : parseJson(reply.body));
  if (state.success) return { kind: "ack", ...pickState(state.data) };
  return badReply(200, reply, '{ "activeVersion", "stagedVersion", "sha256" }');
}

function pickState(state: z.infer<typeof stateSchema>) {
  return { activeVersion: state.activeVersion, stagedVersion: state.stagedVersion, sha256: state.sha256 };
}

function badReply(
  httpStatus: number,
  reply: { body: string; isTruncated: boolean },
  expected: string,
): PushOutcome {
  const got = reply.isTruncated ? "a reply longer than 20 KiB" : `"${excerpt(reply.body)}"`;
  return {
    kind: "bad-reply",
    httpStatus,
    error: `HTTP ${httpStatus} with ${got}; the protocol expects ${expected}`,
  };
}

function classifyOtherStatus(
  reply: { httpStatus: number; body: string; retryAfter: string | null; isTruncated: boolean },
  now: Date,
): PushOutcome {
  const { httpStatus } = reply;
  const parsedMessage = errorBodySchema.safeParse(reply.isTruncated ? undefined : parseJson(reply.body));
  const message = parsedMessage.success ? parsedMessage.data.error.message : excerpt(reply.body);
  if (httpStatus === 401 || httpStatus === 403) return { kind: "credentials", httpStatus, message };
  if (httpStatus === 410) return { kind: "gone" };
  if (httpStatus === 429 || httpStatus === 503) {
    return { kind: "overloaded", httpStatus, retryAfterSeconds: parseRetryAfter(reply.retryAfter, now) };
  }
  const what =
    httpStatus >= 300 && httpStatus < 400
      ? `a redirect (HTTP ${httpStatus}); redirects are never followed, register the final URL`
      : `HTTP ${httpStatus}${message ? `: ${message}` : ""}`;
  return { kind: "transient", httpStatus, isTimeout: false, error: `The node answered ${what}` };
}

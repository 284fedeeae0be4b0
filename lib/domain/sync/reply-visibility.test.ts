import { describe, expect, it } from "vitest";
import {
  attemptDetailsFor,
  lastSyncErrorFor,
  mayReadNodeReplies,
  publicSyncErrorCategory,
  REPLY_EXCERPT_MAX,
} from "./reply-visibility";
import type { SyncViewer } from "./retry-now";

const owner: SyncViewer = { id: "op_owner", role: "operator" };
const otherOperator: SyncViewer = { id: "op_other", role: "operator" };
const steward: SyncViewer = { id: "op_steward", role: "steward" };
const admin: SyncViewer = { id: "op_admin", role: "admin" };

const VIEWERS = [
  ["the node's operator", owner, true],
  ["a steward", steward, true],
  ["an admin", admin, true],
  ["another operator", otherOperator, false],
  ["an anonymous visitor", null, false],
] as const;

const SECRET_REPLY = "aws_secret_access_key=wJalrXUtnFEMI";
const leakingAttempt = {
  outcome: "transient",
  httpStatus: 500,
  error: `The node answered HTTP 500: ${SECRET_REPLY} from http://127.0.0.1:8080/x`,
  replyExcerpt: SECRET_REPLY,
};

describe("mayReadNodeReplies", () => {
  it.each(VIEWERS)("%s: %s", (_who, viewer, expected) => {
    expect(mayReadNodeReplies(viewer, owner.id)).toBe(expected);
  });
});

describe("attemptDetailsFor", () => {
  it.each(VIEWERS)("%s sees the node's words: %s", (_who, viewer, mayRead) => {
    const details = attemptDetailsFor(viewer, owner.id, leakingAttempt);
    if (mayRead) {
      expect(details).toEqual({
        error: `The node answered HTTP 500: ${SECRET_REPLY} from [endpoint]`,
        replyExcerpt: SECRET_REPLY,
      });
    } else {
      expect(details).toEqual({
        error: "The node answered with a server error (HTTP 500).",
        replyExcerpt: null,
      });
    }
  });

  it("shows no error for a successful attempt, to anyone, and cuts long replies", () => {
    const ack = { outcome: "ack", httpStatus: 200, error: null, replyExcerpt: "x".repeat(5_000) };
    expect(attemptDetailsFor(null, owner.id, ack)).toEqual({ error: null, replyExcerpt: null });
    expect(attemptDetailsFor(owner, owner.id, ack)).toEqual({
      error: null,
      replyExcerpt: "x".repeat(REPLY_EXCERPT_MAX),
    });
  });
});

describe("publicSyncErrorCategory", () => {
  it.each([
    ["nack", 422, "The node refused the config (NACK)."],
    ["credentials", 401, "The node refused the platform's signature (HTTP 401)."],
    ["gone", 410, "The node answered that it left the network (HTTP 410)."],
    ["overloaded", 503, "The node was overloaded (HTTP 503); the platform tries again later."],
    ["timeout", null, "The node did not answer in time."],
    ["transient", null, "The node could not be reached."],
    ["transient", 307, "The node answered with a redirect (HTTP 307), which is never followed."],
    ["transient", 502, "The node answered with a server error (HTTP 502)."],
    ["transient", 404, "The node answered with an unexpected status (HTTP 404)."],
    ["bad-reply", 200, "The node's answer did not follow the protocol (HTTP 200)."],
    ["stale", 409, "The node's answer did not follow the protocol (HTTP 409)."],
    ["gap", 409, "The node's answer did not follow the protocol (HTTP 409)."],
    ["refused", null, "The platform did not contact the endpoint: it breaks the endpoint safety rules."],
    ["ack", 200, "The node reports a config version or fingerprint other than the platform's."],
    ["something-new", 418, "The delivery attempt failed."],
  ] as const)("%s with HTTP %s: %s", (outcome, httpStatus, expected) => {
    expect(publicSyncErrorCategory({ outcome, httpStatus })).toBe(expected);
  });

  it("says only that the last attempt failed when that attempt is not known", () => {
    expect(publicSyncErrorCategory(null)).toBe("The last delivery attempt failed.");
  });
});

describe("lastSyncErrorFor", () => {
  const lastError = `The node refused version 3 (NACK BAD_BUNDLE): ${SECRET_REPLY} It is not sent again.`;
  const failure = { outcome: "nack", httpStatus: 422 };

  it.each(VIEWERS)("%s reads the recorded error: %s", (_who, viewer, mayRead) => {
    expect(lastSyncErrorFor(viewer, owner.id, lastError, failure)).toBe(
      mayRead ? lastError : "The node refused the config (NACK).",
    );
  });

  it("is null for everyone when there is no error", () => {
    for (const [, viewer] of VIEWERS) expect(lastSyncErrorFor(viewer, owner.id, null, failure)).toBeNull();
  });
});

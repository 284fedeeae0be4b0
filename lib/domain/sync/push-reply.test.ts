import { describe, expect, it } from "vitest";
import { classifyPushReply, classifyReadBackReply, parseRetryAfter, type NodeReply } from "./push-reply";

const NOW = new Date("2026-11-25T12:00:00Z");
const SHA = "a".repeat(64);
const reply = (httpStatus: number, body: unknown, retryAfter: string | null = null): NodeReply => ({
  httpStatus,
  body: typeof body === "string" ? body : JSON.stringify(body),
  retryAfter,
  isTruncated: false,
});

describe("classifyPushReply", () => {
  it.each([
    [
      "200 ACK",
      reply(200, { status: "ACK", activeVersion: 2, stagedVersion: 3, sha256: SHA }),
      { kind: "ack", activeVersion: 2, stagedVersion: 3, sha256: SHA },
    ],
    ["409 STALE", reply(409, { status: "STALE", currentVersion: 9 }), { kind: "stale", currentVersion: 9 }],
    ["409 GAP", reply(409, { status: "GAP", currentVersion: 1 }), { kind: "gap", currentVersion: 1 }],
    [
      "422 NACK",
      reply(422, {
        status: "NACK",
        currentVersion: 2,
        error: { code: "CHAIN_MISMATCH", message: "no chain" },
      }),
      { kind: "nack", currentVersion: 2, code: "CHAIN_MISMATCH", message: "no chain" },
    ],
    [
      "401",
      reply(401, { error: { code: "UNAUTHENTICATED", message: "bad v1" } }),
      { kind: "credentials", httpStatus: 401, message: "bad v1" },
    ],
    ["403", reply(403, "nope"), { kind: "credentials", httpStatus: 403, message: "nope" }],
    ["410", reply(410, ""), { kind: "gone" }],
    [
      "429 with Retry-After",
      reply(429, "", "120"),
      { kind: "overloaded", httpStatus: 429, retryAfterSeconds: 120 },
    ],
    [
      "503 without Retry-After",
      reply(503, ""),
      { kind: "overloaded", httpStatus: 503, retryAfterSeconds: null },
    ],
    [
      "500",
      reply(500, { error: { code: "INTERNAL", message: "disk full" } }),
      {
        kind: "transient",
        httpStatus: 500,
        isTimeout: false,
        error: "The node answered HTTP 500: disk full",
      },
    ],
  ] as const)("%s", (_, answer, expected) => {
    expect(classifyPushReply(answer, NOW)).toEqual(expected);
  });

  it("treats a redirect as transient and says it is never followed", () => {
    const outcome = classifyPushReply(reply(307, ""), NOW);
    expect(outcome).toMatchObject({ kind: "transient", httpStatus: 307 });
    expect(outcome.kind === "transient" && outcome.error).toContain("redirects are never followed");
  });

  it.each([
    ["an ACK without status", reply(200, { activeVersion: 1, stagedVersion: 1, sha256: SHA })],
    ["a 409 without a status", reply(409, { currentVersion: 1 })],
    ["a NACK without error", reply(422, { status: "NACK", currentVersion: 1 })],
    [
      "an upper-case sha256",
      reply(200, { status: "ACK", activeVersion: 1, stagedVersion: 1, sha256: SHA.toUpperCase() }),
    ],
    [
      "a truncated reply",
      {
        ...reply(200, { status: "ACK", activeVersion: 1, stagedVersion: 1, sha256: SHA }),
        isTruncated: true,
      },
    ],
  ])("calls %s a bad reply", (_, answer) => {
    expect(classifyPushReply(answer as NodeReply, NOW).kind).toBe("bad-reply");
  });

  it("maps transport failures: timeouts, network errors and refused endpoints", () => {
    expect(classifyPushReply({ transportError: "timeout", message: "15 s" }, NOW)).toEqual({
      kind: "transient",
      httpStatus: null,
      isTimeout: true,
      error: "15 s",
    });
    expect(classifyPushReply({ transportError: "network", message: "reset" }, NOW)).toMatchObject({
      kind: "transient",
      isTimeout: false,
    });
    expect(classifyPushReply({ transportError: "refused", message: "loopback" }, NOW)).toEqual({
      kind: "refused",
      error: "loopback",
    });
  });
});

describe("classifyReadBackReply", () => {
  it("reads the node's state from a 200 without a status field", () => {
    expect(
      classifyReadBackReply(reply(200, { activeVersion: 0, stagedVersion: 0, sha256: null }), NOW),
    ).toEqual({
      kind: "ack",
      activeVersion: 0,
      stagedVersion: 0,
      sha256: null,
    });
  });

  it("classifies anything else like a push answer", () => {
    expect(classifyReadBackReply(reply(410, ""), NOW)).toEqual({ kind: "gone" });
    expect(classifyReadBackReply(reply(200, "not json"), NOW).kind).toBe("bad-reply");
  });
});

describe("parseRetryAfter", () => {
  it.each([
    [null, null],
    ["", null],
    ["30", 30],
    [" 7 ", 7],
    ["Wed, 25 Nov 2026 12:02:00 GMT", 120],
    ["Wed, 25 Nov 2026 11:00:00 GMT", 0],
    ["soon", null],
    ["-5", null],
  ])("%s → %s", (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });
});

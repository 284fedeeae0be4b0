import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isReplayRecordExpired,
  isWithinClockSkew,
  MAX_CLOCK_SKEW_SECONDS,
  nodeRequestPath,
  nodeRequestSigningInput,
  parseNodeTimestamp,
  replayRecordExpiresAt,
} from "./request-signing";

// hex(sha256("")) and hex(sha256('{"a":1}')), computed independently with `printf '…' | sha256sum`.
const EMPTY_BODY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const BODY_HASH = "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862";

describe("nodeRequestSigningInput", () => {
  it("joins prefix, METHOD, PATH, timestamp and the body hash with newlines", () => {
    expect(
      nodeRequestSigningInput({
        method: "post",
        path: "/api/v1/nodes/n1/telemetry",
        timestamp: 1_764_072_000,
        bodySha256Hex: BODY_HASH,
      }),
    ).toBe(`plenum-node-req-v1\nPOST\n/api/v1/nodes/n1/telemetry\n1764072000\n${BODY_HASH}`);
  });

  it("signs an empty body as the SHA-256 of zero bytes and keeps the query in PATH", () => {
    expect(
      nodeRequestSigningInput({
        method: "GET",
        path: "/api/v1/rounds/current?x=1",
        timestamp: 0,
        bodySha256Hex: EMPTY_BODY_HASH,
      }),
    ).toBe(
      "plenum-node-req-v1\nGET\n/api/v1/rounds/current?x=1\n0\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it.each([
    [{ timestamp: 1.5 }, /whole Unix seconds/],
    [{ timestamp: -1 }, /whole Unix seconds/],
    [{ bodySha256Hex: BODY_HASH.toUpperCase() }, /lower-case hex/],
    [{ path: "api/v1/x" }, /must start with/],
    [{ path: "/a\nb" }, /whitespace/],
  ])("refuses %o", (override, message) => {
    expect(() =>
      nodeRequestSigningInput({
        method: "POST",
        path: "/x",
        timestamp: 1,
        bodySha256Hex: BODY_HASH,
        ...override,
      }),
    ).toThrow(message);
  });
});

describe("nodeRequestPath", () => {
  it.each([
    ["http://localhost:3000/api/v1/nodes/n1/telemetry", "/api/v1/nodes/n1/telemetry"],
    ["https://plenum.example/api/v1/ballots?dry=1&x=2", "/api/v1/ballots?dry=1&x=2"],
    ["https://plenum.example/api/v1/ballots?", "/api/v1/ballots"],
  ])("%s signs as %s", (url, path) => {
    expect(nodeRequestPath(new URL(url))).toBe(path);
  });
});

describe("parseNodeTimestamp", () => {
  it.each([
    ["1764072000", 1_764_072_000],
    ["0", 0],
    ["", null],
    [" 1764072000", null],
    ["1764072000.5", null],
    ["-5", null],
    ["+5", null],
    ["0123", null],
    ["1e9", null],
    ["1234567890123", null],
  ])("%j → %j", (header, expected) => {
    expect(parseNodeTimestamp(header)).toBe(expected);
  });
});

describe("clock skew and replay records", () => {
  const now = new Date("2026-11-25T12:00:00.000Z");
  const nowSeconds = now.getTime() / 1000;

  it.each([
    [0, true],
    [MAX_CLOCK_SKEW_SECONDS, true],
    [-MAX_CLOCK_SKEW_SECONDS, true],
    [MAX_CLOCK_SKEW_SECONDS + 1, false],
    [-MAX_CLOCK_SKEW_SECONDS - 1, false],
  ])("a timestamp %i s from the server clock is accepted: %s", (offset, isAccepted) => {
    expect(isWithinClockSkew(nowSeconds + offset, now)).toBe(isAccepted);
  });

  it("keeps a replay record until the timestamp's window closes, and lets it go right after", () => {
    const expiresAt = replayRecordExpiresAt(nowSeconds);
    expect(expiresAt.toISOString()).toBe("2026-11-25T12:05:00.000Z");
    expect(isReplayRecordExpired(expiresAt, new Date("2026-11-25T12:05:00.000Z"))).toBe(false);
    expect(isReplayRecordExpired(expiresAt, new Date("2026-11-25T12:05:00.001Z"))).toBe(true);
  });

  it("never forgets a signature while a request carrying it would still pass the clock check", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -400_000, max: 400_000 }),
        (timestamp, offsetMs) => {
          const at = new Date(timestamp * 1000 + offsetMs);
          const isExpired = isReplayRecordExpired(replayRecordExpiresAt(timestamp), at);
          if (isWithinClockSkew(timestamp, at)) expect(isExpired).toBe(false);
          else if (offsetMs > 0) expect(isExpired).toBe(true);
        },
      ),
    );
  });
});

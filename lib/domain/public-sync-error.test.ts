import { describe, expect, it } from "vitest";
import { PUBLIC_SYNC_ERROR_MAX, publicSyncError } from "./public-sync-error";

describe("publicSyncError", () => {
  it.each([
    { input: null, expected: null },
    { input: "HTTP 503: node busy", expected: "HTTP 503: node busy" },
    {
      input: "connect ECONNREFUSED 127.0.0.2:41234",
      expected: "connect ECONNREFUSED [address]",
    },
    {
      input: "POST https://node.example.org:8443/plenum?x=1 timed out after 15 s",
      expected: "POST [endpoint] timed out after 15 s",
    },
    { input: "refused [::ffff:127.0.0.1]:8443 (loopback)", expected: "refused [address] (loopback)" },
    { input: "refused fd12:3456:789a::1 (private)", expected: "refused [address] (private)" },
    { input: "secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw leaked", expected: "secret [secret] leaked" },
    { input: "  NACK\n BAD_SIGNATURE:\tunknown key  ", expected: "NACK BAD_SIGNATURE: unknown key" },
    { input: "wait 12:30 then retry", expected: "wait 12:30 then retry" },
  ])("$input → $expected", ({ input, expected }) => {
    expect(publicSyncError(input)).toBe(expected);
  });

  it("cuts long errors to the limit with an ellipsis", () => {
    const result = publicSyncError("x".repeat(500))!;
    expect(result).toHaveLength(PUBLIC_SYNC_ERROR_MAX);
    expect(result.endsWith("…")).toBe(true);
    expect(publicSyncError("abcdef", 4)).toBe("abc…");
  });
});

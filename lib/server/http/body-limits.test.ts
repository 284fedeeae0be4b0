import { describe, expect, it } from "vitest";
import {
  PROPOSAL_RATIONALE_LENGTH,
  PROPOSAL_SUMMARY_LENGTH,
  PROPOSAL_TITLE_LENGTH,
} from "@/lib/domain/governance/proposal-limits";
import { BODY_LIMITS, bodyRuleFor, DEFAULT_BODY_RULE, tooLargeMessage } from "./body-limits";
import { MAX_JSON_BODY_BYTES } from "./read-json-body";

const family = (target: string) => bodyRuleFor(target).family;

describe("bodyRuleFor", () => {
  it.each([
    ["/api/auth/sign-up/email", "/api/auth"],
    ["/api/auth", "/api/auth"],
    ["/api/auth/get-session?disableCookieCache=true", "/api/auth"],
    ["/api/trpc/proposals.saveDraft?batch=1", "/api/trpc"],
    ["/api/trpc/account.me,rounds.current?batch=1&input=%7B%7D", "/api/trpc"],
    ["/api/v1/nodes/node-1/telemetry", "/api/v1"],
    ["http://localhost:3000/api/trpc/x", "/api/trpc"],
    ["/api/v1/../trpc/x", "/api/trpc"],
    ["/api/v1/%2e%2e/auth/sign-in/email", "/api/auth"],
    ["/api/authx/sign-in", "*"],
    ["/api/trpcfoo", "*"],
    ["/api/v1%2F..%2Ftrpc/x", "*"],
    ["/API/trpc/x", "*"],
    ["/proposals/new", "*"],
    ["/", "*"],
    ["http://[bad", "*"],
  ])("%s → %s", (target, expected) => {
    expect(family(target)).toBe(expected);
  });

  it("lets the largest legitimate tRPC mutation through: a proposal of 3-byte characters, twice over", () => {
    const proposal = JSON.stringify({
      0: {
        json: {
          title: "é".repeat(PROPOSAL_TITLE_LENGTH.max),
          summary: "€".repeat(PROPOSAL_SUMMARY_LENGTH.max),
          rationale: "€".repeat(PROPOSAL_RATIONALE_LENGTH.max),
          changes: Array.from({ length: 10 }, (_, index) => ({
            key: `parameter.key.${index}`,
            toValue: 1e9,
          })),
        },
      },
    });
    expect(2 * Buffer.byteLength(proposal)).toBeLessThan(bodyRuleFor("/api/trpc/x").maxBytes);
  });

  it("keeps the node protocol's own limit and gives no other path more than the strictest family", () => {
    expect(bodyRuleFor("/api/v1/ballots").maxBytes).toBe(MAX_JSON_BODY_BYTES);
    expect(DEFAULT_BODY_RULE.maxBytes).toBe(Math.min(...BODY_LIMITS.map((rule) => rule.maxBytes)));
    expect(DEFAULT_BODY_RULE.checksJson).toBe(true);
  });

  it("says the limit in the 413 message", () => {
    expect(tooLargeMessage(bodyRuleFor("/api/auth/sign-up/email"))).toBe(
      "The request body is larger than 16384 bytes (16 KiB), the most /api/auth/* accepts. Send a smaller body.",
    );
    expect(tooLargeMessage(DEFAULT_BODY_RULE)).toContain("the most this path accepts");
  });
});

import { describe, expect, it } from "vitest";
import { enrolmentTokenStatus } from "./enrolment-token-status";

const now = new Date("2026-11-25T12:00:00Z");
const later = new Date("2026-11-25T13:00:00Z");

describe("enrolmentTokenStatus", () => {
  it.each([
    [{ revokedAt: null, usedCount: 0, maxUses: 1, expiresAt: later }, "active"],
    [{ revokedAt: null, usedCount: 1, maxUses: 1, expiresAt: later }, "used up"],
    [{ revokedAt: null, usedCount: 0, maxUses: 1, expiresAt: now }, "expired"],
    [{ revokedAt: now, usedCount: 0, maxUses: 1, expiresAt: later }, "revoked"],
    [{ revokedAt: now, usedCount: 5, maxUses: 5, expiresAt: now }, "revoked"],
    [{ revokedAt: null, usedCount: 5, maxUses: 5, expiresAt: now }, "used up"],
  ] as const)("%o is %s", (token, expected) => {
    expect(enrolmentTokenStatus(token, now)).toBe(expected);
  });
});

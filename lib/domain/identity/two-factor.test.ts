import { describe, expect, it } from "vitest";
import { isTwoFactorPrompted, normalizeTotpCode } from "./two-factor";

describe("isTwoFactorPrompted", () => {
  it.each([
    ["operator", false, false],
    ["operator", true, false],
    ["steward", false, true],
    ["steward", true, false],
    ["admin", false, true],
    ["admin", true, false],
  ] as const)("%s with two-factor %s → prompted %s", (role, isEnabled, expected) => {
    expect(isTwoFactorPrompted(role, isEnabled)).toBe(expected);
  });
});

describe("normalizeTotpCode", () => {
  it.each([
    ["123456", "123456"],
    [" 123 456 ", "123456"],
    ["12345", null],
    ["1234567", null],
    ["12a456", null],
    ["abcde-fghij", null],
  ])("%j → %j", (typed, expected) => {
    expect(normalizeTotpCode(typed)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { roleBadgeLabel } from "./role-badge";

describe("roleBadgeLabel", () => {
  it.each([
    ["operator", null],
    ["steward", "Steward"],
    ["admin", "Admin"],
  ] as const)("labels %s as %j", (role, label) => {
    expect(roleBadgeLabel(role)).toBe(label);
  });
});

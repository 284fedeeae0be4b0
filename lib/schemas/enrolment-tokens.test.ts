import { describe, expect, it } from "vitest";
import { createEnrolmentTokenInputSchema } from "./enrolment-tokens";

describe("createEnrolmentTokenInputSchema", () => {
  it("fills in one use and 24 hours and trims the label", () => {
    expect(createEnrolmentTokenInputSchema.parse({ label: "  rack 3 " })).toEqual({
      label: "rack 3",
      maxUses: 1,
      expiresInHours: 24,
    });
  });

  it.each([
    [{ label: "" }, "label", "Label is required"],
    [{ label: "x".repeat(61) }, "label", "at most 60"],
    [{ label: "a\u0007b" }, "label", "control characters"],
    [{ label: "a", maxUses: 0 }, "maxUses", "at least 1"],
    [{ label: "a", maxUses: 1001 }, "maxUses", "at most 1000"],
    [{ label: "a", maxUses: 1.5 }, "maxUses", "whole number"],
    [{ label: "a", expiresInHours: 0 }, "expiresInHours", "at least 1 hour"],
    [{ label: "a", expiresInHours: 169 }, "expiresInHours", "at most 7 days"],
  ])("refuses %o naming %s", (input, field, message) => {
    const result = createEnrolmentTokenInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual([field]);
    expect(issue.message).toContain(message);
  });
});

import { describe, expect, it } from "vitest";
import { displayNameSchema, emailAddressSchema } from "./operator-account";

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? "(accepted)";
}

describe("displayNameSchema", () => {
  it("outputs the stored form: NFC, trimmed, inner spaces collapsed", () => {
    expect(displayNameSchema.parse("  Zoe\u0308   Martin ")).toBe("Zoë Martin");
  });

  it.each([
    [undefined, "Display name is required: 1 to 60 characters"],
    [42, "Display name is required: 1 to 60 characters"],
    ["", "Display name is required: 1 to 60 characters"],
    ["x".repeat(61), "Display name is at most 60 characters"],
    ["\u202eevetS", "Display name must not contain invisible or text-direction characters"],
    ["Petra Novakova (steward)", "Display name must not claim a role"],
  ])("refuses %j naming the field and what is allowed", (input, message) => {
    expect(firstMessage(displayNameSchema.safeParse(input))).toContain(message);
  });
});

describe("emailAddressSchema", () => {
  it("outputs the address trimmed and in lower case", () => {
    expect(emailAddressSchema.parse(" Ada@Example.ORG ")).toBe("ada@example.org");
  });

  it.each([
    [undefined, "Email is required"],
    [
      `${"x".repeat(65)}@example.org`,
      "Email: the part before the @ is at most 64 characters (this one has 65)",
    ],
    [`${"x".repeat(64)}@${"d".repeat(190)}.org`, "Email is at most 254 characters"],
  ])("refuses %j naming the field and the limit", (input, message) => {
    expect(firstMessage(emailAddressSchema.safeParse(input))).toBe(message);
  });
});

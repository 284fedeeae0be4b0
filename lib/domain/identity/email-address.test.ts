import { describe, expect, it } from "vitest";
import { emailAddressProblem } from "./email-address";

const at = (local: string, domain = "example.org") => `${local}@${domain}`;

describe("emailAddressProblem", () => {
  it.each([
    at("ada"),
    at("a"),
    at("x".repeat(64)),
    at("é".repeat(32)),
    `${"x".repeat(64)}@${"d".repeat(185)}.org`,
    " ada@example.org ",
    at("first.last+tag"),
  ])("accepts %j", (email) => {
    expect(emailAddressProblem(email)).toBeNull();
  });

  it.each([
    [at("x".repeat(65)), /^Email: the part before the @ is at most 64 characters \(this one has 65\)$/],
    [at("é".repeat(33)), /part before the @ is at most 64 characters \(this one has 66\)/],
    [`${"x".repeat(64)}@${"d".repeat(186)}.org`, /^Email is at most 254 characters$/],
    [`${"x".repeat(60)}@${"é".repeat(95)}.org`, /at most 254 characters/],
    ["ada", /^Email must be an address such as name@example\.org$/],
    ["@example.org", /must be an address/],
    ["ada@", /must be an address/],
    ["", /must be an address/],
  ])("refuses %j", (email, problem) => {
    expect(emailAddressProblem(email)).toMatch(problem);
  });

  it("refuses a 5 MiB address by its length", () => {
    expect(emailAddressProblem(at("x".repeat(5 * 1024 * 1024)))).toBe("Email is at most 254 characters");
  });
});

import { describe, expect, it } from "vitest";
import { checkDisplayName, claimsRole, DISPLAY_NAME_MAX_LENGTH } from "./display-name";

function problemOf(raw: string): string {
  const check = checkDisplayName(raw);
  if (check.ok) throw new Error(`${JSON.stringify(raw)} was accepted as ${JSON.stringify(check.name)}`);
  return check.problem;
}

describe("checkDisplayName", () => {
  it.each([
    ["Ada", "Ada"],
    ["  Ada  Lovelace\u00a0 ", "Ada Lovelace"],
    ["Zoe\u0308", "Zoë"],
    ["Ada\n", "Ada"],
    ["Petra Nova\u0301kova\u0301", "Petra Nováková"],
    ["Ethan Brooks-Whitfield", "Ethan Brooks-Whitfield"],
    ["Daniel O'Brien", "Daniel O'Brien"],
    ["Kestrel Co-op", "Kestrel Co-op"],
    ["Robert (Bob) Tables", "Robert (Bob) Tables"],
    ["Jo (they/them)", "Jo (they/them)"],
    ["Patrick Steward", "Patrick Steward"],
    ["Hackerspace Kraków", "Hackerspace Kraków"],
    ["Seo-yeon Choi", "Seo-yeon Choi"],
    ["山田 太郎", "山田 太郎"],
    ["محمد علی", "محمد علی"],
    ["می\u200cخواهم", "می\u200cخواهم"],
    ["Dev \u{1f469}\u200d\u{1f4bb}", "Dev \u{1f469}\u200d\u{1f4bb}"],
    ["R2-D2", "R2-D2"],
    ["x".repeat(DISPLAY_NAME_MAX_LENGTH), "x".repeat(DISPLAY_NAME_MAX_LENGTH)],
    ["\u{1f600}".repeat(59) + "a", "\u{1f600}".repeat(59) + "a"],
  ])("accepts %j as %j", (raw, stored) => {
    expect(checkDisplayName(raw)).toEqual({ ok: true, name: stored });
  });

  it.each([
    ["", /is required: 1 to 60 characters/],
    ["   ", /is required/],
    ["x".repeat(DISPLAY_NAME_MAX_LENGTH + 1), /is at most 60 characters/],
    [`Ada${" ".repeat(1000)}`, /is at most 60 characters/],
    ["Ada\nLovelace", /one line without control characters/],
    ["Ada\tLovelace", /control characters/],
    ["Ada\u0000", /control characters/],
    ["Ada\u0085", /control characters/],
    ["Ada\u2028Lovelace", /control characters/],
    ["\u202eevetS", /invisible or text-direction characters/],
    ["Ada \u202dLovelace\u202c", /text-direction/],
    ["Ada\u2066x\u2069", /text-direction/],
    ["Ada\u200e", /text-direction/],
    ["Ada\u200f", /text-direction/],
    ["Ada\u061c", /text-direction/],
    ["A\u200bda", /invisible/],
    ["\ufeffAda", /invisible/],
    ["Ada\u2060", /invisible/],
    ["Ad\u00ada", /invisible/],
    ["\u200dAda", /invisible/],
    ["Ada \u200c Lovelace", /invisible/],
    ["Ada\u{e0041}", /invisible/],
    ["\u3164", /no visible form/],
    ["Ada\u2800", /no visible form/],
    ["Ada\ue000", /no visible form/],
    ["Ada\ud800", /no visible form/],
    ["...", /at least one letter or digit/],
    ["Za\u0301\u0301\u0301\u0301\u0301lgo", /stack more than 3 accents/],
    ["Petra \u2714", /check marks/],
  ])("refuses %j", (raw, problem) => {
    expect(problemOf(raw)).toMatch(problem);
    expect(problemOf(raw)).toMatch(/^Display name /);
  });

  it("refuses a 5 MiB name by its length", () => {
    expect(problemOf("x".repeat(5 * 1024 * 1024))).toBe("Display name is at most 60 characters");
  });

  it.each([
    "Petra Novakova (steward)",
    "Petra Novakova (Steward)",
    "Petra Novakova [admin]",
    "Petra Novakova {Moderator}",
    "Petra <mod>",
    "Petra (Plenum staff)",
    "Petra (verified)",
    "Petra (site owner)",
    "Petra (steward",
    "Petra steward)",
    "Petra 【admin】",
    "Petra （ｓｔｅｗａｒｄ）",
    "Petra (st\u0435ward)",
    "Petra (\u{1d42c}\u{1d42d}\u{1d41e}\u{1d430}\u{1d41a}\u{1d42b}\u{1d41d})",
    "Petra Novakova - moderator",
    "Petra Novakova – Steward",
    "Petra Novakova — admin",
    "Petra | Admin",
    "Petra, steward",
    "Petra: stewards",
    "Admin: Petra",
    "Moderator - Petra",
    "Admin",
    "Stewards",
    "Plenum Admin",
    "The Moderators",
    "Admin Team",
  ])("refuses %j, which claims a role", (raw) => {
    expect(problemOf(raw)).toMatch(/must not claim a role such as "\(steward\)".*Plenum shows roles itself/);
  });

  it("finds a claimed role only beside the name, never in an ordinary word", () => {
    expect(claimsRole("Petra Novakova (steward)")).toBe(true);
    expect(claimsRole("Administrative Cooperative")).toBe(false);
    expect(claimsRole("Modena Mesh")).toBe(false);
    expect(claimsRole("Stewart Adminton")).toBe(false);
    expect(claimsRole("Jane (Team Kestrel lead)")).toBe(true);
    expect(claimsRole("Ana Co-owner")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import {
  PASSWORD_MIN_SCORE,
  passwordLengthProblem,
  passwordStrengthLabel,
  passwordStrengthProblem,
  passwordUserInputs,
  type PasswordScore,
} from "./password-strength";

describe("passwordUserInputs", () => {
  it.each([
    [{}, ["plenum"]],
    [{ email: "ada@example.org" }, ["plenum", "ada"]],
    [
      { email: "ada.lovelace@example.org", displayName: "Ada Lovelace" },
      ["plenum", "ada.lovelace", "ada", "lovelace", "ada lovelace"],
    ],
    [{ email: "Zoë_M@example.org", displayName: "  " }, ["plenum", "zoë_m", "zoë"]],
    [{ email: "not-an-address", displayName: null }, ["plenum"]],
  ])("%j → %j", (owner, expected) => {
    expect(passwordUserInputs(owner)).toEqual(expected);
  });
});

describe("passwordStrengthProblem", () => {
  it("passes scores from PASSWORD_MIN_SCORE (3) up, whatever the feedback", () => {
    expect(PASSWORD_MIN_SCORE).toBe(3);
    for (const score of [3, 4] as const) {
      expect(passwordStrengthProblem({ score, warning: "ignored", suggestions: ["ignored"] })).toBeNull();
    }
  });

  it.each([
    [
      0,
      "This is a commonly used password.",
      ["Add more words that are less common."],
      "This password is too easy to guess (very weak: 0 of 4, at least 3 needed). This is a commonly used password. Add more words that are less common.",
    ],
    [
      2,
      null,
      ["Capitalize more than the first letter."],
      "This password is too easy to guess (fair: 2 of 4, at least 3 needed). Capitalize more than the first letter.",
    ],
    [
      1,
      "",
      [],
      "This password is too easy to guess (weak: 1 of 4, at least 3 needed). Add another word or two that have nothing to do with you or with Plenum.",
    ],
  ] as const)(
    "refuses score %i with the warning and suggestions in words",
    (score, warning, suggestions, expected) => {
      expect(passwordStrengthProblem({ score, warning, suggestions: [...suggestions] })).toBe(expected);
    },
  );
});

describe("passwordStrengthLabel and passwordLengthProblem", () => {
  it("names every score", () => {
    expect(([0, 1, 2, 3, 4] as PasswordScore[]).map(passwordStrengthLabel)).toEqual([
      "Very weak",
      "Weak",
      "Fair",
      "Strong",
      "Very strong",
    ]);
  });

  it.each([
    ["short", "Password is at least 10 characters (this one has 5)."],
    ["x".repeat(10), null],
    ["x".repeat(128), null],
    ["x".repeat(129), "Password is at most 128 characters (this one has 129)."],
  ])("%s → %s", (password, expected) => {
    expect(passwordLengthProblem(password)).toBe(expected);
  });
});

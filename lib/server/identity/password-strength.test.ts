import { describe, expect, it } from "vitest";
import { estimatePasswordStrength, newPasswordProblem } from "./password-strength";

describe("newPasswordProblem (zxcvbn-ts with its offline dictionaries)", () => {
  it.each([
    [
      "password12",
      /^This password is too easy to guess \(.*\)\. This is a (commonly|frequently) used password\./,
    ],
    ["qwertyuiop", /too easy to guess.*(keyboard|commonly used|frequently used)/i],
    ["aaaaaaaaaaaa", /too easy to guess.*Repeated characters/],
    ["plenum2026!", /too easy to guess.*personal or page related data/],
  ])("refuses %j, saying why", async (password, message) => {
    expect(await newPasswordProblem(password, {})).toMatch(message);
  });

  it("counts the owner's e-mail and display name as guessable", async () => {
    const password = "petranovakova";
    expect(await newPasswordProblem(password, {})).toBeNull();
    expect(
      await newPasswordProblem(password, { email: "petra.novakova@example.org", displayName: "Petra" }),
    ).toMatch(/^This password is too easy to guess/);
    expect(await newPasswordProblem("quillonbrastewick", { displayName: "Quillon Brastewick" })).toMatch(
      /^This password is too easy to guess/,
    );
  });

  it.each(["correct horse battery", "staple-and-more-words", "a long enough password", "kx8#Qm2!vL9@pR4"])(
    "accepts %j",
    async (password) => {
      expect(await newPasswordProblem(password, { email: "ada@example.org", displayName: "Ada" })).toBeNull();
    },
  );

  it("checks the length first: a short password is refused for its length", async () => {
    expect(await newPasswordProblem("x7#Kq", {})).toBe(
      "Password is at least 10 characters (this one has 5).",
    );
  });

  it("loads the dictionaries once: later estimates reuse the same estimator", async () => {
    const loaded = () =>
      (globalThis as { plenumPasswordEstimator?: Promise<unknown> }).plenumPasswordEstimator;
    await estimatePasswordStrength("warm up the estimator", {});
    const first = loaded();
    expect(first).toBeInstanceOf(Promise);
    for (let i = 0; i < 10; i += 1) await estimatePasswordStrength(`correct horse battery ${i}`, {});
    expect(loaded()).toBe(first);
  });
});

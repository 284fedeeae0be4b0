import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STEWARD_EMAIL } from "../demo/data/demo-accounts";

// RFC 6238 (HMAC-SHA1, 30 s, 6 digits) from the secret the account page writes out in base32.
function totp(base32Secret: string, atMs = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...base32Secret.replace(/\s+/g, "").toUpperCase()]
    .map((char) => alphabet.indexOf(char).toString(2).padStart(5, "0"))
    .join("");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** A code the app does not show now (outside the ±1 step window). */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((step) => totp(secret, Date.now() + step * 30_000)));
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code))!;
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto("/sign-in?next=/account");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe.configure({ mode: "serial" });

test("sign-up shows a live strength meter in words and refuses a guessable password", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Meter Tester");
  await page.getByLabel("Email").fill(`meter-${suffix}@example.test`);
  const password = page.getByLabel("Password", { exact: true });
  await password.fill("password12");
  await expect(page.locator("#password-strength")).toHaveText(
    /^Strength: (Very weak|Weak) \([01] of 4\)\. Needs at least 3\./,
  );
  await page.getByLabel("Password again").fill("password12");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#sign-up-error")).toContainText("This password is too easy to guess");
  await expect(page).toHaveURL(/\/sign-up$/);

  await password.fill("lantern orbit cactus meadow");
  await expect(page.locator("#password-strength")).toHaveText(
    /^Strength: (Strong|Very strong) \([34] of 4\)\. Strong enough\./,
  );
  await page.getByLabel("Password again").fill("lantern orbit cactus meadow");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/my\/nodes$/);
});

test("an operator turns on two-factor sign-in, then signs in with password and code", async ({ page }) => {
  test.setTimeout(90_000);
  const email = `totp-${Date.now().toString(36)}@example.test`;
  const password = "copper kettle whistles twice";
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Totp Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/my\/nodes$/);

  await page.goto("/account");
  const card = page.locator("#two-factor");
  await card.getByLabel("Your password").fill(password);
  await card.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(card.getByRole("img", { name: /QR code for your authenticator app/ })).toBeVisible();
  const secret = (await card.getByTestId("totp-secret").textContent())!;
  await expect(card.getByTestId("backup-codes").getByRole("listitem")).toHaveCount(10);
  const backupCode = (await card.getByTestId("backup-codes").getByRole("listitem").first().textContent())!;
  await card.getByLabel("Code from the app").fill(totp(secret));
  await card.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(card.getByText("On", { exact: true })).toBeVisible();

  await page.context().clearCookies();
  await passwordStep(page, email, password);
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await page.getByLabel("Code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("#sign-in-error")).toContainText("That code is not right");
  await page.getByLabel("Code").fill(totp(secret));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await page.waitForURL(/\/account$/);
  // Signed in for real: the page the server drew with the new session, so the browser has stored its
  // cookie before the next step clears them (clearing during the client-side navigation raced it).
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.locator("#two-factor").getByText("On", { exact: true })).toBeVisible();

  // A backup code works once in place of the app's code.
  await page.context().clearCookies();
  await passwordStep(page, email, password);
  await page.getByLabel("Code").fill(backupCode.trim());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await page.waitForURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
});

test("a steward without two-factor sign-in is asked to turn it on, in the header and on the account page", async ({
  page,
}) => {
  await passwordStep(page, DEMO_STEWARD_EMAIL, DEMO_PASSWORD);
  await page.waitForURL(/\/account$/);
  await expect(page.getByTestId("two-factor-prompt")).toContainText("turn on two-factor sign-in");
  await expect(page.getByRole("note")).toContainText("Turn on two-factor sign-in");
});

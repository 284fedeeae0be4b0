import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD, DEMO_STEWARD_EMAIL } from "../demo/data/demo-accounts";

const PATH = "/stewards/warning-signs";

async function expectNoSeriousViolations(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (e.g. ${violation.nodes[0]?.target.join(" ")})`);
  expect(blocking).toEqual([]);
}

async function signInAt(page: Page, email: string): Promise<void> {
  await page.goto(PATH);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(`${PATH}$`));
}

test("a steward finds the warning signs from their account and reads what they mean", async ({ page }) => {
  await signInAt(page, DEMO_STEWARD_EMAIL);
  await expect(page.getByRole("heading", { level: 1, name: "Warning signs" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "What these signs mean" })).toBeVisible();
  await expect(page.getByText("A sign is evidence to look at, never proof.", { exact: true })).toBeVisible();
  // The demo network may or may not show signs: either the two lists or the empty state, never neither.
  const emptyState = page.getByRole("heading", { name: "No warning signs in the last 30 days" });
  const lists = page.getByRole("heading", { level: 2, name: "Accounts created together" });
  await expect(emptyState.or(lists)).toBeVisible();
  // Clusters are shown as prefixes only: no full IPv4 address without its "/bits" appears on the page.
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b(?!\/\d)/);
  await expectNoSeriousViolations(page);

  await page.goto("/account");
  await page.getByRole("link", { name: "Warning signs" }).click();
  await page.waitForURL(new RegExp(`${PATH}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Warning signs" })).toBeVisible();
});

test("an operator who is not a steward is told only stewards can see the page", async ({ page }) => {
  await signInAt(page, DEMO_OPERATOR_EMAIL);
  await expect(page.getByRole("heading", { level: 1, name: "Only stewards can see this" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What these signs mean" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Warning signs" })).toHaveCount(0);
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD } from "../demo/data/demo-accounts";

async function expectNoSeriousViolations(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.length} elements, e.g. ${violation.nodes[0]?.target.join(" ")})`,
    );
  expect(blocking).toEqual([]);
}

const PUBLIC_PAGES = [
  "/",
  "/parameters",
  "/config",
  "/nodes",
  "/nodes?search=no-such-node",
  "/proposals",
  "/proposals?search=no-such-proposal",
  "/proposals/new",
  "/how-it-works",
  "/rounds",
  "/rounds/1",
  "/rounds/2",
  "/sign-in",
  "/sign-up",
  "/stats",
  "/stats?range=24h",
];

for (const path of PUBLIC_PAGES) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousViolations(page);
  });
}

test("the signed-in pages have no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/sign-in?next=/my/nodes");
  await page.getByLabel("Email").fill(DEMO_OPERATOR_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/my\/nodes$/);
  for (const path of [
    "/my/nodes",
    "/my/stats",
    "/tokens",
    "/account",
    "/proposals",
    "/proposals/new",
    "/rounds/2/ballot",
  ]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expectNoSeriousViolations(page);
  }
});

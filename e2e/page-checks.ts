import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD } from "../demo/data/demo-accounts";

/** Fails with each serious or critical WCAG 2.1 A/AA finding on the page, named with an example element. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
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

/** Signs in as a demo account (the demo operator unless `email` says otherwise) and lands on `next`. */
export async function signIn(page: Page, next: string, email = DEMO_OPERATOR_EMAIL): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === next);
}

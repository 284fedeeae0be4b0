import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (e.g. ${violation.nodes[0]?.target.join(" ")})`);
}

const nodeTable = (page: Page) => page.getByRole("region", { name: "Nodes and their config delivery" });

test("the Sync page shows coverage, counts per status with explanations, and the node table", async ({
  page,
}) => {
  // The worker creates every node's delivery state on its first pass after start-up.
  await expect(async () => {
    await page.goto("/sync");
    await expect(nodeTable(page)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await expect(page.getByRole("heading", { level: 1, name: "Config sync" })).toBeVisible();
  await expect(page).toHaveTitle("Config sync · Plenum");
  const coverage = page.getByRole("region", { name: "Coverage now" });
  await expect(coverage).toContainText(/nodes with a config endpoint|No node has a config endpoint/);

  const counts = page.getByRole("region", { name: "Nodes by sync status" });
  await expect(counts.getByRole("listitem")).toHaveCount(7);
  await expect(counts).toContainText("The node holds and runs the latest config.");
  await expect(counts.getByRole("link", { name: /^Synced/ })).toBeVisible();

  await expect(page.locator("#coverage-summary")).toHaveText(/coverage ranged from|No coverage samples/);

  const firstNode = nodeTable(page).getByRole("rowheader").first().getByRole("link");
  const name = (await firstNode.textContent())!;
  await expect(page.locator("main")).not.toContainText("whsec_");
  await expect(page.locator("main")).not.toContainText("http://127.");

  await page.getByLabel("Search by node name").fill(name);
  await page.getByRole("button", { name: "Show nodes" }).click();
  await expect(page).toHaveURL(/search=/);
  await expect(nodeTable(page).getByRole("rowheader").first()).toContainText(name);

  await nodeTable(page).getByRole("link", { name }).first().click();
  await expect(page).toHaveURL(/\/sync\/[^/?#]+/);
  await expect(page.getByRole("heading", { level: 1, name: `Config delivery to ${name}` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Delivery attempts" })).toBeVisible();
  await page.getByRole("link", { name: "Config sync" }).click();
  await expect(page).toHaveURL(/\/sync$/);
});

test("the Sync pages have no serious or critical accessibility violations", async ({ page }) => {
  await expect(async () => {
    await page.goto("/sync");
    await expect(nodeTable(page)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.goto("/sync?range=7d&status=Synced");
  await expect(page.getByRole("heading", { level: 1, name: "Config sync" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.goto("/sync");
  await nodeTable(page).getByRole("rowheader").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Delivery attempts" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("an unknown node id on the sync history shows the node-not-found page with a way back", async ({
  page,
}) => {
  await page.goto("/sync/no-such-node");
  await expect(page.getByRole("heading", { level: 1, name: "Node not found" })).toBeVisible();
  await page.getByRole("link", { name: "Find the node on the Sync page" }).click();
  await expect(page).toHaveURL(/\/sync#nodes$/);
});

import { expect, test } from "@playwright/test";

test("a visitor goes from the overview to the parameters and the config history", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Demo Swarm" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Config version 4/ })).toBeVisible();
  await expect(page.getByText("Active nodes")).toBeVisible();

  const nav = page.getByRole("navigation", { name: /main/i });
  await nav.getByRole("link", { name: "Parameters" }).click();
  await expect(page).toHaveURL(/\/parameters$/);
  await expect(page.getByRole("heading", { level: 1, name: "Parameters" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Parameters" })).toHaveAttribute("aria-current", "page");
  for (const category of ["Rewards", "Free-riders", "Peer selection", "Roles", "Governance"]) {
    await expect(page.getByRole("heading", { level: 2, name: category })).toBeVisible();
  }
  const perGb = page.locator('[id="reward.perGbUploaded"]');
  await expect(perGb.getByRole("heading", { name: "Pay per GB served" })).toBeVisible();
  // The demo history raised it from the 1.0 default to 1.2 in version 2.
  await expect(perGb).toContainText("1.2 credits/GB");
  await expect(perGb).toContainText("0 – 100 credits/GB");

  await nav.getByRole("link", { name: "Config history" }).click();
  await expect(page).toHaveURL(/\/config$/);
  await expect(page.getByRole("heading", { level: 1, name: "Config history" })).toBeVisible();
  const version2 = page.locator("article", { has: page.getByRole("heading", { name: /Version 2\b/ }) });
  await expect(version2).toContainText(
    "Raise the pay per GB served from 1.0 credits/GB to 1.2 credits/GB (+20 %)",
  );
  const genesis = page.locator("article", { has: page.getByRole("heading", { name: /Version 1\b/ }) });
  await expect(genesis).toContainText(/Genesis/);
  await version2.getByText(/^Signature: SHA-256/).click();
  await expect(version2.getByRole("link", { name: /Signed config version 2/ })).toHaveAttribute(
    "href",
    "/api/v1/config/2",
  );
});

test("the nodes list searches, filters and pages", async ({ page }) => {
  await page.goto("/nodes");
  await expect(page.getByRole("heading", { level: 1, name: "Nodes" })).toBeVisible();
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(25);
  await expect(page.getByText(/Page 1 of 12/)).toBeVisible();

  await page.getByRole("link", { name: /next/i }).first().click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/Page 2 of 12/)).toBeVisible();

  await page.getByLabel(/search/i).fill("LARGECORP");
  await page.getByRole("button", { name: "Show nodes" }).click();
  await expect(page).toHaveURL(/search=LARGECORP/i);
  await expect(page.getByText(/^60 nodes\b/).first()).toBeVisible();
  await expect(rows).toHaveCount(25);

  await page.getByLabel(/search/i).fill("no-such-node-anywhere");
  await page.getByRole("button", { name: "Show nodes" }).click();
  await expect(page.getByText(/No nodes match/)).toBeVisible();
  await expect(rows).toHaveCount(0);
});

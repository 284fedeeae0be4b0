import { expect, test } from "@playwright/test";

for (const path of ["/", "/parameters", "/config", "/nodes", "/proposals", "/how-it-works"]) {
  test(`${path} fits a phone screen and keeps its navigation reachable`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const menu = page.getByRole("button", { name: /menu/i });
    if (await menu.isVisible()) await menu.click();
    await expect(
      page.getByRole("navigation", { name: /main/i }).getByRole("link", { name: "Nodes" }),
    ).toBeVisible();
  });
}

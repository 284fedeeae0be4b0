import { expect, test, type Page } from "@playwright/test";

// Every chart card on /stats, by its heading; the demo seed gives each of them data over 30 days. Sync
// coverage is sampled only over nodes with a config endpoint: e2e runs without the demo fleet, so it has none.
const CHARTS = [
  { title: "Nodes online over time", marks: ".recharts-line-curve" },
  { title: "Data served to peers", marks: ".recharts-line-curve" },
  { title: "How evenly nodes serve data", marks: ".recharts-line-curve" },
  { title: "Free-rider share per epoch", marks: ".recharts-line-curve" },
  { title: "Rewards per epoch", marks: ".recharts-bar-rectangle" },
  { title: "Node ratings", marks: ".recharts-bar-rectangle" },
  { title: "Turnout per round", marks: ".recharts-bar-rectangle" },
  { title: "Concentration of voting power", marks: ".recharts-bar-rectangle" },
] as const;

const card = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });
// The table sits in a closed <details>: CSS finds its rows where role queries skip hidden content.
const nodesOnlineRows = (page: Page) => card(page, "Nodes online over time").locator("table tbody tr");

test("the stats page draws every chart with data and offers each as a table", async ({ page }) => {
  await page.goto("/stats?range=30d");
  await expect(page.getByRole("heading", { level: 1, name: "Network stats" })).toBeVisible();
  await expect(page).toHaveTitle("Network stats · Plenum");
  await expect(page.locator("dt").filter({ hasText: /^Nakamoto coefficient$/ })).toBeVisible();

  for (const chart of CHARTS) {
    const region = card(page, chart.title);
    await expect(region.getByRole("heading", { level: 3, name: chart.title })).toBeVisible();
    // The chart code loads after the page: wait for the drawing, then for its data marks.
    await expect(region.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
    await expect(region.locator(chart.marks)).not.toHaveCount(0);
    // The chart box is the image; recharts' own svg inside it is presentational.
    await expect(region.getByRole("img").first()).toHaveAccessibleName(/\S/);

    const table = region.getByRole("table");
    await expect(table).toBeHidden();
    await region.getByText("Show as table").click();
    await expect(table).toBeVisible();
    await expect(table.locator("caption")).not.toBeEmpty();
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await expect(table.locator("tbody th[scope=row]").first()).toBeVisible();
  }

  const coverage = card(page, "Config sync coverage");
  await expect(coverage).toContainText("No sync coverage was sampled in this range");
  await expect(coverage.locator(".recharts-surface")).toHaveCount(0);
});

test("the range switch changes the URL and the data shown", async ({ page }) => {
  await page.goto("/stats?range=30d");
  const ranges = page.getByRole("navigation", { name: "Time range" });
  await expect(ranges.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
  const monthRows = await nodesOnlineRows(page).count();
  const monthSummary = await page.locator("#data-served-summary").textContent();
  expect(monthRows).toBeGreaterThan(0);

  await ranges.getByRole("link", { name: "24 hours" }).click();
  await expect(page).toHaveURL(/\/stats\?range=24h$/);
  await expect(ranges.getByRole("link", { name: "24 hours" })).toHaveAttribute("aria-current", "page");
  await expect(ranges.getByRole("link", { name: "30 days" })).not.toHaveAttribute("aria-current", "page");
  await expect(page.locator("#data-served-summary")).not.toHaveText(monthSummary ?? "");
  await expect(nodesOnlineRows(page)).not.toHaveCount(monthRows);
  await expect(nodesOnlineRows(page)).not.toHaveCount(0);
});

test("the overview shows the network at a glance and links to all stats", async ({ page }) => {
  await page.goto("/");
  const glance = page.getByRole("region", { name: "Network at a glance" });
  await expect(glance.getByText("Nodes up in the last hour")).toBeVisible();
  await expect(glance.getByText("Contribution Gini")).toBeVisible();
  await glance.getByRole("link", { name: "See all network stats" }).click();
  await expect(page).toHaveURL(/\/stats$/);
  // The page computes the whole dashboard on the server; a busy machine may take longer than 5 s.
  await expect(page.getByRole("heading", { level: 1, name: "Network stats" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats", exact: true }),
  ).toHaveAttribute("aria-current", "page");
});

import { expect, test, type Locator } from "@playwright/test";
import { expectNoSeriousViolations, signIn } from "./page-checks";
import { DEMO_OPERATOR_EMAIL, DEMO_STEWARD_EMAIL } from "../demo/data/demo-accounts";

/** An amount of data as the pages write it: "0 MB", "1.25 GB", "72.1 TB". */
const DATA_SIZE = /^\d[\d,]*(\.\d+)? (MB|GB|TB|PB)/;

/** Every body row of the table: a day (or node) heading the row, then claimed, confirmed and paid data. */
async function expectTrafficRows(table: Locator): Promise<void> {
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const computed = rows.filter({ hasText: /of the claimed data|nothing claimed/ });
  expect(await computed.count()).toBeGreaterThan(0);
  const cells = computed.first().locator("td");
  await expect(cells).toHaveCount(3);
  for (let index = 0; index < 3; index += 1) await expect(cells.nth(index)).toHaveText(DATA_SIZE);
}

test("an operator sees their nodes' data claimed, confirmed by peers and paid, day by day", async ({
  page,
}) => {
  await signIn(page, "/my/stats", DEMO_OPERATOR_EMAIL);
  const section = page.getByRole("region", { name: "Data confirmed by peers" });
  await expect(section.getByRole("heading", { level: 2, name: "Data confirmed by peers" })).toBeVisible();
  await expect(section.getByText(/another node, in a different network, confirmed receiving/)).toBeVisible();
  await expect(section.getByRole("link", { name: "pay for unconfirmed traffic" })).toHaveAttribute(
    "href",
    "/parameters/reward.uncorroboratedWeight",
  );
  await expectTrafficRows(section.getByRole("region", { name: "Your nodes' data per day" }));
  const byNode = section.getByRole("region", { name: "Each node's data over these days" });
  await expectTrafficRows(byNode);
  await expectNoSeriousViolations(page);

  await byNode.getByRole("rowheader").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/nodes\/[^/?#]+$/);
  const nodeUrl = page.url();
  const nodeSection = page.getByRole("region", { name: "Data served, confirmed and paid" });
  await expect(nodeSection.getByText("Only you see this.", { exact: false })).toBeVisible();
  await expect(nodeSection.getByText(/^Over these \d+ days:/)).toBeVisible();
  await expectTrafficRows(nodeSection.getByRole("region", { name: "This node's data per day" }));
  await expectNoSeriousViolations(page);

  // On a phone the table scrolls inside its own box; the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(nodeSection).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Nobody else sees a node's traffic.
  await page.context().clearCookies();
  await page.goto(nodeUrl);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Data served, confirmed and paid" })).toHaveCount(0);
});

test("the stats page shows the share of served data that peers confirmed, as a chart and a table", async ({
  page,
}) => {
  await page.goto("/stats?range=30d");
  const card = page.getByRole("region", { name: "Data confirmed by peers", exact: true });
  await expect(card.getByRole("heading", { level: 3, name: "Data confirmed by peers" })).toBeVisible();
  await expect(card.locator("#confirmed-share-summary")).toContainText(
    /nodes in other networks confirmed receiving \d+(\.\d)? %/,
  );
  await expect(card.locator(".recharts-line-curve")).not.toHaveCount(0, { timeout: 15_000 });
  await expect(card.getByRole("img").first()).toHaveAccessibleName(/confirmed receiving/);

  await card.getByText("Show as table").click();
  const table = card.getByRole("table");
  await expect(table).toBeVisible();
  const firstRow = table.locator("tbody tr").first();
  await expect(firstRow.locator("td").first()).toHaveText(/^\d+(\.\d)? %$/);
  await expect(firstRow.locator("td").nth(1)).toHaveText(DATA_SIZE);
});

test("how it works says what a node gets paid for", async ({ page }) => {
  await page.goto("/how-it-works");
  const section = page.getByRole("region", { name: "What a node gets paid for" });
  await expect(section.getByText("Data other nodes confirm is paid in full.")).toBeVisible();
  await expect(section.getByText("Impossible claims are refused.")).toBeVisible();
  await expect(section.getByText("Voting counts presence, not claims.")).toBeVisible();
  await expect(section.getByText("What this does not stop:")).toBeVisible();
});

test("a steward sees node pairs that only trade with each other", async ({ page }) => {
  await signIn(page, "/stewards/warning-signs", DEMO_STEWARD_EMAIL);
  await expect(
    page.getByRole("term").filter({ hasText: "Node pairs that only trade with each other" }),
  ).toBeVisible();
  // The demo's swarm may or may not hold such a pair this week: the list or the page's empty state.
  const list = page.getByRole("heading", { level: 2, name: "Node pairs that only trade with each other" });
  const emptyState = page.getByText(/no two nodes traded only with each other in the last 7 days/);
  await expect(list.or(emptyState)).toBeVisible();
  if (await list.isVisible()) {
    const pairs = page.getByRole("region", { name: "The pairs, most data first" });
    const none = page.getByText("None in the last 7 days.");
    await expect(pairs.or(none)).toBeVisible();
    if (await pairs.isVisible()) {
      const first = pairs.locator("tbody tr").first();
      await expect(first.getByRole("link")).toHaveCount(2);
      await expect(first.locator("td").nth(1)).toHaveText(/^(Same network|Different networks|Not known)/);
    }
  }
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousViolations, signIn } from "./page-checks";

// The first forecast of a proposal runs the model (50 runs × 30 days); later ones come from the cache.
const MODEL_TIMEOUT_MS = 90_000;
const METRIC_COUNT = 11;

async function openDemoProposal(page: Page, title: string): Promise<void> {
  await page.goto(`/proposals?search=${encodeURIComponent(title)}`);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** The forecast section once the model has answered: every metric's card, sentence and backtest line. */
async function expectForecast(forecast: Locator): Promise<void> {
  const cards = forecast.getByTestId("metric-forecast");
  await expect(cards).toHaveCount(METRIC_COUNT, { timeout: MODEL_TIMEOUT_MS });
  await expect(forecast.getByTestId("forecast-loading")).toHaveCount(0);
  for (const sentence of await forecast.getByTestId("metric-sentence").all()) {
    await expect(sentence).toHaveText(/^If passed, .+ (rise|fall|stay about the same).+\.$/);
  }
  for (const line of await forecast.getByTestId("metric-backtest").all()) {
    await expect(line).toHaveText(/^On the last \d+ days? the model was off by ±[\d.,]+ /);
  }
  await expect(forecast.getByTestId("forecast-backtest")).toHaveText(
    /^On the last \d+ days? the model was off by ±[\d.,]+ % on average/,
  );
  // Each chart is lazy: an image named by its metric, described in words, drawn once recharts has loaded.
  const chart = cards.first().getByRole("img", { name: "Share of traffic served by the top 10 % of nodes" });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(
    /^Line chart of share of traffic served by the top 10 % of nodes/,
  );
  await expect(chart.locator(".recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-area")).toHaveCount(2);
  await expect(chart.locator(".recharts-line")).toHaveCount(2);

  const groups = forecast.getByRole("region", { name: "Who gains and who loses" });
  for (const group of ["The median node", "The top 10 % of nodes", "A home node", "A data-centre node"]) {
    await expect(groups.getByRole("rowheader", { name: group })).toBeVisible();
  }
  await expect(forecast.getByTestId("payout-limit")).toContainText(
    /The daily payout limit .*(binds|bind) today/,
  );
}

test.describe.configure({ mode: "serial" });

test("a demo proposal's page forecasts the next 30 days, chart by chart, with a table view", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openDemoProposal(page, "Pay a little more for serving data");
  const forecast = page.getByTestId("network-forecast");
  await expect(forecast.getByRole("heading", { level: 2, name: "Forecast: the next 30 days" })).toBeVisible();
  await expectForecast(forecast);
  // Anonymous visitors are told what operators see, and no "Your nodes" row appears.
  await expect(forecast.getByRole("rowheader", { name: /^Your / })).toHaveCount(0);

  // "Table view" swaps the chart for the numbers per day, and back.
  const card = forecast.getByTestId("metric-forecast").filter({ hasText: "Nodes online" });
  const toggle = card.getByRole("button", { name: /^Table view/ });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const table = card.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Proposed", exact: true })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Day 1", exact: true })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Day 30", exact: true })).toBeVisible();
  await expect(card.getByRole("img")).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await toggle.click();
  await expect(card.getByRole("img", { name: "Nodes online" })).toBeVisible();
  await expect(card.getByRole("table")).toHaveCount(0);

  // The model's assumptions, each saying whether the network's last 30 days set it.
  const assumptions = forecast.getByTestId("model-assumptions");
  await assumptions.getByText(/^Model assumptions/).click();
  const items = assumptions.getByRole("listitem");
  expect(await items.count()).toBeGreaterThan(3);
  for (const item of await items.all()) {
    await expect(item).toHaveText(/\((calibrated from the last 30 days|default)\)$/);
  }
  await expectNoSeriousViolations(page);

  // On a phone the groups become cards and nothing makes the page scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(forecast.getByTestId("group-changes-cards")).toBeVisible();
  await expect(forecast.getByTestId("group-changes-cards").getByRole("listitem")).toHaveCount(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a governance-only proposal says why it has no forecast", async ({ page }) => {
  await openDemoProposal(page, "Give nodes two days to take up a new config");
  const forecast = page.getByTestId("network-forecast");
  await expect(forecast.getByTestId("forecast-status")).toContainText(
    "These changes only touch governance rules",
    { timeout: MODEL_TIMEOUT_MS },
  );
  await expect(forecast.getByTestId("metric-forecast")).toHaveCount(0);
});

test("an operator sees their own nodes in the forecast and a forecast on the wizard's review step", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, "/proposals/new");
  await page.getByLabel("Daily bonus for staying online", { exact: true }).check();
  await page.getByRole("button", { name: /^Next: Set the new values/ }).click();
  await page.getByLabel(/^New value/).fill("3");
  await page.getByRole("button", { name: /^Next: Explain your proposal/ }).click();
  await page.getByLabel("Title", { exact: true }).fill("A bigger bonus for staying online");
  await page
    .getByLabel("Summary", { exact: true })
    .fill(
      "Raise the daily bonus for a node that stays online from 2 to 3 credits, to reward reliable nodes.",
    );
  await page
    .getByLabel(/^Rationale/)
    .fill("Reliable nodes keep the network usable at night; the bonus should say that it matters.");
  await page.getByRole("button", { name: /^Next: Check and save/ }).click();

  // The one-day replay says whether the daily payout limit already binds today.
  const impact = page.getByTestId("reward-impact");
  await expect(impact).toBeVisible({ timeout: MODEL_TIMEOUT_MS });
  const forecast = page.getByTestId("network-forecast");
  await expect(forecast.getByRole("heading", { level: 3, name: "Forecast: the next 30 days" })).toBeVisible();
  await expectForecast(forecast);
  await expect(forecast.getByRole("rowheader", { name: /^Your (node|\d+ nodes)$/ })).toBeVisible();
  // On the demo's newest day the limit binds, so a bigger bonus only moves credits between nodes.
  await expect(impact.getByTestId("payout-limit-today")).toContainText(
    "The daily payout limit already binds today",
  );
  await expect(impact.getByTestId("payout-limit-today")).toContainText(
    "this change moves credits between nodes",
  );
  await expectNoSeriousViolations(page);

  // The signed-in operator's own nodes appear on a proposal's page too.
  await openDemoProposal(page, "Pay a little more for serving data");
  await expect(
    page.getByTestId("network-forecast").getByRole("rowheader", { name: /^Your (node|\d+ nodes)$/ }),
  ).toBeVisible({ timeout: MODEL_TIMEOUT_MS });
});

import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./page-checks";

// The demo's closed round passed "Let more nodes serve as guards" 10 days before the seed's "now"; its
// config version took effect a day later, so more than 7 whole days have run under it.
const ENACTED = "Let more nodes serve as guards";
const SUMMARY = /^\d+ of \d+ figures within the forecast range after 7 days\.$/;

test("the enacted demo proposal's page shows its frozen forecast against the first 7 days, and where its hash is", async ({
  page,
  request,
}) => {
  await page.goto(`/proposals?search=${encodeURIComponent("serve as guards")}`);
  await page.getByRole("link", { name: ENACTED }).click();
  await expect(page.getByRole("heading", { level: 1, name: ENACTED })).toBeVisible();

  const section = page.getByRole("region", { name: "Did it work?" });
  await expect(section).toBeVisible();
  await expect(section).toContainText(/took effect as config version 4 on/);
  const seven = section.getByTestId("outcome-check-7");
  await expect(seven.getByRole("heading", { level: 3, name: /^After 7 days: / })).toBeVisible();
  await expect(seven.getByTestId("outcome-summary-7")).toHaveText(SUMMARY);
  const table = seven.getByRole("region", { name: "Forecast against what happened, first 7 days" });
  await expect(table.getByRole("columnheader", { name: "What happened" })).toBeVisible();
  // The change lowered the guard bar: its row is there with a verdict.
  const guards = table.getByTestId("outcome-guardEligible");
  await expect(guards.getByRole("rowheader")).toHaveText("Nodes rated high enough to be guards");
  await expect(guards.getByRole("cell").last()).toHaveText(/^(Within|Above|Below)$/);
  await expect(section.getByTestId("outcome-check-30")).toContainText(
    /The 30-day check is on \d+ \w{3} \d{4}/,
  );

  // The fingerprint's link opens the audit event that carries it.
  const fingerprint = section.getByTestId("forecast-fingerprint");
  const link = fingerprint.getByRole("link", { name: /^event \d+ of the public audit chain$/ });
  const href = await link.getAttribute("href");
  const audit = (await (await request.get(href!)).json()) as {
    events: { type: string; data: { sha256: string } }[];
  };
  expect(audit.events).toHaveLength(1);
  expect(audit.events[0]!.type).toBe("proposal.forecast-frozen");
  await expect(fingerprint.locator("code").first()).toHaveText(
    `${audit.events[0]!.data.sha256.slice(0, 12)}…`,
  );

  await expectNoSeriousViolations(page);

  // On a phone every figure is a card: nothing to scroll sideways, the verdict in full words.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(table).toBeHidden();
  const card = section.getByTestId("outcome-card-guardEligible");
  await expect(card).toBeVisible();
  await expect(card).toContainText(/(Within|Above|Below) the forecast range/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousViolations(page);
});

test("/stats lists the recent change with its outcome", async ({ page }) => {
  await page.goto("/stats");
  const section = page.getByRole("region", { name: "Recent changes and their outcome", exact: true });
  await expect(section).toBeVisible();
  const row = section.getByTestId("recent-outcome").filter({ hasText: ENACTED });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(
    /\d+ of \d+ figures within the forecast range after 7 days\. The 30-day check is on/,
  );
  await expect(row.getByRole("link", { name: ENACTED })).toHaveAttribute("href", /^\/proposals\/[^/]+$/);
  await section.scrollIntoViewIfNeeded();
  await expectNoSeriousViolations(page);
});

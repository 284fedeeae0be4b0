import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations, signIn } from "./page-checks";

// The e2e worker bounds a search at PLENUM_EXPLORE_SECONDS=20 (playwright.config.ts); this leaves room for
// the queue and a busy machine.
const SEARCH_TIMEOUT_MS = 120_000;

test.describe("Explore", () => {
  test("turns a goal into candidates and a prefilled proposal", async ({ page }) => {
    test.setTimeout(SEARCH_TIMEOUT_MS + 60_000);
    await signIn(page, "/parameters");
    const explore = page.getByRole("region", { name: "Explore: let the model suggest changes" });
    await expect(explore).toBeVisible();
    await expectNoSeriousViolations(page);

    await explore.getByRole("radio", { name: /Less concentration/ }).check();
    await explore.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]explore=[^&#]+/);

    const results = explore.getByTestId("explore-results");
    await expect(results).toBeVisible({ timeout: SEARCH_TIMEOUT_MS });
    await expect(results.getByRole("heading", { level: 3 })).toHaveText(
      /^\d suggestions? for “Less concentration”$/,
    );
    const candidates = results.getByTestId("explore-candidate");
    const count = await candidates.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(5);
    const first = candidates.first();
    await expect(first.getByRole("heading", { level: 4 })).toHaveText(
      /^Suggestion 1 of \d: change \d+ rules?$/,
    );
    await expect(first.getByRole("listitem").first()).toHaveText(/^(Raise|Lower) the .+ from .+ to .+\./);
    const table = first.getByRole("region", { name: "Forecast of suggestion 1" });
    await expect(
      table.getByRole("rowheader", { name: "Share of traffic served by the largest cluster" }),
    ).toBeVisible();
    await expectNoSeriousViolations(page);

    // The same goal again reuses the finished search instead of starting another.
    await page.reload();
    await expect(explore.getByTestId("explore-results")).toBeVisible();

    const link = first.getByRole("link", { name: /Start a proposal from this/ });
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/proposals\/new\?changes=[^&]+&goal=less-concentration$/);
    const firstChange = new URLSearchParams(href!.split("?")[1]).get("changes")!.split(",")[0]!;
    const [key] = firstChange.split(":");
    await link.click();

    await expect(page).toHaveURL(/\/proposals\/new\?changes=/);
    await expect(page.getByRole("note")).toContainText(
      "Filled in from Explore’s suggestion for “Less concentration”",
    );
    await expect(page.getByRole("heading", { level: 2, name: /Set the new values/ })).toBeVisible();
    await expect(page.locator(`[id="value-${key}"]`)).not.toHaveValue("");
    await expectNoSeriousViolations(page);
  });

  test("says clearly when the suggested values cannot be used, and starts the wizard empty", async ({
    page,
  }) => {
    await signIn(page, "/parameters");
    await page.goto("/proposals/new?changes=selection.explorationRate:0.9,no.such.rule:1");
    const alert = page.getByRole("alert").filter({ hasText: "could not be filled in" });
    await expect(alert).toContainText(
      "The suggested values could not be filled in, so the wizard starts empty.",
    );
    await expect(alert).toContainText('"no.such.rule" is not a known parameter');
    await expect(page.getByRole("heading", { level: 2, name: /Choose what to change/ })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

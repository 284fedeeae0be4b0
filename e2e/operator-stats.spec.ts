import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./page-checks";
import { DEMO_OPERATOR_EMAIL } from "../demo/data/demo-accounts";

const CSV_HEADER =
  "Epoch day,Node id,Node name,Classification,Uptime %,GB served (claimed),GB confirmed by peers,GB paid for,GB downloaded,Reward before cap (credits),Reward paid (credits),Rating before,Rating after,Score,Config version";

test("a signed-out visitor is sent to sign in, and the CSV asks them to sign in", async ({ page }) => {
  await page.goto("/my/stats");
  await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("next") === "/my/stats");
  const response = await page.request.get("/api/my/epochs.csv");
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toMatch(/^Sign in/);
});

test("an operator sees their nodes' service and rewards and downloads their epochs", async ({ page }) => {
  await signIn(page, "/my/stats", DEMO_OPERATOR_EMAIL);
  await expect(page.getByRole("heading", { level: 1, name: "My nodes' service and rewards" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My rewards" }),
  ).toHaveAttribute("aria-current", "page");

  for (const term of [
    "Nodes",
    "Uptime",
    "Data served",
    "Credits earned",
    "Credits last epoch",
    "Average rating",
  ]) {
    await expect(page.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) })).toBeVisible();
  }
  const table = page.getByRole("region", { name: "Your nodes' service and rewards" });
  const firstNode = table.getByRole("rowheader").first().getByRole("link");
  await expect(firstNode).toHaveAttribute("href", /^\/nodes\/.+/);
  await expect(page.getByRole("heading", { name: "How rewards are worked out" })).toBeVisible();

  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: /^7d/ }).click();
  await expect(page).toHaveURL(/\/my\/stats\?range=7d$/);
  await expect(
    page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: /^7d/ }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Your totals, last 7 days" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download all epochs (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^plenum-epochs-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).split("\r\n");
  expect(lines[0]).toBe(`\uFEFF${CSV_HEADER}`);
  expect(lines.length).toBeGreaterThan(2);
  expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},[^,]+,[^,]+,(Contributor|FreeRider|FreeRiderInGrace|Silent),/);
});

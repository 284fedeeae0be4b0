import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./page-checks";
import { DEMO_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from "../demo/data/demo-accounts";
import { E2E_DATABASE_FILE } from "../playwright.config";

// The demo's big cluster: with its 60 nodes the three voters reach the 20 % quorum together.
const CLUSTER_OPERATOR_EMAIL = "largecorp.hosting@demo-swarm.example";

/** `npm run admin -- …` against the database the e2e server runs on; returns what it printed. */
function admin(...args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: `file:./${E2E_DATABASE_FILE}` },
    encoding: "utf8",
  });
}

async function proposeUptimeBonus(page: Page, title: string): Promise<string> {
  await signIn(page, "/proposals/new", DEMO_OPERATOR_EMAIL);
  await page.getByLabel("Daily bonus for staying online", { exact: true }).check();
  await page.getByRole("button", { name: /^Next: Set the new values/ }).click();
  await page.getByLabel(/^New value/).fill("3");
  await page.getByRole("button", { name: /^Next: Explain your proposal/ }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page
    .getByLabel("Summary", { exact: true })
    .fill("Pay a little more for a day online, so keeping a node up is worth it.");
  await page.getByLabel(/^Rationale/).fill("Home nodes that stay up all day earn little today.");
  await page.getByRole("button", { name: /^Next: Check and save/ }).click();
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL((url) => /^\/proposals\/(?!new$)[^/]+$/.test(url.pathname));
  await page.getByRole("button", { name: "Publish for discussion" }).click();
  await expect(page.getByText("In discussion", { exact: true })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function voteFor(browser: Browser, email: string, title: string, votes: number): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "/vote", email);
  await page.waitForURL(/\/rounds\/\d+\/ballot$/);
  const more = page.getByRole("button", { name: `One vote more on “${title}” (towards for)` });
  for (let vote = 0; vote < votes; vote += 1) await more.click();
  await expect(page.getByLabel(`Votes on “${title}” (− against, + for)`)).toHaveValue(String(votes));
  await page.getByRole("button", { name: /^(Submit|Replace) my ballot$/ }).click();
  const receipt = page.getByRole("region", { name: /receipt/i });
  await expect(receipt).toContainText(/[0-9a-f]{64}/);
  await context.close();
}

test.describe.configure({ mode: "serial" });

test("the whole loop: propose, a round opens, three operators vote, the round closes and a new config version appears", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // The demo starts with a round open; close it so this proposal gets a round of its own.
  expect(admin("round", "close")).toMatch(/Closed voting round \d+/);

  const title = `Reward a day online a little more ${Date.now().toString(36)}`;
  const proposalPath = await proposeUptimeBonus(page, title);

  const opened = admin("round", "open", "--cut-discussion");
  const roundNumber = Number(/Opened voting round (\d+)/.exec(opened)?.[1]);
  expect(roundNumber).toBeGreaterThan(0);

  for (const [email, votes] of [
    [DEMO_OPERATOR_EMAIL, 3],
    [CLUSTER_OPERATOR_EMAIL, 2],
    [DEMO_ADMIN_EMAIL, 1],
  ] as const) {
    await voteFor(browser, email, title, votes);
  }

  // While the round is open the page shows turnout and ballots, never the running net.
  await page.goto(`/rounds/${roundNumber}`);
  await expect(page.getByText(/^3 ballots counted/)).toBeVisible();
  await expect(page.getByText("Net votes", { exact: true })).toHaveCount(0);

  const closed = admin("round", "close");
  expect(closed).toMatch(new RegExp(`passed +“${title}”`));
  const version = Number(/Config version (\d+) was created/.exec(closed)?.[1]);
  expect(version).toBeGreaterThan(1);

  await page.goto(`/rounds/${roundNumber}`);
  const result = page.getByRole("article").filter({ hasText: title });
  await expect(result).toContainText("Passed");
  await expect(page.getByText("Nakamoto coefficient", { exact: true }).first()).toBeVisible();

  await page.goto(proposalPath);
  await expect(page.getByText("Passed", { exact: true }).first()).toBeVisible();

  await page.goto("/config");
  const newest = page.getByRole("article").filter({ hasText: `Version ${version}` });
  await expect(newest).toContainText(/daily bonus for staying online/i);
  await expect(newest).toContainText("+50 %");
});

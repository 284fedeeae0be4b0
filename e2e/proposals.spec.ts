import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations, signIn } from "./page-checks";

async function signUp(page: Page, displayName: string, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByLabel("Password again").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/my\/nodes$/);
}

test.describe.configure({ mode: "serial" });

test("a visitor finds the proposals and how voting works, and is asked to sign in to propose", async ({
  page,
}) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: /main/i });
  await nav.getByRole("link", { name: "Proposals" }).click();
  await expect(page).toHaveURL(/\/proposals$/);
  await expect(page.getByRole("heading", { level: 1, name: "Proposals" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Proposals" })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("Search titles").fill("no-such-proposal-anywhere");
  await page.getByRole("button", { name: "Show proposals" }).click();
  await expect(page).toHaveURL(/search=no-such-proposal-anywhere/);
  await expect(page.getByText("No proposals match these filters")).toBeVisible();

  await nav.getByRole("link", { name: "How it works" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How Plenum works" })).toBeVisible();
  // The same 100 nodes filed four ways: splitting them into accounts adds nothing, spreading them over networks does.
  const example = page.getByRole("region", { name: /Worked example/ });
  await expect(example).toContainText("One operator with 100 nodes in one data centre");
  await expect(example).toContainText("10,000");
  await expect(example).toContainText("The same 100 nodes filed under 100 accounts");
  await expect(example).toContainText("1 each (√(100 ÷ 100)), 100 in all");
  await expect(example).toContainText("10 each (√100), 1,000 in all");
  await expect(page.getByRole("table", { name: /What votes on one proposal cost/ })).toContainText(
    "5 × 5 = 25",
  );

  await page.goto("/proposals/new");
  await expect(page.getByRole("heading", { name: "Sign in to propose a change" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).last()).toHaveAttribute(
    "href",
    "/sign-in?next=%2Fproposals%2Fnew",
  );
});

test("a newcomer proposes a change, fixes an out-of-range value, publishes it and discusses it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const title = `Pay more for serving data ${suffix}`;
  await signUp(page, "Proposal Tester", `proposer-${suffix}@example.test`);

  await page.goto("/proposals/new");
  await expect(page.getByRole("heading", { level: 1, name: "Propose a change" })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Step 1: nothing chosen yet, so "Next" is refused with a reason.
  await page.getByRole("button", { name: /^Next: Set the new values/ }).click();
  await expect(page.getByText("Choose at least one rule to change.")).toBeVisible();
  await page.getByLabel("Pay per GB served", { exact: true }).check();
  await page.getByRole("button", { name: /^Next: Set the new values/ }).click();

  // Step 2: an out-of-range value is named with its limit, next to the field and in the summary.
  await expect(page.getByRole("heading", { level: 2, name: /Set the new values/ })).toBeFocused();
  const value = page.getByLabel(/^New value/);
  await expect(value).toHaveValue("1.2");
  await value.fill("150");
  await expect(value).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await value.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toContainText(
    /Pay per GB served .*must be at most 100 credits\/GB/,
  );
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: /^Next: Explain your proposal/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Set the new values/ })).toBeVisible();
  await value.fill("1.5");
  await expect(value).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: /^Next: Explain your proposal/ }).click();

  // Step 3: the texts, with a markdown preview that keeps the data when going back and forth.
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page
    .getByLabel("Summary", { exact: true })
    .fill("Raise the pay for each GB a node sends to others, so sharing pays more than just being online.");
  await page
    .getByLabel(/^Rationale/)
    .fill("## Why\n\nHome nodes on slow uplinks earn **very little** today for the data they serve.");
  await page.getByRole("tab", { name: "Preview" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("very little");
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: /^Back/ }).click();
  await expect(page.getByLabel(/^New value/)).toHaveValue("1.5");
  await page.getByRole("button", { name: /^Next: Explain your proposal/ }).click();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await page.getByRole("button", { name: /^Next: Check and save/ }).click();

  // Step 4: the plain-language diff from the registry's sentences.
  const diff = page.getByTestId("plain-language-diff");
  await expect(diff).toContainText(
    "Raise the pay per GB served from 1.2 credits/GB to 1.5 credits/GB (+25 %). Nodes that serve more data earn more",
  );
  await expect(page.getByRole("table", { name: /^Each rule this proposal/ })).toContainText("+25 %");
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL((url) => /^\/proposals\/(?!new$)[^/]+$/.test(url.pathname));
  const proposalUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Publish for discussion" }).click();
  await expect(page.getByText("In discussion", { exact: true })).toBeVisible();
  await expect(page.getByTestId("plain-language-diff")).toContainText(
    "Raise the pay per GB served from 1.2 credits/GB to 1.5 credits/GB (+25 %)",
  );
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Discussion" })).toBeVisible();
  await expectNoSeriousViolations(page);

  // It is listed for everyone, and under "Your proposals" for its author.
  await page.goto(`/proposals?search=${encodeURIComponent(suffix)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  // Another operator comments; the author replies.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  try {
    await signIn(other, new URL(proposalUrl).pathname);
    const question = `Does this also count data served at night? ${suffix}`;
    await other.getByLabel("Add a comment").fill(question);
    await other.getByRole("button", { name: "Post comment" }).click();
    await expect(other.getByText(question)).toBeVisible();

    await page.goto(proposalUrl);
    const comment = page.getByRole("article").filter({ hasText: question });
    await comment.getByRole("button", { name: /^Reply/ }).click();
    const answer = `Yes: every GB counts, whenever it is served. ${suffix}`;
    await page.getByLabel(/^Your reply to/).fill(answer);
    await page.getByRole("button", { name: "Post reply" }).click();
    await expect(page.getByText(answer)).toBeVisible();

    await other.reload();
    await expect(other.getByText(answer)).toBeVisible();
  } finally {
    await otherContext.close();
  }
});

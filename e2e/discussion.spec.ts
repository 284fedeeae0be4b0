import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./page-checks";
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD } from "../demo/data/demo-accounts";
import { PARAMETERS } from "../lib/domain/parameters/catalogue";

const KEY = "freeRider.graceDays";
const PARAMETER_PATH = `/parameters/${KEY}`;

/** Everything a hostile comment might try: raw HTML, a javascript: link, SVG with script and onload. */
const HOSTILE_LINES = [
  '<img src=x onerror="window.__pwned=1">',
  "[click me](javascript:window.__pwned=1)",
  "<svg><script>window.__pwned=1</script></svg>",
  '<svg onload="window.__pwned=1">',
];

async function expectNotPwned(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
}

test.describe.configure({ mode: "serial" });

test("a hostile comment renders inert on a parameter page, and another operator replies", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const marker = Date.now().toString(36);

  await page.goto(PARAMETER_PATH);
  await expect(page.getByRole("heading", { level: 1, name: PARAMETERS[KEY].label })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Discussion" })).toBeVisible();
  await page.getByRole("region", { name: "Discussion" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Email").fill(DEMO_OPERATOR_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(`${PARAMETER_PATH.replace(".", "\\.")}$`));

  const body = [
    `Hostile test ${marker}`,
    ...HOSTILE_LINES,
    "A normal [Plenum docs link](https://example.org/plenum) too.",
  ].join("\n\n");
  await page.getByLabel("Add a comment").fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  const comment = page.getByRole("article").filter({ hasText: `Hostile test ${marker}` });
  await expect(comment).toBeVisible();

  await page.reload();
  await expect(comment).toBeVisible();
  await expectNotPwned(page);
  await expect(comment).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(comment).toContainText('<svg onload="window.__pwned=1">');
  await expect(comment).toContainText("<svg><script>window.__pwned=1</script></svg>");
  await expect(comment.locator("img, svg, script, iframe, object, embed")).toHaveCount(0);
  await expect(comment.getByText("click me")).toBeVisible();
  await expect(comment.locator('[href^="javascript" i], [src^="javascript" i]')).toHaveCount(0);
  await expect(comment.getByRole("link", { name: "click me" })).toHaveCount(0);
  const safeLink = comment.getByRole("link", { name: "Plenum docs link" });
  await expect(safeLink).toHaveAttribute("href", "https://example.org/plenum");
  const rel = (await safeLink.getAttribute("rel")) ?? "";
  expect(rel.split(" ")).toEqual(expect.arrayContaining(["nofollow", "noopener"]));
  expect(await safeLink.getAttribute("target")).toBeNull();

  const otherContext = await browser.newContext();
  try {
    const other = await otherContext.newPage();
    await other.goto(`/sign-up`);
    await other.getByLabel("Display name").fill(`Replier ${marker}`);
    await other.getByLabel("Email").fill(`replier-${marker}@example.test`);
    await other.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
    await other.getByLabel("Password again").fill("a-long-enough-password");
    await other.getByRole("button", { name: "Create account" }).click();
    await other.waitForURL(/\/my\/nodes$/);

    await other.goto(PARAMETER_PATH);
    const target = other.getByRole("article").filter({ hasText: `Hostile test ${marker}` });
    await target.getByRole("button", { name: /^Reply/ }).click();
    await other.getByLabel(/^Your reply to/).fill(`Reply ${marker}: thanks, **noted**.`);
    await other.getByRole("button", { name: "Post reply" }).click();
    const replies = other.getByRole("list", { name: /^Replies to/ });
    await expect(replies.getByText(`Reply ${marker}: thanks,`)).toBeVisible();
    await expect(replies.locator("strong", { hasText: "noted" })).toBeVisible();
    await expectNotPwned(other);
  } finally {
    await otherContext.close();
  }

  await page.reload();
  await expect(page.getByText(`Reply ${marker}: thanks,`)).toBeVisible();
  await expect(page.getByText(`Replier ${marker}`)).toBeVisible();
  await expectNotPwned(page);
  await expectNoSeriousViolations(page);
});

test("the parameter page has no serious or critical accessibility violations for visitors", async ({
  page,
}) => {
  await page.goto(PARAMETER_PATH);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Discussion" })).toBeVisible();
  await expect(page.getByText("Loading the discussion…")).toHaveCount(0);
  await expectNotPwned(page);
  await expectNoSeriousViolations(page);
});

test("an unknown parameter key shows the not-found page", async ({ page }) => {
  await page.goto("/parameters/reward.noSuchParameter");
  await expect(page.getByRole("heading", { level: 1, name: "Parameter not found" })).toBeVisible();
});

test("each parameter on the list links to its own page", async ({ page }) => {
  await page.goto("/parameters");
  await page.getByRole("link", { name: PARAMETERS[KEY].label, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${PARAMETER_PATH.replace(".", "\\.")}$`));
  await expect(page.getByRole("heading", { level: 1, name: PARAMETERS[KEY].label })).toBeVisible();
});

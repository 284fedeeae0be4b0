import { expect, test } from "@playwright/test";

test("a node's public page shows who runs it and its key fingerprint, never its endpoint", async ({
  page,
}) => {
  await page.goto("/nodes?search=largecorp");
  const firstNode = page.getByRole("rowheader").first().getByRole("link");
  const name = (await firstNode.textContent())!;
  await firstNode.click();

  await expect(page).toHaveURL(/\/nodes\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`Node ${name} · Plenum`);
  const facts = page.getByRole("region", { name: "About this node" });
  await expect(facts.getByText(/^SHA256:[0-9a-f]{4}( [0-9a-f]{4}){3}$/)).toBeVisible();
  await expect(facts.getByText("Config version reported")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("https://");
  await expect(page.locator("main")).not.toContainText("whsec_");

  await page.getByRole("link", { name: "All nodes" }).click();
  await expect(page).toHaveURL(/\/nodes$/);
});

test("an unknown node id shows the node-not-found page with a way back", async ({ page }) => {
  await page.goto("/nodes/no-such-node");
  await expect(page.getByRole("heading", { level: 1, name: "Node not found" })).toBeVisible();
  await page.getByRole("link", { name: "Find the node in the node list" }).click();
  await expect(page).toHaveURL(/\/nodes$/);
});

test("My nodes sends a signed-out visitor to sign in, then shows how to enrol a first node", async ({
  page,
  baseURL,
}) => {
  const email = `my-nodes-${Date.now()}@example.test`;
  const password = "correct-horse-battery";
  const signUp = await page.request.post("/api/auth/sign-up/email", {
    headers: { origin: baseURL! },
    data: { email, password, name: "E2E Operator" },
  });
  expect(signUp.ok()).toBe(true);
  await page.context().clearCookies();

  await page.goto("/my/nodes");
  await page.waitForURL(/\/sign-in\?next=(\/|%2F)my(\/|%2F)nodes$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.waitForURL(/\/my\/nodes$/);
  await expect(page.getByRole("heading", { level: 1, name: "My nodes" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "You have no nodes yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enrolment tokens" })).toHaveAttribute("href", "/tokens");
  await expect(page.getByText(/npm run agent -- enrol --server/)).toBeVisible();
});

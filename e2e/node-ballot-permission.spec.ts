import { expect, test } from "@playwright/test";
import { signIn } from "./page-checks";

const SWITCH = "This node may cast ballots for me";

test("an operator chooses on the node's page which of their nodes may cast ballots for them", async ({
  page,
  browser,
}) => {
  await signIn(page, "/my/nodes");
  await expect(page.getByText(/^0 of your active nodes may cast ballots for you\./)).toBeVisible();
  const firstNode = page.getByRole("article").first();
  const name = (await firstNode.getByRole("heading", { level: 2 }).textContent())!;
  await expect(firstNode.getByText("Not allowed", { exact: true })).toBeVisible();
  await firstNode.getByRole("link", { name: `change for ${name}` }).click();

  await expect(page).toHaveURL(/\/nodes\/[^/?#]+#node-ballots$/);
  const nodeUrl = page.url().replace(/#.*$/, "");
  const section = page.getByRole("region", { name: "Ballots from this node" });
  const toggle = section.getByRole("switch", { name: SWITCH });
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(
    "Any node allowed here can replace your whole ballot with its own; allow only nodes you control and trust.",
  );

  await toggle.check();
  await expect(section.getByRole("status")).toHaveText(
    `${name} may now cast ballots for you. A ballot it sends replaces your ballot in the open round.`,
  );
  await page.reload();
  await expect(page.getByRole("switch", { name: SWITCH })).toBeChecked();

  await page.goto("/my/nodes");
  await expect(page.getByText(/^1 of your active nodes may cast ballots for you\./)).toBeVisible();
  await expect(
    page.getByRole("article").filter({ hasText: name }).getByText("Allowed", { exact: true }),
  ).toBeVisible();

  // Nobody else sees the switch, nor whether the node may vote.
  const visitor = await browser.newPage();
  await visitor.goto(nodeUrl);
  await expect(visitor.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(visitor.getByRole("region", { name: "Ballots from this node" })).toHaveCount(0);
  await expect(visitor.getByRole("switch")).toHaveCount(0);
  await visitor.close();

  // Withdrawn again, as the demo started.
  await page.goto(nodeUrl);
  await page.getByRole("switch", { name: SWITCH }).uncheck();
  await expect(page.getByRole("region", { name: "Ballots from this node" }).getByRole("status")).toHaveText(
    `${name} may no longer cast ballots for you. Your ballot that counts stays as it is.`,
  );
});

import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations, signIn } from "./page-checks";

// The demo seed leaves round 1 closed and round 2 open, with the demo accounts yet to vote in it. This file
// runs before voting-loop.spec.ts, which closes round 2 (files run in name order, one worker).
const OPEN_ROUND = 2;
const CLOSED_ROUND = 1;
/** Anything shaped like an IPv4 address or prefix: no page may show where a cluster is. */
const IPV4 = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/;

test("the ballot page says how many votes the operator's nodes hold and why, without naming any network", async ({
  page,
}) => {
  await signIn(page, `/rounds/${OPEN_ROUND}/ballot`);
  await expect(
    page.getByRole("heading", { name: `Round ${OPEN_ROUND} takes no more ballots` }),
    `round ${OPEN_ROUND} must still be open: run this file before voting-loop.spec.ts closes it`,
  ).toHaveCount(0);
  const votes = page.getByRole("region", { name: "Your votes in this round" });
  await expect(votes).toBeVisible();
  await expect(votes).toContainText(
    /Your (\d+ nodes hold|node holds) up to [\d,]+ votes? on one proposal \(a budget of [\d,]+ voice credits?\)\./,
  );
  await expect(
    votes.getByRole("heading", { name: /^Where they come from \(\d+ networks?\)$/ }),
  ).toBeVisible();
  const clusters = votes.getByRole("listitem");
  await expect(clusters.first()).toContainText(
    /in a network (only you use|you share with \d+ other operators?)/,
  );
  await expect(votes).toContainText(/your budget is that number times itself/i);
  await expect(votes).toContainText(/Votes cost their square, so it buys up to/);
  await expect(votes).not.toContainText(IPV4);
  await expect(votes.getByRole("link", { name: "How votes are counted" })).toHaveAttribute(
    "href",
    "/how-it-works#who-counts",
  );
  // The budget the explanation states is the one the ballot form spends.
  const stated = (await votes.textContent())?.match(/a budget of ([\d,]+) voice credit/)?.[1];
  expect(stated).toBeTruthy();
  await expect(page.getByRole("meter", { name: "Voice credits spent" })).toHaveAttribute(
    "aria-valuemax",
    stated!.replaceAll(",", ""),
  );
  await expectNoSeriousViolations(page);
});

test("the round pages show voting power by network beside the one over operators", async ({ page }) => {
  for (const roundNumber of [OPEN_ROUND, CLOSED_ROUND]) {
    await page.goto(`/rounds/${roundNumber}`);
    const byNetwork = page.getByRole("region", { name: "Voting power by network" });
    await expect(byNetwork).toBeVisible();
    for (const term of [
      "Networks",
      "Largest network's share",
      "Nakamoto coefficient",
      "Operators sharing a network",
    ]) {
      await expect(byNetwork.getByRole("term").filter({ hasText: term })).toBeVisible();
    }
    await expect(byNetwork).toContainText(
      /The fewest networks, and the fewest operator accounts, that together hold more than half of the votes/,
    );
    // The coefficient over networks beside the one over operator accounts.
    await expect(byNetwork).toContainText(/\d+ networks?\s*\d+ operator accounts?/);
    await expect(byNetwork).not.toContainText(IPV4);
    await expectNoSeriousViolations(page);
  }
  // The closed round keeps its measures over operators next to the ones by network.
  await expect(
    page.getByRole("heading", { name: "Decentralisation of voting power over operators" }),
  ).toBeVisible();
});

test("/stats sets the Nakamoto coefficient over networks beside the one over operators", async ({ page }) => {
  await page.goto("/stats?range=30d");
  const card = page.getByRole("region", { name: "Voting power by network", exact: true });
  await expect(card.getByRole("heading", { level: 3, name: "Voting power by network" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(card).toContainText(/In round \d+, the eligible nodes sat in \d+ networks?\./);
  await expect(card.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  await card.getByText("Show as table").click();
  await expect(card.getByRole("columnheader", { name: "Nakamoto coefficient over networks" })).toBeVisible();
  await expect(card.getByRole("columnheader", { name: "Nakamoto coefficient over operators" })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("/how-it-works explains why splitting does not pay and what capture costs, with the live numbers", async ({
  page,
}) => {
  await page.goto("/how-it-works");
  await expect(
    page.getByRole("heading", { level: 2, name: "Votes follow networks, not accounts" }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Worked example: the same nodes filed four ways" }),
  ).toContainText("The same 100 nodes filed under 100 accounts");
  await expect(page.getByText(/the network's current value/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "The price: honest neighbours share" })).toBeVisible();
  const capture = page.getByRole("region", { name: "What taking over a vote would cost" });
  await expect(capture).toContainText(
    /k × k nodes proving service in one network, or k nodes in k different networks/,
  );
  await expect(capture).toContainText(
    /In the newest round, Round \d+, the \d+ eligible nodes sat in \d+ networks/,
  );
  await expectNoSeriousViolations(page);
});

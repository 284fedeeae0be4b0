import { expect, test } from "@playwright/test";
import { DEMO_OPERATOR_EMAIL, DEMO_PASSWORD } from "../demo/data/demo-accounts";

function scriptSources(policy: string): string[] {
  const directive = policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("script-src "));
  return directive ? directive.split(/\s+/).slice(1) : [];
}

test("every page gets its own script nonce and no inline script without it", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const policies = [first, second].map((response) => response.headers()["content-security-policy"] ?? "");
  const nonces = policies.map((policy) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1]);

  for (const policy of policies) {
    expect(scriptSources(policy)).not.toContain("'unsafe-inline'");
    expect(scriptSources(policy)).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
  }
  expect(nonces[0]).toBeTruthy();
  expect(nonces[1]).toBeTruthy();
  expect(nonces[0]).not.toBe(nonces[1]);

  // Every script Next.js rendered carries this response's nonce.
  const html = await first.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonces[0]}"`);
});

test("API answers carry a policy that loads nothing, and plain http gets no HSTS", async ({ request }) => {
  const api = await request.get("/api/v1/network");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  // Without PLENUM_TRUST_PROXY a client's x-forwarded-proto is not believed.
  const page = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
});

test("pages work under the nonce policy and markup injected into a page cannot run script", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  await page.goto("/sign-in?next=/my/nodes");
  await page.getByLabel("Email").fill(DEMO_OPERATOR_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in needs the page's scripts: the form posts through the auth client and navigates.
  await page.waitForURL((url) => url.pathname === "/my/nodes");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);

  // Stored XSS as the server would send it: markup inside the page, with the real response headers.
  await page.route("**/how-it-works", async (route) => {
    const response = await route.fetch();
    const injected = (await response.text()).replace(
      "<body",
      '<script>window.__injectedScript = true;</script><img src="/none" onerror="window.__injectedHandler = true"><body',
    );
    await route.fulfill({ response, body: injected });
  });
  await page.goto("/how-it-works");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const ran = await page.evaluate(() => {
    const flags = window as unknown as { __injectedScript?: boolean; __injectedHandler?: boolean };
    return { script: flags.__injectedScript === true, handler: flags.__injectedHandler === true };
  });
  expect(ran).toEqual({ script: false, handler: false });
  expect(violations.length).toBeGreaterThanOrEqual(1);
});

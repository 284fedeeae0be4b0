import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const TSX = path.resolve("node_modules/.bin/tsx");

function agent(args: string[]) {
  return spawnSync(TSX, ["agent/cli.ts", ...args], { encoding: "utf8", timeout: 60_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

test.describe.configure({ mode: "serial" });

test("an operator signs up, creates a token, enrols a node with the agent and sees it report", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Enrolment Tester");
  await page.getByLabel("Email").fill(`enrol-${suffix}@example.test`);
  await page.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
  await page.getByLabel("Password again").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/my\/nodes$/);

  await page.goto("/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "Enrolment tokens" })).toBeVisible();
  await page.getByLabel("Label").fill("e2e laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.locator("#created-token-value").inputValue();
  expect(token).toMatch(/^plnm_enr_[A-Za-z0-9_-]{43}$/);

  const dir = mkdtempSync(path.join(os.tmpdir(), "plenum-e2e-agent-"));
  const key = path.join(dir, "node.key");
  const state = path.join(dir, "node.json");
  const port = await freePort();
  const nodeName = `e2e-node-${suffix}`;
  const keygen = agent(["keygen", "--key", key]);
  expect(keygen.status, keygen.stderr).toBe(0);
  const enrol = agent([
    ...["enrol", "--server", baseURL!, "--token", token, "--endpoint", `http://127.0.0.1:${port}/`],
    ...["--name", nodeName, "--key", key, "--state", state],
  ]);
  expect(enrol.status, enrol.stderr + enrol.stdout).toBe(0);
  expect(enrol.stdout + enrol.stderr).not.toContain("whsec_");

  const run = spawn(
    TSX,
    ["agent/cli.ts", "run", "--key", key, "--state", state, "--endpoint-port", String(port)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(
        () => reject(new Error(`no telemetry report within 30 s:\n${output}`)),
        30_000,
      );
      const collect = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (/\b202\b/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      run.stdout.on("data", collect);
      run.stderr.on("data", collect);
    });
  } finally {
    run.kill("SIGINT");
  }

  await page.goto("/my/nodes");
  const card = page
    .getByRole("list", { name: "Your nodes" })
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: nodeName }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Active");
  await expect(card).toContainText(/Last seen\s*(just now|\d+ seconds? ago)/);
  await expect(card).toContainText(`http://127.0.0.1:${port}/`);
});

test("a client cannot dodge the enrolment rate limit by sending its own x-forwarded-for", async ({
  request,
}) => {
  const statuses: number[] = [];
  for (let i = 0; i < 31; i += 1) {
    const response = await request.post("/api/v1/nodes/challenge", {
      headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      data: { publicKey: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
    });
    statuses.push(response.status());
  }
  expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(30);
  expect(statuses.at(-1)).toBe(429);
});

import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.PLENUM_E2E_PORT ?? 3210);
const chromiumPath =
  process.env.PLENUM_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const E2E_DATABASE_FILE = "data/e2e.db";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] } },
    { name: "mobile", use: { ...devices["Pixel 7"] }, testMatch: /responsive\.spec\.ts/ },
  ],
  webServer: {
    // The whole platform as `npm start` runs it (migrations, demo seed, build, web, worker) on a fresh database.
    command: `node -e "for (const s of ['','-wal','-shm']) require('fs').rmSync('${E2E_DATABASE_FILE}'+s,{force:true})" && npx tsx scripts/start.ts`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      DATABASE_URL: `file:./${E2E_DATABASE_FILE}`,
      PORT: String(PORT),
      PLENUM_DEMO_DATA: "1",
      // The fleet is exercised by hand and by its own tests; e2e enrols one agent on loopback itself.
      PLENUM_DEMO_FLEET: "0",
      PLENUM_ALLOW_PRIVATE_ENDPOINTS: "1",
      PLENUM_WORKER_TICK_MS: "1000",
      // Explore's searches end within 20 s (60 s by default), so e2e waits for candidates briefly.
      PLENUM_EXPLORE_SECONDS: "20",
    },
  },
});

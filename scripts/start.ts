/**
 * `npm start`: one command from a fresh clone to a running platform.
 * Validates the environment, applies migrations, seeds the demo network into an empty database,
 * builds the web app when its sources changed, then runs the web server and the worker as child
 * processes (the demo node fleet joins them as one more child). One Ctrl-C stops them all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { loadEnv, type Env } from "../lib/server/platform/env";
import { createLogger } from "../lib/server/platform/logger";
import { deployMigrations } from "./prisma";
import { buildWebAppIfNeeded } from "./web-build";

const READY_TIMEOUT_MS = 120_000;

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const log = createLogger({ fields: { process: "start" } });

function say(message: string): void {
  process.stdout.write(`[plenum] ${message}\n`);
}

/** Whether the database holds the demo network with its demo accounts (then the demo login is printed). */
async function prepareDatabase(env: Env): Promise<{ hasDemoAccounts: boolean }> {
  say(
    `Database: ${env.DATABASE_URL.kind === "sqlite" ? env.DATABASE_URL.filePath : "PostgreSQL"}. Applying migrations…`,
  );
  deployMigrations(process.env, { isQuiet: true });
  const { getDb } = await import("../lib/server/platform/db");
  const { ensurePlatform } = await import("../lib/server/platform/ensure-platform");
  const { seedDemoNetwork } = await import("../demo/seed/seed-demo-network");
  const { rebuildRollupsIfMissing } = await import("../lib/server/telemetry/rollup-commands");
  const db = await getDb();
  const now = new Date();
  const rebuild = await rebuildRollupsIfMissing(db);
  if (rebuild.isRebuilt) {
    say(
      `Built the telemetry rollups (charts, voting eligibility) from ${rebuild.samples} raw samples of ${rebuild.nodes} node(s).`,
    );
  }
  if (env.PLENUM_DEMO_DATA) {
    say("Seeding the demo network with 30 days of history (a few seconds)…");
    const result = await seedDemoNetwork(db, {
      seed: DEMO_SEED,
      now,
      telemetryRetentionDays: env.PLENUM_TELEMETRY_RETENTION_DAYS,
    });
    say(
      result.seeded
        ? 'Seeded the demo network "Demo Swarm" (demo data; PLENUM_DEMO_DATA=0 turns it off).'
        : `Demo data: ${result.reason}`,
    );
  }
  const platform = await ensurePlatform(db, { networkName: env.PLENUM_NETWORK_NAME, now });
  if (platform.created) say(`Created network ${platform.networkId}, its platform key and config version 1.`);
  const { DEMO_OPERATOR_EMAIL } = await import("../demo/data/demo-accounts");
  const { DEMO_NETWORK_NAME } = await import("../demo/data/demo-network");
  const [network, demoOperator] = await Promise.all([
    db.network.findUnique({ where: { singleton: true }, select: { name: true } }),
    db.operator.findUnique({ where: { email: DEMO_OPERATOR_EMAIL }, select: { id: true } }),
  ]);
  await db.$disconnect();
  return { hasDemoAccounts: network?.name === DEMO_NETWORK_NAME && demoOperator !== null };
}

async function sayDemoLogin(): Promise<void> {
  const accounts = await import("../demo/data/demo-accounts");
  say(`Demo login (demo data only): ${accounts.DEMO_OPERATOR_EMAIL} / ${accounts.DEMO_PASSWORD}`);
  say(`  steward: ${accounts.DEMO_STEWARD_EMAIL}, admin: ${accounts.DEMO_ADMIN_EMAIL} (same password)`);
}

const DEMO_SEED = 20261125;

interface Child {
  name: string;
  process: ChildProcess;
}

async function waitUntilServing(url: string, children: Child[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (children.some((child) => child.process.exitCode !== null))
      throw new Error("a process exited during start-up");
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

function spawnChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  return {
    name,
    // Each child gets its own process group so a terminal's Ctrl-C reaches only this supervisor,
    // which then signals every child exactly once.
    process: spawn(process.execPath, args, { stdio: "inherit", env, detached: true }),
  };
}

function startChildren(env: Env, { isDemoFleetOn }: { isDemoFleetOn: boolean }): Child[] {
  const childEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(env.PORT),
    // The demo fleet's endpoints are on 127.0.0.1: only while it runs may nodes register such endpoints.
    ...(isDemoFleetOn ? { PLENUM_ALLOW_PRIVATE_ENDPOINTS: "1" } : {}),
  };
  return [
    spawnChild("web", ["--import", "tsx", "scripts/web-server.ts"], childEnv),
    spawnChild("worker", ["--import", "tsx", "worker/main.ts"], childEnv),
  ];
}

const DEMO_FLEET_NODES = 25;

/** The demo fleet enrols over HTTP like any agent; its exit is logged but leaves the platform running. */
async function startDemoFleet(url: string): Promise<Child> {
  const { DEMO_OPERATOR_EMAIL } = await import("../demo/data/demo-accounts");
  const fleet = spawnChild(
    "fleet",
    [
      ...["--import", "tsx", "agent/fleet.ts", "--nodes", String(DEMO_FLEET_NODES), "--server", url],
      ...["--token-for", DEMO_OPERATOR_EMAIL, "--dir", path.resolve("data", "fleet")],
    ],
    process.env,
  );
  fleet.process.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") {
      log.error("the demo fleet stopped; the platform keeps running", { code, signal });
    }
  });
  return fleet;
}

function superviseChildren(children: Child[]): void {
  let isStopping = false;
  const stopAll = (exitCode: number) => {
    if (isStopping) return;
    isStopping = true;
    say("Stopping…");
    for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGTERM");
    const forceTimer = setTimeout(() => {
      for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGKILL");
    }, 15_000);
    forceTimer.unref();
    Promise.all(children.map((child) => exited(child))).then(() => {
      say("Stopped.");
      process.exit(exitCode);
    });
  };
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));
  for (const child of children) {
    child.process.on("exit", (code, signal) => {
      if (isStopping) return;
      log.error("child process exited; stopping the others", { child: child.name, code, signal });
      stopAll(1);
    });
  }
}

function exited(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.process.once("exit", () => resolve()));
}

let children: Child[] = [];

async function main(): Promise<void> {
  const env = loadEnv();
  const { hasDemoAccounts } = await prepareDatabase(env);
  await buildWebAppIfNeeded(process.env, say);
  const isDemoFleetOn = env.PLENUM_DEMO_DATA && env.PLENUM_DEMO_FLEET && hasDemoAccounts;
  if (isDemoFleetOn) {
    say(
      "Private endpoints allowed because the demo fleet runs on loopback; PLENUM_DEMO_FLEET=0 for a real network.",
    );
  }
  children = startChildren(env, { isDemoFleetOn });
  superviseChildren(children);
  const url = `http://localhost:${env.PORT}`;
  await waitUntilServing(url, children);
  if (isDemoFleetOn) {
    // Same array the supervisor stops on Ctrl-C, so the fleet stops with the others.
    children.push(await startDemoFleet(url));
    say(`Demo fleet: ${DEMO_FLEET_NODES} nodes enrol and report telemetry (one summary line a minute).`);
  }
  say(
    `Plenum is running at ${url}  (Ctrl-C stops the web app, the worker${isDemoFleetOn ? ", the demo fleet" : ""})`,
  );
  if (hasDemoAccounts) await sayDemoLogin();
}

main().catch((error: unknown) => {
  process.stderr.write(`[plenum] Start-up failed: ${(error as Error).message}\n`);
  for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGTERM");
  process.exit(1);
});

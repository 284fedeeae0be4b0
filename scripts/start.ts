/**
 * `npm start`: one command from a fresh clone to a running platform.
 * Validates the environment, applies migrations, seeds the demo network into an empty database,
 * builds the web app when its sources changed, then runs the web server and the worker as child
 * processes (the demo node fleet joins them as one more child). A child that exits on its own is
 * restarted with back-off (scripts/supervise-child.ts); one Ctrl-C or SIGTERM stops them all for good.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { loadEnv, type Env } from "../lib/server/platform/env";
import { createLogger } from "../lib/server/platform/logger";
import { deployMigrations } from "./prisma";
import { superviseChild, type SupervisedChild } from "./supervise-child";
import { buildWebAppIfNeeded } from "./web-build";

/** How often start-up says it is still waiting for a web app that does not answer yet. */
const READY_REMINDER_MS = 120_000;

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
    say("Seeding the demo network with 30 days of history (under a minute)…");
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

/** Every supervised child; a stop signal stops them all, and no child starts once stopping began. */
const children: SupervisedChild[] = [];
let isStopping = false;

/**
 * Whether the web app answered before a stop signal. A web app that crashes meanwhile is restarted
 * with back-off, so this keeps waiting (and says so every two minutes) rather than giving up.
 */
async function waitUntilServing(url: string): Promise<boolean> {
  const startedAt = Date.now();
  let nextReminder = startedAt + READY_REMINDER_MS;
  while (!isStopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() >= nextReminder) {
      const waited = Math.round((Date.now() - startedAt) / 1000);
      say(`${url} has not answered for ${waited} s; still waiting (the web app's log above says why).`);
      nextReminder += READY_REMINDER_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Runs `node <args>` as a child that is restarted with back-off whenever it exits on its own. */
function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): void {
  if (isStopping) return;
  children.push(
    superviseChild({
      name,
      log,
      // Each child gets its own process group so a terminal's Ctrl-C reaches only this supervisor,
      // which then signals every child exactly once.
      spawn: () => spawn(process.execPath, args, { stdio: "inherit", env, detached: true }),
    }),
  );
}

function startChildren(env: Env): void {
  // PLENUM_ALLOW_PRIVATE_ENDPOINTS passes through as the operator set it: the demo fleet's loopback
  // endpoints are allowed by the permission its own enrolment tokens carry, not platform-wide.
  const childEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(env.PORT),
  };
  startChild("web", ["--import", "tsx", "scripts/web-server.ts"], childEnv);
  startChild("worker", ["--import", "tsx", "worker/main.ts"], childEnv);
}

const DEMO_FLEET_NODES = 25;

/** The demo fleet enrols over HTTP like any agent; when it exits it is restarted like the others. */
async function startDemoFleet(url: string): Promise<void> {
  const { DEMO_OPERATOR_EMAIL } = await import("../demo/data/demo-accounts");
  startChild(
    "fleet",
    [
      ...["--import", "tsx", "agent/fleet.ts", "--nodes", String(DEMO_FLEET_NODES), "--server", url],
      ...["--token-for", DEMO_OPERATOR_EMAIL, "--dir", path.resolve("data", "fleet")],
    ],
    process.env,
  );
}

/** Stops every child for good (pending restarts cancelled, SIGKILL after 15 s), then exits. */
function stopAll(exitCode: number): void {
  if (isStopping) return;
  isStopping = true;
  if (children.length > 0) say("Stopping…");
  void Promise.all(children.map((child) => child.stop())).then(() => {
    if (children.length > 0) say("Stopped.");
    process.exit(exitCode);
  });
}

async function main(): Promise<void> {
  const env = loadEnv();
  const { hasDemoAccounts } = await prepareDatabase(env);
  await buildWebAppIfNeeded(process.env, say);
  const isDemoFleetOn = env.PLENUM_DEMO_DATA && env.PLENUM_DEMO_FLEET && hasDemoAccounts;
  if (isDemoFleetOn) {
    say(
      env.PLENUM_ALLOW_PRIVATE_ENDPOINTS
        ? "PLENUM_ALLOW_PRIVATE_ENDPOINTS=1: EVERY node may use loopback and private endpoints (development only)."
        : "Only the demo fleet's own nodes may use loopback endpoints; every other node needs a public https endpoint.",
    );
  }
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));
  startChildren(env);
  const url = `http://localhost:${env.PORT}`;
  if (!(await waitUntilServing(url))) return;
  if (isDemoFleetOn) {
    // Supervised like the others, so it stops with them on Ctrl-C.
    await startDemoFleet(url);
    say(`Demo fleet: ${DEMO_FLEET_NODES} nodes enrol and report telemetry (one summary line a minute).`);
  }
  say(
    `Plenum is running at ${url}  (Ctrl-C stops the web app, the worker${isDemoFleetOn ? ", the demo fleet" : ""})`,
  );
  if (hasDemoAccounts) await sayDemoLogin();
}

main().catch((error: unknown) => {
  process.stderr.write(`[plenum] Start-up failed: ${(error as Error).message}\n`);
  stopAll(1);
});

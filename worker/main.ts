/** The sync worker process (`npm run worker`): wires env, database, clock and logger to the job runtime. */
import { getDb, type Db } from "@/lib/server/platform/db";
import { EnvError, loadEnv, type Env } from "@/lib/server/platform/env";
import { createLogger, type Logger } from "@/lib/server/platform/logger";
import { ensurePlatform } from "@/lib/server/platform/ensure-platform";
import { PlatformKeyError } from "@/lib/server/platform/platform-key-file";
import { JOBS } from "@/worker/jobs/registry";
import { startWorkerRuntime } from "@/worker/runtime";

function readEnv(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`The worker cannot start. ${error.message}`);
    process.exit(1);
  }
}

async function start(env: Env, logger: Logger): Promise<Db> {
  let db: Db | undefined;
  try {
    db = await getDb();
    await ensurePlatform(db, { networkName: env.PLENUM_NETWORK_NAME, now: new Date() });
  } catch (error) {
    // A key-file problem names its own fix; anything else is most likely the database.
    logger.error(
      error instanceof PlatformKeyError
        ? `worker could not start: ${error.message}`
        : "worker could not start: check that DATABASE_URL points at a running, migrated database (npm run db:deploy)",
      { error },
    );
    await db?.$disconnect().catch(() => undefined);
    process.exit(1);
  }
  return db;
}

const env = readEnv();
const logger = createLogger({ level: env.PLENUM_LOG_LEVEL, fields: { process: "worker" } });
const db = await start(env, logger);
const jobs = JOBS.map((job) => job.name);
const runtime = startWorkerRuntime({
  db,
  jobs: JOBS,
  now: () => new Date(),
  env,
  logger,
  tickMs: env.PLENUM_WORKER_TICK_MS,
});
logger.info("worker started", { jobs, tickMs: env.PLENUM_WORKER_TICK_MS });

let isStopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (isStopping) {
    logger.warn("second signal while stopping: exiting without waiting for jobs", { signal });
    process.exit(1);
  }
  isStopping = true;
  logger.info("worker stopping", { signal });
  try {
    await runtime.stop();
    await db.$disconnect();
  } catch (error) {
    logger.error("worker did not stop cleanly", { signal, error });
    process.exit(1);
  }
  logger.info("worker stopped", { signal, jobs });
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void shutdown(signal));
}

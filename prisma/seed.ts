/** `npm run db:seed`: puts the "Demo Swarm" demo network into the empty, migrated database at DATABASE_URL. */
import { getDb } from "@/lib/server/platform/db";
import { EnvError, loadEnv } from "@/lib/server/platform/env";
import { seedDemoNetwork } from "@/demo/seed/seed-demo-network";

/** Fixed so every fresh demo database holds the same operators, nodes and keys. */
const DEMO_SEED = 20261125;

try {
  const env = loadEnv();
  const db = await getDb();
  try {
    const result = await seedDemoNetwork(db, {
      seed: DEMO_SEED,
      now: new Date(),
      telemetryRetentionDays: env.PLENUM_TELEMETRY_RETENTION_DAYS,
    });
    if (result.summary) {
      const { operators, nodes, hourlyRollups, epochs, configVersions, proposals, comments } = result.summary;
      console.log(
        `Seeded "Demo Swarm" (seed ${DEMO_SEED}): ${operators} operators, ${nodes} nodes with ${hourlyRollups} hours of telemetry, ${epochs} epochs of rewards, config versions 1–${configVersions}, ${proposals} proposals with ${comments} comments.`,
      );
    } else {
      console.log(`Nothing seeded: ${result.reason}.`);
    }
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`Seeding the demo network failed. ${error.message}`);
    process.exit(1);
  }
  console.error(
    `Seeding the demo network failed: ${(error as Error).message}\n` +
      "Check DATABASE_URL and that the database is migrated (npm run db:deploy), then run npm run db:seed again.",
  );
  process.exit(1);
}

/**
 * Runs the integration suite against PostgreSQL. PLENUM_TEST_POSTGRES_URL names a server and a
 * database to connect to for admin work (default postgres://postgres@127.0.0.1:5432/postgres);
 * the tests create and drop their own databases there.
 */
import { spawnSync } from "node:child_process";
import pg from "pg";

const adminUrl = process.env.PLENUM_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.query("SELECT 1");
} catch (error) {
  console.error(
    `PostgreSQL is not reachable at ${adminUrl.replace(/\/\/[^@]*@/, "//***@")}: ${(error as Error).message}\n` +
      "Start PostgreSQL, or set PLENUM_TEST_POSTGRES_URL=postgres://user:password@host:port/database.",
  );
  process.exit(1);
} finally {
  await client.end().catch(() => undefined);
}

const result = spawnSync("npx", ["vitest", "run", "--project", "integration", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PLENUM_TEST_POSTGRES_URL: adminUrl },
});
process.exit(result.status ?? 1);

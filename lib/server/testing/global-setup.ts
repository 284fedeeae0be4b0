/** Vitest global setup for integration tests: migrates the template database each test file copies. */
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deployMigrations } from "../../../scripts/prisma";
import {
  POSTGRES_ADMIN_URL_VARIABLE,
  TEMPLATE_URL_VARIABLE,
  withDatabase,
  withPostgresAdmin,
} from "./test-database";

export default async function setup(): Promise<() => Promise<void>> {
  const adminUrl = process.env[POSTGRES_ADMIN_URL_VARIABLE];
  if (adminUrl) {
    const name = `plenum_test_template_${process.pid}`;
    await withPostgresAdmin(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
    });
    const templateUrl = withDatabase(adminUrl, name);
    deployMigrations({ ...process.env, DATABASE_URL: templateUrl }, { isQuiet: true });
    process.env[TEMPLATE_URL_VARIABLE] = templateUrl;
    return async () => {
      await withPostgresAdmin(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    };
  }
  const dir = path.join(os.tmpdir(), "plenum-tests");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template_${process.pid}.sqlite`);
  rmSync(file, { force: true });
  deployMigrations({ ...process.env, DATABASE_URL: `file:${file}` }, { isQuiet: true });
  process.env[TEMPLATE_URL_VARIABLE] = `file:${file}`;
  return async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}

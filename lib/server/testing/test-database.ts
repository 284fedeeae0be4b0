/**
 * Fresh, migrated databases for integration tests. The global setup migrates one template with the
 * real migrations (`prisma migrate deploy`); every test file then gets its own copy of it.
 *   SQLite (default): the template file is copied.
 *   PostgreSQL (PLENUM_TEST_POSTGRES_URL set, see `npm run test:pg`): CREATE DATABASE … TEMPLATE.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "../platform/database-url";
import { createDb, prepareDb, type Db } from "../platform/db";

export const TEMPLATE_URL_VARIABLE = "PLENUM_TEST_TEMPLATE_URL";
export const POSTGRES_ADMIN_URL_VARIABLE = "PLENUM_TEST_POSTGRES_URL";

export interface TestDatabase {
  db: Db;
  target: DatabaseTarget;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withPostgresAdmin<T>(
  adminUrl: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = process.env[TEMPLATE_URL_VARIABLE];
  if (!templateUrl) {
    throw new Error(
      `${TEMPLATE_URL_VARIABLE} is not set: run integration tests through \`npm run test:int\` or \`npm run test:pg\`.`,
    );
  }
  const template = parseDatabaseUrl(templateUrl);
  if (template.kind === "sqlite") {
    const dir = path.join(os.tmpdir(), "plenum-tests");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${uniqueName("db")}.sqlite`);
    copyFileSync(template.filePath, file);
    const target = parseDatabaseUrl(`file:${file}`);
    const db = createDb(target);
    await prepareDb(db);
    return {
      db,
      target,
      drop: async () => {
        await db.$disconnect();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const adminUrl = process.env[POSTGRES_ADMIN_URL_VARIABLE] ?? templateUrl;
  const templateName = new URL(templateUrl).pathname.slice(1);
  const name = uniqueName("plenum_test");
  await withPostgresAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`),
  );
  const target = parseDatabaseUrl(withDatabase(templateUrl, name));
  const db = createDb(target);
  return {
    db,
    target,
    drop: async () => {
      await db.$disconnect();
      await withPostgresAdmin(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

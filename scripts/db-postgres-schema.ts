/**
 * Generates prisma/postgres/schema.prisma from prisma/schema.prisma (SQLite, the source of truth).
 * `--check` exits non-zero when the committed file differs from what would be generated.
 */
import { readFileSync, writeFileSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgres/schema.prisma";

export function toPostgresSchema(sqliteSchema: string): string {
  const header = "// GENERATED from prisma/schema.prisma by `npm run db:postgres-schema`. Do not edit.\n";
  const body = sqliteSchema
    .replace(/^\/\/ The source of truth[^\n]*\n(\/\/[^\n]*\n)*/m, "")
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../lib/generated/prisma"', 'output     = "../../lib/generated/prisma-postgres"');
  return header + body.replace(/^\n+/, "\n");
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const expected = toPostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const actual = readFileSync(POSTGRES_SCHEMA, "utf8");
    if (actual !== expected) {
      console.error(
        `${POSTGRES_SCHEMA} is out of date with ${SQLITE_SCHEMA}. Run \`npm run db:postgres-schema\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log(`${POSTGRES_SCHEMA} matches ${SQLITE_SCHEMA}.`);
  } else {
    writeFileSync(POSTGRES_SCHEMA, expected);
    console.log(`Wrote ${POSTGRES_SCHEMA}.`);
  }
}

import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
// adapter-pg is 7.x beside the 6.19.3 client on purpose: 6.19.3's pg adapter fails `migrate deploy`
// ("Column type 'name' could not be deserialized", prisma/orm#27403); 7.x speaks the same adapter interface.
import { PrismaPg } from "@prisma/adapter-pg";

export const DEFAULT_DATABASE_URL = "file:./data/plenum.db";

export type DatabaseTarget =
  { kind: "sqlite"; url: string; filePath: string } | { kind: "postgres"; url: string };

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/** Reads DATABASE_URL: `file:<path>` selects SQLite (relative to the project root), `postgres://` or `postgresql://` PostgreSQL. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed.startsWith("file:")) {
    const rawPath = trimmed.slice("file:".length).split("?")[0] ?? "";
    if (rawPath === "") {
      throw new DatabaseUrlError(
        `DATABASE_URL "${url}" names no file. Use file:<path>, for example ${DEFAULT_DATABASE_URL}.`,
      );
    }
    const filePath =
      rawPath === ":memory:" ? rawPath : path.resolve(/* turbopackIgnore: true */ process.cwd(), rawPath);
    return { kind: "sqlite", url: trimmed, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    return { kind: "postgres", url: trimmed };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw new DatabaseUrlError(
    `DATABASE_URL ${scheme ? `uses "${scheme}:", which Plenum does not support` : `"${url}" is not a database URL`}. ` +
      `Accepted forms: file:<path> for SQLite (default ${DEFAULT_DATABASE_URL}) or postgres://user:password@host:port/database for PostgreSQL.`,
  );
}

export function databaseFromEnv(env: Record<string, string | undefined>): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  return parseDatabaseUrl(url ? url : DEFAULT_DATABASE_URL);
}

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function createAdapterFactory(target: DatabaseTarget): PrismaBetterSQLite3 | PrismaPg {
  if (target.kind === "sqlite") {
    return new PrismaBetterSQLite3({ url: target.filePath, timeout: SQLITE_BUSY_TIMEOUT_MS });
  }
  return new PrismaPg({ connectionString: target.url });
}

export async function createMigrationAdapter(target: DatabaseTarget) {
  return createAdapterFactory(target);
}

import { createRequire } from "node:module";

/**
 * The few better-sqlite3 calls the baselines make. The package comes with @prisma/adapter-better-sqlite3
 * but without type declarations, so it is loaded untyped and given this shape.
 */
export interface BareStatement {
  run(...parameters: unknown[]): unknown;
  all(...parameters: unknown[]): unknown[];
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
  raw(toggle?: boolean): BareStatement;
}

export interface BareDatabase {
  prepare(sql: string): BareStatement;
  pragma(source: string): unknown;
  exec(sql: string): void;
  close(): void;
}

/** Opens an SQLite file with bare better-sqlite3 and the pragmas the product runs with (lib/server/platform/db.ts). */
export function openBareSqlite(filePath: string): BareDatabase {
  const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => BareDatabase;
  const database = new Database(filePath);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  return database;
}

import Database from "better-sqlite3";

export type BareDatabase = Database.Database;

/** Opens an SQLite file with bare better-sqlite3 and the pragmas the product runs with (lib/server/platform/db.ts). */
export function openBareSqlite(filePath: string): BareDatabase {
  const database = new Database(filePath);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 5000");
  return database;
}

/**
 * The SQLite file checks backup and restore share: is a file an intact Plenum database this build can
 * run, and what does it hold.
 */
import { closeSync, fsyncSync, openSync, readdirSync, readSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SQLITE_BUSY_TIMEOUT_MS } from "../../lib/server/platform/database-url";

/** A backup or restore refused or failed, with a message that says what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

export const SQLITE_HEADER = "SQLite format 3\0";
const MIGRATIONS_TABLE = "_prisma_migrations";
/** Tables every Plenum database has had since its first migration. */
const PLENUM_TABLES = ["Network", "Operator", "Node", "GovernanceEvent", "ConfigVersion"] as const;
const MIGRATIONS_DIRECTORY = path.resolve(import.meta.dirname, "../../prisma/migrations");
export type Say = (message: string) => void;

export interface DatabaseSummary {
  file: string;
  bytes: number;
  integrity: "ok";
  tables: number;
  rows: number;
  /** Rows of the tables an operator recognises. */
  counts: { ballots: number; governanceEvents: number; configVersions: number; rounds: number };
  /** Applied migrations, oldest first. */
  migrations: string[];
  /** Migrations this build has that the database lacks (`npm run db:deploy` applies them). */
  pendingMigrations: string[];
}

/** The migrations this build ships, oldest first (their folder names sort by timestamp). */
export function knownMigrations(directory = MIGRATIONS_DIRECTORY): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeWithSidecars(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

/** Whether `file` starts with SQLite's 16-byte header. */
export function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

const countOf = (database: Database.Database, table: string): number =>
  Number((database.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number | bigint }).n);

/**
 * Checks an open database is an intact Plenum database this build can run (throws BackupError saying
 * why not, naming it `label`) and summarises it.
 */
export function inspectPlenumDatabase(
  database: Database.Database,
  { label }: { label: string },
): DatabaseSummary {
  const problems = (database.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map(
    (row) => row.integrity_check,
  );
  if (problems.length !== 1 || problems[0] !== "ok") {
    throw new BackupError(
      `${label} is damaged: SQLite's integrity check reports ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` and ${problems.length - 3} more` : ""}.`,
    );
  }
  const tables = (
    database
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
  const tableList =
    tables.length === 0 ? "none" : tables.slice(0, 8).join(", ") + (tables.length > 8 ? ", …" : "");
  if (!tables.includes(MIGRATIONS_TABLE)) {
    throw new BackupError(
      `${label} is an SQLite database but not a Plenum one: it has no ${MIGRATIONS_TABLE} table (its tables: ${tableList}).`,
    );
  }
  const rows = database
    .prepare(
      `SELECT migration_name AS name, finished_at AS finishedAt, rolled_back_at AS rolledBackAt FROM "${MIGRATIONS_TABLE}" ORDER BY migration_name`,
    )
    .all() as { name: string; finishedAt: unknown; rolledBackAt: unknown }[];
  const known = knownMigrations();
  const applied = rows
    .filter((row) => row.finishedAt !== null && row.rolledBackAt === null)
    .map((row) => row.name);
  const missingTables = PLENUM_TABLES.filter((table) => !tables.includes(table));
  if (!applied.some((name) => known.includes(name)) || missingTables.length > 0) {
    throw new BackupError(
      `${label} is not a Plenum database: it was migrated by another application (its migrations: ${applied.slice(0, 3).join(", ") || "none"}; its tables: ${tableList}).`,
    );
  }
  const failed = rows.filter((row) => row.finishedAt === null && row.rolledBackAt === null);
  if (failed.length > 0) {
    throw new BackupError(
      `${label} holds a migration that did not finish (${failed.map((row) => row.name).join(", ")}); it was taken from a database whose upgrade failed.`,
    );
  }
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `${label} comes from a newer Plenum: this build does not know its migration(s) ${unknown.join(", ")}. Upgrade Plenum first, then restore it.`,
    );
  }
  const counted = tables.filter((table) => table !== MIGRATIONS_TABLE);
  return {
    file: database.name,
    bytes: statSync(database.name).size,
    integrity: "ok",
    tables: counted.length,
    rows: counted.reduce((sum, table) => sum + countOf(database, table), 0),
    counts: {
      ballots: tables.includes("Ballot") ? countOf(database, "Ballot") : 0,
      governanceEvents: countOf(database, "GovernanceEvent"),
      configVersions: countOf(database, "ConfigVersion"),
      rounds: tables.includes("Round") ? countOf(database, "Round") : 0,
    },
    migrations: applied,
    pendingMigrations: known.filter((name) => !applied.includes(name)),
  };
}

export function describeSummary(summary: DatabaseSummary): string[] {
  const { counts } = summary;
  return [
    `  file:       ${summary.file} (${formatBytes(summary.bytes)})`,
    `  integrity:  ${summary.integrity}`,
    `  contents:   ${summary.tables} tables, ${summary.rows} rows — ${counts.governanceEvents} governance events, ${counts.configVersions} config versions, ${counts.rounds} rounds, ${counts.ballots} ballots`,
    `  migrations: ${summary.migrations.length}, the newest ${summary.migrations.at(-1) ?? "none"}${summary.pendingMigrations.length > 0 ? ` (${summary.pendingMigrations.length} newer in this build)` : ""}`,
  ];
}

export function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Whether the file holds any table (an SQLite file that is more than created). */
export function hasTables(file: string): boolean {
  if (sizeOf(file) === 0) return false;
  const database = new Database(file, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    return database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
  } finally {
    database.close();
  }
}

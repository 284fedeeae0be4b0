/**
 * `npm run admin -- restore <file>`: the file must be an intact SQLite database with Plenum's
 * migrations, none newer than this build's; the database must not be in use (a fresh worker lease, or
 * another process holding it open). The replaced database is kept as `<db>.before-restore-<timestamp>`,
 * the new one is copied beside it, synced and renamed over it, then the migrations the backup lacks are
 * applied.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SQLITE_BUSY_TIMEOUT_MS } from "../../lib/server/platform/database-url";
import {
  BackupError,
  formatBytes,
  fsyncPath,
  hasSqliteHeader,
  hasTables,
  inspectPlenumDatabase,
  removeWithSidecars,
  sizeOf,
  type DatabaseSummary,
  type Say,
} from "./sqlite-file";

function timestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/** Why the database looks in use, or null. Opens and closes a connection of its own. */
export function findDatabaseInUse(databasePath: string, now: Date): string | null {
  if (!existsSync(databasePath)) return null;
  const database = new Database(databasePath, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  let lease: { owner: string; expiresAt: string | number | bigint } | undefined;
  try {
    const hasLeases = database
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'WorkerLease'")
      .get();
    if (hasLeases) {
      lease = (
        database.prepare(`SELECT "owner", "expiresAt" FROM "WorkerLease"`).all() as NonNullable<
          typeof lease
        >[]
      ).find((row) => {
        const expiresAt =
          typeof row.expiresAt === "string" ? Date.parse(row.expiresAt) : Number(row.expiresAt);
        return expiresAt > now.getTime();
      });
    }
  } finally {
    // The last connection to close checkpoints and deletes the write-ahead log; it stays while another
    // process (the web app, the worker) still has the database open.
    database.close();
  }
  if (lease) {
    const until =
      typeof lease.expiresAt === "string" ? lease.expiresAt : new Date(Number(lease.expiresAt)).toISOString();
    return `a worker (${lease.owner}) holds its lease until ${until}`;
  }
  if (existsSync(`${databasePath}-wal`)) {
    return "another process still has it open (its write-ahead log stayed after this command closed its own connection)";
  }
  return null;
}

export interface RestoreResult {
  restored: DatabaseSummary;
  /** Where the replaced database was kept; null when there was none (or it was empty). */
  keptAs: string | null;
  appliedMigrations: string[];
}

/**
 * Replaces the database at `databasePath` with the backup `from`. Nothing changes unless `from` is an
 * intact Plenum database this build knows and the database is not in use (unless `force`).
 * `deployMigrations` applies the migrations the backup lacks (npm start's runner in production).
 */
export async function restoreSqliteDatabase({
  from,
  databasePath,
  force = false,
  now = new Date(),
  say = () => {},
  deployMigrations,
}: {
  from: string;
  databasePath: string;
  force?: boolean;
  now?: Date;
  say?: Say;
  deployMigrations: () => void;
}): Promise<RestoreResult> {
  const source = path.resolve(from);
  const label = source;
  if (!existsSync(source)) throw new BackupError(`${source} does not exist. Nothing was changed.`);
  if (!statSync(source).isFile()) throw new BackupError(`${source} is not a file. Nothing was changed.`);
  if (source === path.resolve(databasePath)) {
    throw new BackupError(`${source} is the database itself. Nothing was changed.`);
  }
  if (!hasSqliteHeader(source)) {
    throw new BackupError(
      `${label} is not an SQLite database (it lacks the "SQLite format 3" header), so it is not a Plenum backup. Nothing was changed.`,
    );
  }
  const inUse = findDatabaseInUse(databasePath, now);
  if (inUse && !force) {
    throw new BackupError(
      `The database ${databasePath} is in use: ${inUse}. Stop the web app and the worker (npm start) first, or pass --force to replace it anyway. Nothing was changed.`,
    );
  }
  if (inUse) say(`Restoring although the database is in use (--force): ${inUse}.`);

  mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const incoming = `${databasePath}.restore-${process.pid}-${randomBytes(3).toString("hex")}`;
  removeWithSidecars(incoming);
  try {
    // A copy first: the checks open it read-write (folding in a write-ahead log copied with it) and
    // leave the backup file itself untouched.
    say(`Copying ${source} (${formatBytes(sizeOf(source))})…`);
    copyFileSync(source, incoming);
    if (sizeOf(`${source}-wal`) > 0) copyFileSync(`${source}-wal`, `${incoming}-wal`);
    const copy = new Database(incoming, { fileMustExist: true });
    let backup: DatabaseSummary;
    try {
      backup = inspectPlenumDatabase(copy, { label });
    } catch (error) {
      if (error instanceof BackupError) throw new BackupError(`${error.message} Nothing was changed.`);
      throw error;
    } finally {
      copy.close();
    }
    fsyncPath(incoming);

    let keptAs: string | null = null;
    if (existsSync(databasePath) && hasTables(databasePath)) {
      keptAs = `${databasePath}.before-restore-${timestamp(now)}`;
      keepCopy(databasePath, keptAs);
    }
    // A write-ahead log left beside the new file would be replayed into it: remove them first.
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(databasePath + suffix, { force: true });
    renameSync(incoming, databasePath);
    fsyncPath(path.dirname(path.resolve(databasePath)));
    say(
      keptAs
        ? `Replaced ${databasePath}; the database it replaced is kept as ${keptAs}.`
        : `Restored into ${databasePath} (there was no database there before).`,
    );
    const appliedMigrations = backup.pendingMigrations;
    if (appliedMigrations.length > 0) {
      say(`The backup predates ${appliedMigrations.length} migration(s) of this build; applying them…`);
      deployMigrations();
      say(`Applied ${appliedMigrations.join(", ")}.`);
    }
    const database = new Database(databasePath, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
    try {
      return {
        restored: inspectPlenumDatabase(database, { label: `The restored database ${databasePath}` }),
        keptAs,
        appliedMigrations,
      };
    } finally {
      database.close();
    }
  } finally {
    removeWithSidecars(incoming);
  }
}

/** Keeps the current database (and a write-ahead log still beside it) under another name. */
function keepCopy(databasePath: string, keptAs: string): void {
  try {
    linkSync(databasePath, keptAs);
  } catch {
    copyFileSync(databasePath, keptAs);
  }
  if (sizeOf(`${databasePath}-wal`) > 0) copyFileSync(`${databasePath}-wal`, `${keptAs}-wal`);
  fsyncPath(keptAs);
}

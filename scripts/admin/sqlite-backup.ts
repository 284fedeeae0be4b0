/**
 * `npm run admin -- backup <file>`: `VACUUM INTO` on a connection of its own, in a worker thread so
 * progress can be printed. It reads one snapshot (WAL mode lets the web app and the worker keep writing
 * meanwhile), so the copy holds exactly the transactions committed before it started. It is written
 * beside the target, synced, then moved into place, and checked (integrity_check) before it is reported.
 */
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { SQLITE_BUSY_TIMEOUT_MS } from "../../lib/server/platform/database-url";
import {
  BackupError,
  formatBytes,
  fsyncPath,
  hasTables,
  inspectPlenumDatabase,
  removeWithSidecars,
  sizeOf,
  type DatabaseSummary,
  type Say,
} from "./sqlite-file";

const PROGRESS_EVERY_MS = 1_000;

/** VACUUM INTO in a worker thread (better-sqlite3 is synchronous), so this thread can report progress. */
const VACUUM_INTO_WORKER = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const database = new Database(workerData.source, { fileMustExist: true, timeout: workerData.timeoutMs });
try {
  database.prepare("VACUUM INTO ?").run(workerData.target);
} finally {
  database.close();
}
`;

function vacuumInto(source: string, target: string, onTick: () => void): Promise<void> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  return new Promise((resolve, reject) => {
    const worker = new Worker(VACUUM_INTO_WORKER, {
      eval: true,
      workerData: { driver, source, target, timeoutMs: SQLITE_BUSY_TIMEOUT_MS },
    });
    const ticker = setInterval(onTick, PROGRESS_EVERY_MS);
    let failure: unknown = null;
    worker.once("error", (error) => {
      failure = error;
    });
    worker.once("exit", (code) => {
      clearInterval(ticker);
      if (failure) reject(failure instanceof Error ? failure : new Error(String(failure)));
      else if (code !== 0) reject(new Error(`the backup thread exited with ${code}`));
      else resolve();
    });
  });
}

/**
 * Writes a consistent copy of the live database at `databasePath` to `to` while the web app and the
 * worker keep writing; refuses an existing `to` unless `force`. Returns the copy's summary.
 */
export async function backupSqliteDatabase({
  databasePath,
  to,
  force = false,
  say = () => {},
}: {
  databasePath: string;
  to: string;
  force?: boolean;
  say?: Say;
}): Promise<DatabaseSummary> {
  const target = path.resolve(to);
  if (!existsSync(databasePath) || !hasTables(databasePath)) {
    throw new BackupError(`There is no database at ${databasePath} to back up (check DATABASE_URL).`);
  }
  if ([databasePath, `${databasePath}-wal`, `${databasePath}-shm`].includes(target)) {
    throw new BackupError(`${target} is the database itself; write the backup to another file.`);
  }
  if (existsSync(target)) {
    if (!force) {
      throw new BackupError(`${target} already exists. Choose another file, or pass --force to replace it.`);
    }
    if (!statSync(target).isFile()) throw new BackupError(`${target} exists and is not a file.`);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}-${randomBytes(3).toString("hex")}`;
  removeWithSidecars(partial);
  const expected = sizeOf(databasePath) + sizeOf(`${databasePath}-wal`);
  const started = Date.now();
  say(`Backing up ${databasePath} (${formatBytes(expected)} with its write-ahead log) to ${target}…`);
  try {
    await vacuumInto(databasePath, partial, () => {
      const seconds = Math.round((Date.now() - started) / 1000);
      say(`  ${formatBytes(sizeOf(partial))} written of about ${formatBytes(expected)} (${seconds} s)`);
    });
    fsyncPath(partial);
    if (force) {
      renameSync(partial, target);
    } else {
      // A hard link never replaces a file that appeared meanwhile.
      try {
        linkSync(partial, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") {
          throw new BackupError(`${target} appeared while the backup ran; pass --force to replace it.`);
        }
        throw error;
      }
      rmSync(partial, { force: true });
    }
    fsyncPath(path.dirname(target));
  } finally {
    removeWithSidecars(partial);
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    return inspectPlenumDatabase(copy, { label: `The backup ${target}` });
  } finally {
    copy.close();
  }
}

import { PrismaClient as SqlitePrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import {
  createAdapterFactory,
  databaseFromEnv,
  SQLITE_BUSY_TIMEOUT_MS,
  type DatabaseTarget,
} from "./database-url";
import { withOneConnectionLock } from "./one-connection-lock";

export type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Both generated clients expose the same models; the SQLite one's type is used everywhere. Code that
 * must differ per database (case-insensitive search, row locks) asks `databaseKind(db)`.
 */
export type Db = SqlitePrismaClient;
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTransaction = Db | DbTransaction;

// On globalThis because Next.js may load this module once per bundle (pages, route handlers) while
// the client from getDb() is shared through globalThis too.
const globalForDb = globalThis as unknown as {
  plenumDb?: Promise<Db>;
  plenumDbKinds?: WeakMap<object, DatabaseTarget["kind"]>;
};
const kinds = (globalForDb.plenumDbKinds ??= new WeakMap());

/**
 * What every SQLite connection runs with. synchronous = FULL: in WAL mode each commit syncs the WAL
 * before it returns, so a ballot whose receipt was handed out, a config version issued or a round
 * opened or closed survives a power loss (NORMAL could lose the last commits; the ballot-ingest
 * benchmark measures what FULL costs). Per-connection settings, so they are applied to every
 * connection the adapter opens — Prisma opens a new one after $disconnect(), which would otherwise
 * come back with better-sqlite3's default for WAL databases, NORMAL.
 */
export const SQLITE_CONNECTION_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = FULL",
  `busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "foreign_keys = ON",
] as const;

/** `PRAGMA synchronous` as SQLite reports it: 2 is FULL. */
export const SQLITE_SYNCHRONOUS_FULL = 2;

/**
 * The better-sqlite3 adapter, with SQLITE_CONNECTION_PRAGMAS run on each connection it opens and
 * queries outside a transaction kept out of any open one (one-connection-lock.ts).
 */
class PreparedSqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_CONNECTION_PRAGMAS.map((pragma) => `PRAGMA ${pragma};`).join("\n"));
    return withOneConnectionLock(adapter);
  }
}

export function createDb(target: DatabaseTarget): Db {
  const adapter =
    target.kind === "sqlite"
      ? new PreparedSqliteAdapterFactory({ url: target.filePath, timeout: SQLITE_BUSY_TIMEOUT_MS })
      : createAdapterFactory(target);
  const db =
    target.kind === "sqlite"
      ? new SqlitePrismaClient({ adapter })
      : (new PostgresPrismaClient({ adapter }) as unknown as Db);
  kinds.set(db, target.kind);
  return db;
}

export function databaseKind(db: Db): DatabaseTarget["kind"] {
  const kind = kinds.get(db);
  if (!kind) throw new Error("databaseKind() called with a client that createDb() did not make");
  return kind;
}

/**
 * Opens the connection now and checks it runs with SQLITE_CONNECTION_PRAGMAS (the adapter applies
 * them to every connection it opens); PostgreSQL needs nothing.
 */
export async function prepareDb(db: Db): Promise<void> {
  if (databaseKind(db) !== "sqlite") return;
  const [row] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  if (Number(row?.synchronous) !== SQLITE_SYNCHRONOUS_FULL) {
    throw new Error(
      `SQLite runs with synchronous = ${String(row?.synchronous)}, not FULL: commits would not be durable.`,
    );
  }
}

/** The process-wide client for DATABASE_URL (kept across Next.js dev reloads). */
export function getDb(): Promise<Db> {
  globalForDb.plenumDb ??= (async () => {
    const db = createDb(databaseFromEnv(process.env));
    await prepareDb(db);
    return db;
  })();
  return globalForDb.plenumDb;
}

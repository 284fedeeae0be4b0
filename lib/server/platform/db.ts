import { PrismaClient as SqlitePrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { createAdapterFactory, databaseFromEnv, type DatabaseTarget } from "./database-url";

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

export function createDb(target: DatabaseTarget): Db {
  const adapter = createAdapterFactory(target);
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

/** Per-connection settings a server needs from SQLite; PostgreSQL needs none. */
export async function prepareDb(db: Db): Promise<void> {
  if (databaseKind(db) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL keeps the database consistent and only risks the last commits on power loss;
  // FULL's fsync per commit made every sync attempt record cost about 60 % more.
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
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

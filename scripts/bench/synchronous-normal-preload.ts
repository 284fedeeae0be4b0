/**
 * Benchmarks only: ballot-ingest's `synchronousNormal` variant loads this with --import before
 * scripts/web-server.ts. Each better-sqlite3 connection the web server opens switches to
 * synchronous = NORMAL — the setting before ballots were made durable — just before its first
 * transaction (after getDb() has checked the product's FULL), so the same build, down to its bundled
 * Prisma client, is measured both ways in one run. better-sqlite3 is a server external of the Next.js
 * build, so the route handlers load this very module instance.
 */
import Database from "better-sqlite3";

const switched = new WeakSet<Database.Database>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function prepareAtNormal(this: Database.Database, source: string) {
  // The adapter starts each transaction with prepare("BEGIN"); synchronous cannot change inside one.
  if (source === "BEGIN" && !switched.has(this)) {
    switched.add(this);
    this.exec("PRAGMA synchronous = NORMAL");
  }
  return prepare.call(this, source);
} as typeof prepare;

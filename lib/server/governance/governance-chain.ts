import {
  auditEventHashInput,
  canonicalJson,
  findBrokenAuditEvent,
  type ChainedAuditEvent,
} from "@/lib/domain/governance/audit-event";
import { Prisma } from "@/lib/generated/prisma/client";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { Db, DbOrTransaction, DbTransaction } from "@/lib/server/platform/db";

export type GovernanceEventInput = { type: string; subject: string; data: Record<string, unknown> };

// Any constant shared by every appender: PostgreSQL advisory locks are keyed by a bigint.
const CHAIN_LOCK_KEY = 7_404_251_001;
const MAX_ATTEMPTS = 5;
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/**
 * `databaseKind()` knows only clients from createDb(), not the transaction clients Prisma derives
 * from them; those still carry the generated client's provider name.
 */
function isPostgres(tx: DbTransaction): boolean {
  const provider = (tx as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider !== "sqlite" && provider !== "postgresql") {
    throw new Error(`appendGovernanceEvent: unknown database provider ${String(provider)}`);
  }
  return provider === "postgresql";
}

/**
 * Transactions that hold the chain lock. Both locks last until the transaction ends, and Prisma gives
 * every transaction its own client object, so membership cannot outlive the lock.
 */
const lockedTransactions = new WeakSet<DbTransaction>();

/**
 * Holds the chain head until the caller's transaction ends (PostgreSQL; SQLite runs one transaction at a
 * time anyway). Take it first in a transaction whose checks must not race another governance change,
 * e.g. counting an operator's proposals before publishing one; appending takes it too unless this
 * transaction already holds it.
 */
export async function lockGovernanceChain(tx: DbTransaction): Promise<void> {
  if (isPostgres(tx)) {
    await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`);
  } else {
    // SQLite: a write as the transaction's first statement takes the write lock up front, waiting
    // (busy_timeout) for another process's writer instead of failing later when a read snapshot is stale.
    await tx.$executeRaw(Prisma.sql`UPDATE "GovernanceEvent" SET "seq" = "seq" WHERE 0`);
  }
  lockedTransactions.add(tx);
}

/**
 * Appends one event to the hash chain inside the caller's transaction; returns seq and hash.
 * The chain head stays locked until the caller commits (lockGovernanceChain), so concurrent appends
 * queue up instead of colliding.
 */
export async function appendGovernanceEvent(
  tx: DbTransaction,
  event: GovernanceEventInput,
  at: Date,
): Promise<{ seq: number; hash: string }> {
  return appendGovernanceEvents(tx, [event], at);
}

const APPEND_CHUNK = 1_000;

/**
 * appendGovernanceEvent for many events at one time (e.g. every ballot of a round at its close): the head
 * is read once, the links are computed in memory and the rows are inserted a chunk at a time. Returns the
 * new head.
 */
export async function appendGovernanceEvents(
  tx: DbTransaction,
  events: readonly GovernanceEventInput[],
  at: Date,
): Promise<{ seq: number; hash: string }> {
  if (!lockedTransactions.has(tx)) await lockGovernanceChain(tx);
  const head = await tx.governanceEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? "";
  const rows = events.map((event) => {
    seq += 1;
    const hash = sha256Hex(
      auditEventHashInput(prevHash, {
        seq,
        at: at.toISOString(),
        type: event.type,
        subject: event.subject,
        data: event.data,
      }),
    );
    const row = {
      seq,
      at,
      type: event.type,
      subject: event.subject,
      data: canonicalJson(event.data),
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let start = 0; start < rows.length; start += APPEND_CHUNK) {
    await tx.governanceEvent.createMany({ data: rows.slice(start, start + APPEND_CHUNK) });
  }
  return { seq, hash: prevHash };
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** A collision with a concurrent transaction that a fresh attempt can get past. */
function isRetryableConflict(error: unknown): boolean {
  const code = errorCode(error);
  // P2034: write conflict or deadlock; P2028: the transaction could not start in time behind a long queue.
  if (code === "P2034" || code === "P2028") return true;
  if (code === "P2002") {
    const target = JSON.stringify((error as { meta?: unknown }).meta ?? "");
    return target.includes("seq") || target.includes("GovernanceEvent");
  }
  const message = error instanceof Error ? error.message : "";
  return /40001|40P01|could not serialize|deadlock detected|database is locked|SQLITE_BUSY/i.test(message);
}

/**
 * Runs `work` in one transaction that holds the chain lock from its start (so its checks cannot race
 * another governance change) and runs it again (up to 5 attempts) when it lost a race with a concurrent
 * transaction — a duplicate event seq, a serialization failure, a deadlock or a busy SQLite database.
 * `work` must therefore have no effects outside the database.
 */
export async function withGovernanceTransaction<T>(
  db: Db,
  work: (tx: DbTransaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        await lockGovernanceChain(tx);
        return work(tx);
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
    }
  }
}

export interface GovernanceEventRow {
  seq: number;
  at: Date;
  type: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Every column of a governance event, as the audit export and the chain check read it. */
export const EVENT_FIELDS = {
  seq: true,
  at: true,
  type: true,
  subject: true,
  data: true,
  prevHash: true,
  hash: true,
} as const;

function toRow(row: {
  seq: number;
  at: Date;
  type: string;
  subject: string;
  data: string;
  prevHash: string;
  hash: string;
}): GovernanceEventRow {
  return { ...row, data: JSON.parse(row.data) as Record<string, unknown> };
}

/** Every event about one subject (e.g. "proposal:<id>"), oldest first. */
export async function listGovernanceEventsForSubject(
  db: DbOrTransaction,
  subject: string,
): Promise<GovernanceEventRow[]> {
  const rows = await db.governanceEvent.findMany({
    where: { subject },
    orderBy: { seq: "asc" },
    select: EVENT_FIELDS,
  });
  return rows.map(toRow);
}

/** Recomputes the whole chain; returns the first seq whose link or hash is wrong, or null when intact. */
export async function verifyGovernanceChain(
  db: DbOrTransaction,
): Promise<{ head: number; brokenAt: number | null }> {
  const rows = await db.governanceEvent.findMany({ orderBy: { seq: "asc" }, select: EVENT_FIELDS });
  const events: ChainedAuditEvent[] = rows.map((row) => ({ ...toRow(row), at: row.at.toISOString() }));
  return { head: rows.at(-1)?.seq ?? 0, brokenAt: findBrokenAuditEvent(events, sha256Hex) };
}

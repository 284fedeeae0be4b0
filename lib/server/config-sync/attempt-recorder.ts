import { randomBytes } from "node:crypto";
import type { NodeSyncState } from "@/lib/domain/sync/push-outcome";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, type Db } from "@/lib/server/platform/db";
import type { Logger } from "@/lib/server/platform/logger";

/** One SyncAttempt row, as the worker records it. */
export interface AttemptRecord {
  kind: "push" | "read-back";
  startedAt: Date;
  durationMs: number;
  version: number | null;
  httpStatus: number | null;
  outcome: string;
  error: string | null;
  replyExcerpt: string | null;
}

/**
 * Write-behind for a sync pass: attempts and NodeSync changes are queued and written together, one
 * transaction per batch (a createMany of the attempts plus one conditional update per row, so a result
 * is only stored while this worker still holds the node's lease). Every call resolves once its write
 * is committed; `close` writes what is left. A caller waits for one write of a node before it queues
 * the next, so a batch holds at most one change per node.
 */
export interface AttemptRecorder {
  /** Records an attempt and the node's new state (stored only while the lease is held). */
  record(nodeId: string, attempt: AttemptRecord, state: NodeSyncState): Promise<void>;
  /** Changes a leased row without an attempt (a due node that waits for its next read-back). */
  update(nodeId: string, data: Partial<NodeSyncState>): Promise<void>;
  /** Gives the row's lease back, in the same write as its last change when that is still queued. */
  release(nodeId: string): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  nodeId: string;
  attempt: { record: AttemptRecord; state: NodeSyncState } | null;
  data: Partial<NodeSyncState> | null;
  release: boolean;
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

type ColumnType = "integer" | "text" | "timestamp(3)";

/** Every NodeSyncState column with its PostgreSQL type (untyped parameters in VALUES need a cast there). */
const STATE_COLUMNS: { [column in keyof NodeSyncState]: ColumnType } = {
  desiredVersion: "integer",
  acknowledgedVersion: "integer",
  acknowledgedSha256: "text",
  observedVersion: "integer",
  observedSha256: "text",
  status: "text",
  failureCount: "integer",
  failingSince: "timestamp(3)",
  nextAttemptAt: "timestamp(3)",
  nextReadBackAt: "timestamp(3)",
  lastAttemptAt: "timestamp(3)",
  lastError: "text",
  nackedVersion: "integer",
};
const STATE_ENTRIES = Object.entries(STATE_COLUMNS) as [keyof NodeSyncState, ColumnType][];

const castFor =
  (db: Db) =>
  (value: unknown, type: ColumnType): Prisma.Sql =>
    databaseKind(db) === "postgres"
      ? Prisma.sql`CAST(${value} AS ${Prisma.raw(type)})`
      : Prisma.sql`${value}`;

let idCounter = 0;

/**
 * A SyncAttempt id like Prisma's cuid(): "c", time, a counter, randomness; ids made later by this
 * process sort after earlier ones, as attempts of one node at one instant are listed by id.
 */
function attemptId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(9, "0")}${idCounter.toString(36).padStart(4, "0")}${randomBytes(8).toString("hex").slice(0, 11)}`;
}

const ATTEMPT_COLUMNS: { [column in keyof AttemptRecord]: ColumnType } = {
  kind: "text",
  startedAt: "timestamp(3)",
  durationMs: "integer",
  version: "integer",
  httpStatus: "integer",
  outcome: "text",
  error: "text",
  replyExcerpt: "text",
};
const ATTEMPT_ENTRIES = Object.entries(ATTEMPT_COLUMNS) as [keyof AttemptRecord, ColumnType][];

/** One multi-row INSERT of a batch's attempts (a raw statement: createMany costs far more to compile). */
function insertAttempts(
  db: Db,
  workerId: string,
  rows: readonly { nodeId: string; record: AttemptRecord }[],
) {
  const typed = castFor(db);
  const columns = ["id", "nodeId", "workerId", ...ATTEMPT_ENTRIES.map(([column]) => column)];
  const values = rows.map(
    ({ nodeId, record }) =>
      Prisma.sql`(${Prisma.join([
        typed(attemptId(), "text"),
        typed(nodeId, "text"),
        typed(workerId, "text"),
        ...ATTEMPT_ENTRIES.map(([column, type]) => typed(record[column], type)),
      ])})`,
  );
  return db.$executeRaw(Prisma.sql`
    INSERT INTO "SyncAttempt" (${Prisma.raw(columns.map((column) => `"${column}"`).join(", "))})
    VALUES ${Prisma.join(values)}`);
}

/**
 * One UPDATE … FROM (VALUES …) for the new states of a batch, each row only while `workerId` holds its
 * lease (and released with it when asked); returns the nodeIds it stored. Same SQL on SQLite and
 * PostgreSQL apart from the casts; VALUES columns are column1, column2, … on both.
 */
function updateStates(
  db: Db,
  workerId: string,
  rows: readonly { nodeId: string; state: NodeSyncState; release: boolean }[],
) {
  const typed = castFor(db);
  const values = rows.map(
    ({ nodeId, state, release }) =>
      Prisma.sql`(${Prisma.join([
        typed(nodeId, "text"),
        typed(release ? 1 : 0, "integer"),
        ...STATE_ENTRIES.map(([column, type]) => typed(state[column], type)),
      ])})`,
  );
  const assignments = STATE_ENTRIES.map(
    ([column], index) => Prisma.sql`${Prisma.raw(`"${column}" = v.column${index + 3}`)}`,
  );
  return db.$queryRaw<{ nodeId: string }[]>(Prisma.sql`
    UPDATE "NodeSync" SET ${Prisma.join(assignments)},
      "leaseOwner" = CASE WHEN v.column2 = 1 THEN NULL ELSE "NodeSync"."leaseOwner" END,
      "leaseExpiresAt" = CASE WHEN v.column2 = 1 THEN NULL ELSE "NodeSync"."leaseExpiresAt" END,
      "updatedAt" = ${typed(new Date(), "timestamp(3)")}
    FROM (VALUES ${Prisma.join(values)}) AS v
    WHERE "NodeSync"."nodeId" = v.column1 AND "NodeSync"."leaseOwner" = ${workerId}
    RETURNING "NodeSync"."nodeId" AS "nodeId"`);
}

export const RECORDER_BATCH = 64;
export const RECORDER_DELAY_MS = 15;

export function createAttemptRecorder({
  db,
  workerId,
  logger,
  batch = RECORDER_BATCH,
  delayMs = RECORDER_DELAY_MS,
}: {
  db: Db;
  workerId: string;
  logger: Logger;
  batch?: number;
  delayMs?: number;
}): AttemptRecorder {
  let queue: Entry[] = [];
  /** The queued (not yet written) entry of each node, so its release joins that write. */
  const queuedByNode = new Map<string, Entry>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | null = null;

  const write = async (entries: Entry[]) => {
    const recorded = entries.flatMap((entry) =>
      entry.attempt ? [{ ...entry, attempt: entry.attempt }] : [],
    );
    const others = entries.filter((entry) => !entry.attempt);
    const updates = others.map((entry) =>
      db.nodeSync.updateMany({
        where: { nodeId: entry.nodeId, leaseOwner: workerId },
        data: { ...entry.data, ...(entry.release ? { leaseOwner: null, leaseExpiresAt: null } : {}) },
      }),
    );
    try {
      if (recorded.length > 0) {
        const [, stored] = await db.$transaction([
          insertAttempts(
            db,
            workerId,
            recorded.map((entry) => ({ nodeId: entry.nodeId, record: entry.attempt.record })),
          ),
          updateStates(
            db,
            workerId,
            recorded.map((entry) => ({
              nodeId: entry.nodeId,
              state: entry.attempt.state,
              release: entry.release,
            })),
          ),
          ...updates,
        ]);
        const storedIds = new Set(stored.map((row) => row.nodeId));
        for (const entry of recorded) {
          if (!storedIds.has(entry.nodeId)) {
            logger.warn("sync lease lost before the result was stored; another worker will retry the node", {
              nodeId: entry.nodeId,
            });
          }
        }
      } else {
        await db.$transaction(updates);
      }
      for (const entry of entries) entry.resolve();
    } catch (error) {
      for (const entry of entries) entry.reject(error);
    }
  };

  const drain = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    writing ??= (async () => {
      try {
        while (queue.length > 0) {
          const entries = queue.slice(0, batch);
          queue = queue.slice(batch);
          for (const entry of entries) {
            if (queuedByNode.get(entry.nodeId) === entry) queuedByNode.delete(entry.nodeId);
          }
          await write(entries);
        }
      } finally {
        writing = null;
      }
    })();
    return writing;
  };

  const enqueue = (fields: Pick<Entry, "nodeId" | "attempt" | "data" | "release">): Promise<void> => {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    const entry: Entry = { ...fields, done, resolve, reject };
    queue.push(entry);
    queuedByNode.set(entry.nodeId, entry);
    if (queue.length >= batch) void drain();
    else if (!writing) timer ??= setTimeout(() => void drain(), delayMs);
    return done;
  };

  return {
    record: (nodeId, record, state) =>
      enqueue({ nodeId, attempt: { record, state }, data: null, release: false }),
    update: (nodeId, data) => enqueue({ nodeId, attempt: null, data, release: false }),
    release(nodeId) {
      const queued = queuedByNode.get(nodeId);
      if (queued) {
        queued.release = true;
        return queued.done;
      }
      return enqueue({ nodeId, attempt: null, data: null, release: true });
    },
    async close() {
      while (queue.length > 0 || writing) await drain();
    },
  };
}

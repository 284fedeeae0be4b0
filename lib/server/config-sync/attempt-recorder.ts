import type { NodeSyncState } from "@/lib/domain/sync/push-outcome";
import type { Db } from "@/lib/server/platform/db";
import type { Logger } from "@/lib/server/platform/logger";
import { insertAttempts, updateStates, type AttemptRecord } from "./attempt-batch-statements";

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

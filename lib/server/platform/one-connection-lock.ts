import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/** A FIFO lock: `acquire` resolves with the function that releases it. */
class Lock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * The better-sqlite3 adapter has one connection and locks only transactions against each other: a
 * query outside any transaction runs on that connection at once, so while another request's
 * transaction is open it becomes part of it — it reads that transaction's uncommitted rows, and its
 * write is rolled back with it though its caller was told it was stored. Here every query outside a
 * transaction waits until no transaction is open, as a second connection would.
 */
export function withOneConnectionLock(adapter: SqliteAdapter): SqliteAdapter {
  const lock = new Lock();
  const releasing = (transaction: SqliteTransaction, release: () => void): SqliteTransaction => {
    let isReleased = false;
    const releaseOnce = () => {
      if (!isReleased) release();
      isReleased = true;
    };
    return Object.assign(Object.create(transaction) as SqliteTransaction, {
      commit: () => transaction.commit().finally(releaseOnce),
      rollback: () => transaction.rollback().finally(releaseOnce),
    });
  };
  return Object.assign(Object.create(adapter) as SqliteAdapter, {
    queryRaw: (query: Parameters<SqliteAdapter["queryRaw"]>[0]) => lock.run(() => adapter.queryRaw(query)),
    executeRaw: (query: Parameters<SqliteAdapter["executeRaw"]>[0]) =>
      lock.run(() => adapter.executeRaw(query)),
    executeScript: (script: string) => lock.run(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel?: Parameters<SqliteAdapter["startTransaction"]>[0]) => {
      const release = await lock.acquire();
      try {
        return releasing(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

import { MODEL_VERSION } from "@/lib/domain/network-model/model-types";
import { sha256Hex } from "@/lib/server/platform/encoding";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";

const DAY_MS = 86_400_000;

/** Cached model results older than this are deleted whenever a new one is stored. */
export const MODEL_RESULT_MAX_AGE_DAYS = 7;

export type ModelResultKind = "forecast" | "backtest";

/**
 * A model result's cache key: sha256 of its kind, what it was asked (e.g. the sorted changes), the newest
 * config version, the newest computed epoch's day and MODEL_VERSION, joined by "|".
 */
export function modelResultKey(
  kind: ModelResultKind,
  {
    subject,
    configVersion,
    newestEpochDay,
  }: { subject: string; configVersion: number; newestEpochDay: Date },
): string {
  return sha256Hex(
    [kind, subject, String(configVersion), newestEpochDay.toISOString(), MODEL_VERSION].join("|"),
  );
}

/** A seed for the model's runs, derived from the cache key: the same question always gets the same runs. */
export function seedFromKey(key: string): number {
  return Number.parseInt(key.slice(0, 8), 16) % 2_147_483_647;
}

const DATE_TAG = "$date";

/** JSON with Dates kept as Dates (tagged on the way in, revived on the way out). */
export function toPayload(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : item;
  });
}

export function fromPayload<T>(payload: string): T {
  return JSON.parse(payload, (_key, item: unknown) => {
    if (typeof item === "object" && item !== null && DATE_TAG in item) {
      const text = (item as Record<string, unknown>)[DATE_TAG];
      if (typeof text === "string" && Object.keys(item).length === 1) return new Date(text);
    }
    return item;
  }) as T;
}

// Per database client: a computation under way for a key, so concurrent requests share it.
const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * The result stored under `key`, else `compute()`'s, stored (and rows older than MODEL_RESULT_MAX_AGE_DAYS
 * pruned). Within one process, concurrent callers of one key share one computation (a singleflight):
 * nobody computes the same key twice at once.
 */
export async function cachedModelResult<T>(
  db: DbOrTransaction,
  {
    key,
    kind,
    now = new Date(),
    compute,
  }: { key: string; kind: ModelResultKind; now?: Date; compute: () => Promise<T> },
): Promise<T> {
  const pending = inFlight.get(db) ?? new Map<string, Promise<unknown>>();
  inFlight.set(db, pending);
  const running = pending.get(key);
  if (running) return running as Promise<T>;
  const work = (async () => {
    const row = await db.modelResultCache.findUnique({ where: { key }, select: { payload: true } });
    if (row) return fromPayload<T>(row.payload);
    const result = await compute();
    await storeResult(db, { key, kind, now, payload: toPayload(result) });
    return result;
  })();
  pending.set(key, work);
  try {
    return await work;
  } finally {
    pending.delete(key);
  }
}

async function storeResult(
  db: DbOrTransaction,
  { key, kind, now, payload }: { key: string; kind: ModelResultKind; now: Date; payload: string },
): Promise<void> {
  try {
    // Another process may have stored the same key meanwhile: its result is the same, so it stands.
    await db.modelResultCache.upsert({
      where: { key },
      create: { key, kind, payload, createdAt: now },
      update: {},
      select: { key: true },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  await db.modelResultCache.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - MODEL_RESULT_MAX_AGE_DAYS * DAY_MS) } },
  });
}

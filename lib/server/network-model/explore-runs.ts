import { DomainError } from "@/lib/domain/errors";
import { EXPLORE_DEFAULTS } from "@/lib/domain/network-model/explore-search";
import type { ExploreGoalId } from "@/lib/domain/network-model/explore-goals";
import { MODEL_VERSION } from "@/lib/domain/network-model/model-types";
import { Prisma } from "@/lib/generated/prisma/client";
import { exploreRunOutcomeSchema, type ExploreRunOutcome } from "@/lib/schemas/explore";
import { loadModelBasis } from "@/lib/server/network-model/model-state-queries";
import type { Db, DbTransaction } from "@/lib/server/platform/db";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { enforceRateLimit } from "@/lib/server/platform/rate-limit";

/**
 * Explore runs (ExploreRun rows): a request queues a search for a goal, the worker's explore-parameters
 * job claims it with a lease, writes its progress and finishes or fails it. A search costs CPU, so a
 * request reuses a search for the same goal on the same rules and days, and at most
 * EXPLORE_MAX_ACTIVE_RUNS searches wait or run at once.
 */

export type ExploreRunStatus = "Queued" | "Running" | "Done" | "Failed";

/** Searches queued or running at once, over everyone. */
export const EXPLORE_MAX_ACTIVE_RUNS = 3;
/** A claimed run's lease; every progress write renews it, so only a stopped worker lets it run out. */
export const EXPLORE_LEASE_MS = 2 * 60_000;
/** A run whose worker stopped is claimed again unless it started longer ago than this: then it fails. */
export const EXPLORE_RETRY_WITHIN_MS = 15 * 60_000;
/** A run no worker picked up within this long fails, so a stopped worker cannot fill the queue for good. */
export const EXPLORE_QUEUE_TIMEOUT_MS = 30 * 60_000;
/** The refused request's Retry-After when the queue is full. */
const QUEUE_FULL_RETRY_SECONDS = 30;

// PostgreSQL advisory locks are keyed by a bigint; any constant no other lock uses.
const EXPLORE_LOCK_KEY = 7_404_251_016;

async function lockExploreRuns(tx: DbTransaction): Promise<void> {
  const provider = (tx as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "postgresql") {
    await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${EXPLORE_LOCK_KEY}::bigint)`);
  } else {
    // SQLite: a write first takes the write lock up front, so two requests count the queue one after the other.
    await tx.$executeRaw(Prisma.sql`UPDATE "ExploreRun" SET "id" = "id" WHERE 0`);
  }
}

const ACTIVE = ["Queued", "Running"];

/** Finished searches are kept this long (their links stay valid for a month), then deleted. */
export const EXPLORE_KEEP_FINISHED_MS = 30 * 86_400_000;

/**
 * Fails runs no worker picked up in time and runs whose worker stopped too long ago, and deletes finished
 * runs older than EXPLORE_KEEP_FINISHED_MS; returns how many runs it failed.
 */
export async function expireExploreRuns(db: Db | DbTransaction, now: Date): Promise<number> {
  await db.exploreRun.deleteMany({
    where: {
      status: { in: ["Done", "Failed"] },
      finishedAt: { lt: new Date(now.getTime() - EXPLORE_KEEP_FINISHED_MS) },
    },
  });
  const queued = await db.exploreRun.updateMany({
    where: { status: "Queued", createdAt: { lt: new Date(now.getTime() - EXPLORE_QUEUE_TIMEOUT_MS) } },
    data: {
      status: "Failed",
      finishedAt: now,
      error: `No worker started this search within ${EXPLORE_QUEUE_TIMEOUT_MS / 60_000} minutes. Start it again; if it keeps failing, the worker process may not be running.`,
    },
  });
  const abandoned = await db.exploreRun.updateMany({
    where: {
      status: "Running",
      leaseExpiresAt: { lt: now },
      startedAt: { lt: new Date(now.getTime() - EXPLORE_RETRY_WITHIN_MS) },
    },
    data: {
      status: "Failed",
      finishedAt: now,
      leaseOwner: null,
      leaseExpiresAt: null,
      error: "The worker running this search stopped before it finished. Start the search again.",
    },
  });
  return queued.count + abandoned.count;
}

/**
 * Queues a search for `goal` on the newest rules and days, or returns the search that already covers them
 * (queued, running, or done on the same newest day and model). Refused when the network has too little
 * history for the model, or when EXPLORE_MAX_ACTIVE_RUNS searches already wait or run.
 */
export async function requestExploreRun(
  db: Db,
  {
    goal,
    requestedById,
    clientIp,
    now,
  }: { goal: ExploreGoalId; requestedById: string | null; clientIp: string | null; now: Date },
): Promise<{ id: string; reused: boolean }> {
  if (clientIp) await enforceRateLimit(db, RATE_LIMITS.exploreStartPerAddress, { subject: clientIp, now });
  const basis = await loadModelBasis(db);
  if (basis.status === "no-history") {
    throw new DomainError(
      "NOT_READY",
      `Explore needs at least ${basis.daysNeeded} days of the network turned into rewards to forecast anything, and ${basis.daysAvailable} ${basis.daysAvailable === 1 ? "is" : "are"} there so far. Try again once more days have been computed.`,
    );
  }
  return db.$transaction(async (tx) => {
    await lockExploreRuns(tx);
    await expireExploreRuns(tx, now);
    const same = await tx.exploreRun.findMany({
      where: { goal, baseVersion: basis.configVersion, status: { in: [...ACTIVE, "Done"] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, candidates: true },
    });
    const reusable = same.find((run) => {
      if (run.status !== "Done") return true;
      const outcome = parseOutcome(run.candidates);
      return (
        outcome !== null &&
        outcome.modelVersion === MODEL_VERSION &&
        outcome.newestEpochDay.getTime() === basis.newestEpochDay.getTime()
      );
    });
    if (reusable) return { id: reusable.id, reused: true };
    const active = await tx.exploreRun.count({ where: { status: { in: ACTIVE } } });
    if (active >= EXPLORE_MAX_ACTIVE_RUNS) {
      throw new DomainError(
        "RATE_LIMITED",
        `Plenum is already searching for ${active} goals, the most it runs at once. Try again in a minute, when one of them has finished.`,
        { retryAfterSeconds: QUEUE_FULL_RETRY_SECONDS },
      );
    }
    const created = await tx.exploreRun.create({
      data: {
        goal,
        status: "Queued",
        requestedById,
        baseVersion: basis.configVersion,
        createdAt: now,
        planned: EXPLORE_DEFAULTS.evaluations,
      },
      select: { id: true },
    });
    return { id: created.id, reused: false };
  });
}

export interface ClaimedExploreRun {
  id: string;
  goal: string;
  planned: number;
}

/**
 * Claims the oldest queued run (or a running one whose worker stopped, within EXPLORE_RETRY_WITHIN_MS) for
 * `workerId` with a lease of EXPLORE_LEASE_MS; null when there is none or another worker won the race.
 */
export async function claimExploreRun(
  db: Db,
  { workerId, now }: { workerId: string; now: Date },
): Promise<ClaimedExploreRun | null> {
  await expireExploreRuns(db, now);
  const claimable = {
    OR: [{ status: "Queued" }, { status: "Running", leaseExpiresAt: { lt: now } }],
  };
  const next = await db.exploreRun.findFirst({
    where: claimable,
    orderBy: { createdAt: "asc" },
    select: { id: true, goal: true, planned: true, startedAt: true },
  });
  if (!next) return null;
  const claimed = await db.exploreRun.updateMany({
    where: { id: next.id, ...claimable },
    data: {
      status: "Running",
      leaseOwner: workerId,
      leaseExpiresAt: new Date(now.getTime() + EXPLORE_LEASE_MS),
      startedAt: next.startedAt ?? now,
      evaluated: 0,
    },
  });
  return claimed.count === 1 ? { id: next.id, goal: next.goal, planned: next.planned } : null;
}

const held = (id: string, workerId: string) => ({ id, status: "Running", leaseOwner: workerId });

/** Writes a run's progress and renews its lease; false when the lease was lost (another worker took over). */
export async function recordExploreProgress(
  db: Db,
  {
    id,
    workerId,
    evaluated,
    planned,
    now,
  }: { id: string; workerId: string; evaluated: number; planned: number; now: Date },
): Promise<boolean> {
  const updated = await db.exploreRun.updateMany({
    where: held(id, workerId),
    data: { evaluated, planned, leaseExpiresAt: new Date(now.getTime() + EXPLORE_LEASE_MS) },
  });
  return updated.count === 1;
}

/** Stores a run's candidates and marks it done; false when the lease was lost. */
export async function finishExploreRun(
  db: Db,
  {
    id,
    workerId,
    baseVersion,
    outcome,
    now,
  }: { id: string; workerId: string; baseVersion: number; outcome: ExploreRunOutcome; now: Date },
): Promise<boolean> {
  const valid = exploreRunOutcomeSchema.parse(outcome);
  const updated = await db.exploreRun.updateMany({
    where: held(id, workerId),
    data: {
      status: "Done",
      baseVersion,
      evaluated: valid.result.evaluated,
      planned: valid.result.planned,
      candidates: JSON.stringify(valid),
      finishedAt: now,
      leaseOwner: null,
      leaseExpiresAt: null,
    },
  });
  return updated.count === 1;
}

/** Marks a run failed with a sentence saying why and what to do. */
export async function failExploreRun(
  db: Db,
  { id, workerId, error, now }: { id: string; workerId: string; error: string; now: Date },
): Promise<boolean> {
  const updated = await db.exploreRun.updateMany({
    where: held(id, workerId),
    data: { status: "Failed", error, finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
  });
  return updated.count === 1;
}

/** Puts a run back in the queue (the worker is stopping): the next worker starts it again. */
export async function releaseExploreRun(
  db: Db,
  { id, workerId }: { id: string; workerId: string },
): Promise<boolean> {
  const updated = await db.exploreRun.updateMany({
    where: held(id, workerId),
    data: { status: "Queued", evaluated: 0, leaseOwner: null, leaseExpiresAt: null },
  });
  return updated.count === 1;
}

/** A stored outcome, or null when there is none or it no longer reads (an older shape). */
export function parseOutcome(json: string | null): ExploreRunOutcome | null {
  if (json === null) return null;
  try {
    const parsed = exploreRunOutcomeSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

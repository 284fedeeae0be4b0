import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { updateRating } from "@/lib/domain/metrics/service-rating";
import { nodesAtGuardRating } from "@/lib/domain/metrics/rating-distribution";
import { servedInEpoch, type EpochStatus } from "@/lib/domain/rewards/compute-epoch";
import { databaseKind, type Db, type DbTransaction } from "@/lib/server/platform/db";
import { dayText, takeEpochLock } from "./epoch-store";

const COMPUTED = "Computed" satisfies EpochStatus;
/** A long replay holds the epoch lock: the epoch job waits, and one that waits too long is retried on the worker's next run. */
const RECOMPUTE_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 600_000 } as const;
/** Ledger lines per UPDATE statement: 3 bound parameters each, far under SQLite's 32,766. */
const ROWS_PER_STATEMENT = 2_000;

/** One epoch replayed. */
export interface RatingRecomputeProgress {
  day: string;
  /** 1-based position among the computed epochs, oldest first. */
  index: number;
  epochs: number;
  entries: number;
  changed: number;
}

export interface RatingRecompute {
  /** Computed epochs replayed (blocked ones have no ledger lines and are skipped, as the epoch job skips them). */
  epochs: number;
  entries: number;
  /** Ledger lines whose ratingBefore or rating differed from the rule's (written unless a dry run). */
  changed: number;
  /** The newest computed epoch, its roles.guardMinRating and how many of its nodes reached it before and after. */
  newestDay: string | null;
  guardMinRating: number | null;
  guardEligibleBefore: number;
  guardEligibleAfter: number;
  dryRun: boolean;
}

interface RatingParams {
  learningRate: number;
  decay: number;
  guardMinRating: number;
}

interface RatingUpdate {
  nodeId: string;
  ratingBefore: number;
  rating: number;
}

async function ratingParams(
  tx: DbTransaction,
  cache: Map<number, RatingParams>,
  version: number,
): Promise<RatingParams> {
  const cached = cache.get(version);
  if (cached) return cached;
  const { envelope } = await tx.configVersion.findUniqueOrThrow({
    where: { version },
    select: { envelope: true },
  });
  const { params } = parseConfigEnvelope(envelope);
  const found = {
    learningRate: params["selection.ratingLearningRate"],
    decay: params["selection.ratingDecayPerEpoch"],
    guardMinRating: params["roles.guardMinRating"],
  };
  cache.set(version, found);
  return found;
}

/**
 * The database stores a rating to 16 significant digits (Prisma writes a double through a 16-digit decimal),
 * so a rating equal to the stored one to within that rounding is the same rating: rewriting it would change
 * nothing, and the epoch job carries on from the stored value too.
 */
function isSameStoredRating(computed: number, stored: number): boolean {
  return (
    computed === stored ||
    Math.abs(computed - stored) <= 1e-15 * Math.max(Math.abs(computed), Math.abs(stored))
  );
}

/** What a dry run carries on with in place of reading a written rating back: the 16-digit value. */
function asStored(rating: number): number {
  return Number(rating.toPrecision(16));
}

/** Holds off the epoch job until the replay commits, so no epoch is computed from the ratings being rewritten. */
async function lockEpochs(tx: DbTransaction, isPostgres: boolean): Promise<void> {
  // SQLite: takes the write lock up front. PostgreSQL: EXCLUSIVE conflicts with the ROW EXCLUSIVE the
  // epoch job's takeEpochLock takes first, while plain reads (the dashboards) go on.
  if (isPostgres) await tx.$executeRawUnsafe('LOCK TABLE "Epoch" IN EXCLUSIVE MODE');
  else await takeEpochLock(tx);
}

/** Writes one epoch's new ratings: one UPDATE … FROM (VALUES …) per ROWS_PER_STATEMENT lines. */
async function writeRatings(
  tx: DbTransaction,
  { day, updates, isPostgres }: { day: Date; updates: readonly RatingUpdate[]; isPostgres: boolean },
): Promise<void> {
  for (let start = 0; start < updates.length; start += ROWS_PER_STATEMENT) {
    const chunk = updates.slice(start, start + ROWS_PER_STATEMENT);
    const parameters: (string | number | Date)[] = [];
    const bind = (value: string | number | Date, postgresType: string) => {
      parameters.push(value);
      return isPostgres ? `CAST($${parameters.length} AS ${postgresType})` : "?";
    };
    // Ratings are bound parameters, as in the epoch job's writes, so both store a double the same way.
    const rows = chunk
      .map(
        (update) =>
          `(${bind(update.nodeId, "text")}, ${bind(update.ratingBefore, "double precision")}, ${bind(update.rating, "double precision")})`,
      )
      .join(", ");
    const dayParameter = bind(day, "timestamp(3)");
    const updated = await tx.$executeRawUnsafe(
      `WITH "NewRating"("nodeId", "ratingBefore", "rating") AS (VALUES ${rows}) ` +
        `UPDATE "RewardLedgerEntry" SET "ratingBefore" = "NewRating"."ratingBefore", "rating" = "NewRating"."rating" ` +
        `FROM "NewRating" WHERE "RewardLedgerEntry"."day" = ${dayParameter} AND "RewardLedgerEntry"."nodeId" = "NewRating"."nodeId"`,
      ...parameters,
    );
    if (updated !== chunk.length) {
      throw new Error(
        `Rewriting the ratings of ${dayText(day)} updated ${updated} ledger line(s) instead of ${chunk.length}; nothing was changed.`,
      );
    }
  }
}

/**
 * Replays every computed epoch oldest first and rewrites each ledger line's ratingBefore and rating under
 * the rating rule (updateRating, served = servedInEpoch of the stored uptime and paid bytes), from its stored
 * score and its epoch's config version's learning rate and decay. Previous ratings carry over as the epoch
 * job carries them: a node's rating from the computed epoch before, else its newest earlier rating, else 0
 * (a blocked epoch that was re-run later is replayed in its place, so the epochs after it now carry on from it).
 * Payouts, bytes, scores and classifications never change. One transaction holding off the epoch job: a
 * failure leaves every rating as it was. `dryRun` reports what would change and writes nothing.
 */
export async function recomputeRatings(
  db: Db,
  {
    dryRun = false,
    onProgress,
  }: { dryRun?: boolean; onProgress?: (progress: RatingRecomputeProgress) => void } = {},
): Promise<RatingRecompute> {
  const isPostgres = databaseKind(db) === "postgres";
  return db.$transaction(async (tx): Promise<RatingRecompute> => {
    if (!dryRun) await lockEpochs(tx, isPostgres);
    const epochs = await tx.epoch.findMany({
      where: { status: COMPUTED },
      orderBy: { day: "asc" },
      select: { day: true, configVersion: true },
    });
    const paramsByVersion = new Map<number, RatingParams>();
    /** Each node's newest rating so far, as stored after the replay. */
    const latest = new Map<string, number>();
    let entries = 0;
    let changed = 0;
    let guard = { guardMinRating: null as number | null, before: 0, after: 0 };
    for (const [index, epoch] of epochs.entries()) {
      const { learningRate, decay, guardMinRating } = await ratingParams(
        tx,
        paramsByVersion,
        epoch.configVersion,
      );
      const lines = await tx.rewardLedgerEntry.findMany({
        where: { day: epoch.day },
        orderBy: { nodeId: "asc" },
        select: {
          nodeId: true,
          uptimeSeconds: true,
          paidBytesUp: true,
          score: true,
          ratingBefore: true,
          rating: true,
        },
      });
      const updates: RatingUpdate[] = [];
      for (const line of lines) {
        const ratingBefore = latest.get(line.nodeId) ?? 0;
        const rating = updateRating({
          rating: ratingBefore,
          score: line.score,
          served: servedInEpoch(line),
          learningRate,
          decay,
        });
        if (ratingBefore !== line.ratingBefore || !isSameStoredRating(rating, line.rating)) {
          updates.push({ nodeId: line.nodeId, ratingBefore, rating });
        }
      }
      const rewritten = new Map(updates.map((update) => [update.nodeId, asStored(update.rating)]));
      if (!dryRun && updates.length > 0) {
        await writeRatings(tx, { day: epoch.day, updates, isPostgres });
        for (const stored of await tx.rewardLedgerEntry.findMany({
          where: { day: epoch.day },
          select: { nodeId: true, rating: true },
        })) {
          if (rewritten.has(stored.nodeId)) rewritten.set(stored.nodeId, stored.rating);
        }
      }
      // Each line carries on with its rating as stored (the epoch job reads it back the same way), and only
      // after the whole epoch: every line of it started from the epoch before.
      const ratings = lines.map((line) => rewritten.get(line.nodeId) ?? line.rating);
      for (const [position, line] of lines.entries()) latest.set(line.nodeId, ratings[position]!);
      entries += lines.length;
      changed += updates.length;
      if (index === epochs.length - 1) {
        guard = {
          guardMinRating,
          before: nodesAtGuardRating(
            lines.map((line) => line.rating),
            guardMinRating,
          ),
          after: nodesAtGuardRating(ratings, guardMinRating),
        };
      }
      onProgress?.({
        day: dayText(epoch.day),
        index: index + 1,
        epochs: epochs.length,
        entries: lines.length,
        changed: updates.length,
      });
    }
    // Cached forecasts read the ratings; their keys do not, so they go.
    if (!dryRun && changed > 0) await tx.modelResultCache.deleteMany({});
    const newest = epochs.at(-1);
    return {
      epochs: epochs.length,
      entries,
      changed,
      newestDay: newest ? dayText(newest.day) : null,
      guardMinRating: guard.guardMinRating,
      guardEligibleBefore: guard.before,
      guardEligibleAfter: guard.after,
      dryRun,
    };
  }, RECOMPUTE_TRANSACTION_OPTIONS);
}

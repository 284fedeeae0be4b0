import { DomainError } from "@/lib/domain/errors";
import { isExploreGoalId } from "@/lib/domain/network-model/explore-goals";
import { EXPLORE_RUN_STATUSES, type ExploreRunView } from "@/lib/schemas/explore";
import { parseOutcome } from "@/lib/server/network-model/explore-runs";
import type { DbOrTransaction } from "@/lib/server/platform/db";

type Status = ExploreRunView["status"];
const isStatus = (value: string): value is Status =>
  (EXPLORE_RUN_STATUSES as readonly string[]).includes(value);

/** One search as its page shows it: where it stands, how far it got, and its candidates once done. */
export async function getExploreRunView(
  db: DbOrTransaction,
  { id }: { id: string },
): Promise<ExploreRunView> {
  const run = await db.exploreRun.findUnique({ where: { id } });
  if (!run || !isExploreGoalId(run.goal) || !isStatus(run.status)) {
    throw new DomainError(
      "NOT_FOUND",
      "No such search: it may have been started on another Plenum. Start a new one.",
    );
  }
  const queuedAhead =
    run.status === "Queued"
      ? await db.exploreRun.count({ where: { status: "Queued", createdAt: { lt: run.createdAt } } })
      : 0;
  const outcome = run.status === "Done" ? parseOutcome(run.candidates) : null;
  const unreadable = run.status === "Done" && outcome === null;
  return {
    id: run.id,
    goal: run.goal,
    status: unreadable ? "Failed" : run.status,
    baseVersion: run.baseVersion,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    evaluated: run.evaluated,
    planned: run.planned,
    queuedAhead,
    error: unreadable
      ? "This search was made by an older version of Plenum and can no longer be shown. Start it again."
      : run.status === "Failed"
        ? (run.error ?? "The search failed. Start it again.")
        : null,
    outcome,
  };
}

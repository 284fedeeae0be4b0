import { EXPLORE_GOAL_CHOICES, type ExploreRunView } from "@/lib/schemas/explore";

/** Where a waiting or running search stands: its place in the queue, or a bar of the rule sets tried. */
export function ExploreProgress({ run }: { run: ExploreRunView }) {
  const goal = EXPLORE_GOAL_CHOICES.find((choice) => choice.id === run.goal)!;
  const isChecking = run.status === "Running" && run.planned > 0 && run.evaluated >= run.planned;
  const percent = run.planned > 0 ? Math.min(100, Math.round((run.evaluated / run.planned) * 100)) : 0;
  const label =
    run.status === "Queued"
      ? run.queuedAhead > 0
        ? `Waiting to start: ${run.queuedAhead} ${run.queuedAhead === 1 ? "search" : "searches"} ahead of this one.`
        : "Waiting for the worker to start the search…"
      : isChecking
        ? "Checking the best suggestions again with 50 runs each…"
        : `Tried ${run.evaluated} of ${run.planned} sets of rules…`;
  return (
    <div className="space-y-2 rounded-lg border border-border bg-surface p-4" data-testid="explore-progress">
      <p className="font-semibold">Searching for “{goal.title}”</p>
      <p id={`explore-progress-${run.id}`}>{label}</p>
      <div
        role="progressbar"
        aria-labelledby={`explore-progress-${run.id}`}
        aria-valuemin={0}
        aria-valuemax={run.planned}
        aria-valuenow={run.status === "Queued" ? 0 : run.evaluated}
        className="h-3 w-full overflow-hidden rounded-full bg-surface-muted"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-500"
          style={{ width: `${run.status === "Queued" ? 0 : percent}%` }}
        />
      </div>
    </div>
  );
}

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import type { ExploreGoalId } from "@/lib/domain/network-model/explore-goals";
import { EXPLORE_GOAL_CHOICES, type ExploreRunView } from "@/lib/schemas/explore";
import { useTRPC } from "@/lib/trpc/client";
import { ExploreProgress } from "./explore-progress";
import { ExploreResults } from "./explore-results";

/** How often a waiting or running search is asked for its progress. */
const POLL_MS = 1_000;
const isActive = (status: ExploreRunView["status"] | undefined) =>
  status === "Queued" || status === "Running";

/** Keeps the search in the address, so a reload or a shared link shows the same one. */
function rememberRun(id: string) {
  const url = new URL(window.location.href);
  url.searchParams.set("explore", id);
  url.hash = "explore";
  window.history.replaceState(window.history.state, "", url);
}

function GoalCards({ chosen, onChoose }: { chosen: ExploreGoalId; onChoose: (goal: ExploreGoalId) => void }) {
  return (
    <fieldset>
      <legend className="mb-3 text-lg font-semibold">What should get better?</legend>
      <div className="grid gap-3 md:grid-cols-2">
        {EXPLORE_GOAL_CHOICES.map((goal) => {
          const id = `explore-goal-${goal.id}`;
          const isChosen = goal.id === chosen;
          return (
            <label
              key={goal.id}
              htmlFor={id}
              className={cx(
                "flex cursor-pointer gap-3 rounded-lg border-2 bg-surface p-4",
                isChosen ? "border-accent bg-surface-muted" : "border-border",
              )}
            >
              <input
                id={id}
                type="radio"
                name="explore-goal"
                value={goal.id}
                checked={isChosen}
                onChange={() => onChoose(goal.id)}
                className="mt-1 size-5 shrink-0 accent-accent"
              />
              <span className="min-w-0">
                <span className="block font-semibold">{goal.title}</span>
                <span className="mt-1 block text-sm text-muted-foreground">{goal.description}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function ErrorBox({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded-md border border-danger-fg bg-danger-bg p-4 text-danger-fg">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
    </div>
  );
}

/**
 * Explore on /parameters: pick a goal in plain words, search the rules on the network model (a worker job
 * with progress), then up to 5 suggestions, each with "Start a proposal from this".
 */
export function ExplorePanel({ initialRunId }: { initialRunId: string | null }) {
  const trpc = useTRPC();
  const [runId, setRunId] = useState<string | null>(initialRunId);
  const [chosenGoal, setChosenGoal] = useState<ExploreGoalId | null>(null);
  const start = useMutation(
    trpc.explore.start.mutationOptions({
      onSuccess: ({ id }) => {
        setRunId(id);
        rememberRun(id);
      },
    }),
  );
  const run = useQuery(
    trpc.explore.run.queryOptions(
      { id: runId ?? "" },
      {
        enabled: runId !== null,
        retry: 1,
        refetchInterval: (query) => (isActive(query.state.data?.status) ? POLL_MS : false),
      },
    ),
  );
  const view = runId === null ? undefined : run.data;
  const goal: ExploreGoalId = chosenGoal ?? view?.goal ?? "less-concentration";
  const isBusy = start.isPending || (isActive(view?.status) && view?.goal === goal);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isBusy) start.mutate({ goal });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-4">
        <GoalCards chosen={goal} onChoose={setChosenGoal} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={isBusy}>
            {start.isPending ? "Starting…" : isBusy ? "Searching…" : "Search"}
          </Button>
          <p className="text-sm text-muted-foreground">
            A search takes up to a minute. Searches for the same goal on the same day are shared.
          </p>
        </div>
      </form>

      <div aria-live="polite" className="space-y-4">
        {start.isError ? (
          <ErrorBox title="The search could not start." message={start.error.message} />
        ) : null}
        {runId === null ? null : run.isError ? (
          <ErrorBox title="The search could not be shown." message={run.error.message} />
        ) : !view ? (
          <p className="text-muted-foreground">Loading the search…</p>
        ) : view.status === "Failed" ? (
          <ErrorBox title="The search did not finish." message={view.error ?? "Start it again."} />
        ) : view.status === "Done" && view.outcome ? (
          <p className="sr-only">
            The search has finished with {view.outcome.result.candidates.length} suggestions.
          </p>
        ) : (
          <ExploreProgress run={view} />
        )}
      </div>
      {/* Outside the live region: a finished search is announced in one sentence, not read out whole. */}
      {view?.status === "Done" && view.outcome ? <ExploreResults run={view} outcome={view.outcome} /> : null}
    </div>
  );
}

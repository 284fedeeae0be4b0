import { formatDate } from "@/lib/domain/format-time";
import { EXPLORE_GOAL_CHOICES, type ExploreRunView } from "@/lib/schemas/explore";
import { ExploreCandidateCard } from "./explore-candidate-card";

type Outcome = NonNullable<ExploreRunView["outcome"]>;

/** Short tags for the ends of the front: the smallest change and the largest improvement. */
function tagsOf(index: number, count: number): string[] {
  if (count === 1) return [];
  if (index === 0) return ["Smallest change"];
  if (index === count - 1) return ["Biggest improvement"];
  return [];
}

/** A finished search: what was searched, then up to 5 candidates (or why there are none). */
export function ExploreResults({ run, outcome }: { run: ExploreRunView; outcome: Outcome }) {
  const goal = EXPLORE_GOAL_CHOICES.find((choice) => choice.id === run.goal)!;
  const { result } = outcome;
  const count = result.candidates.length;
  return (
    <div className="space-y-4" data-testid="explore-results">
      <h3 className="text-xl font-semibold">
        {count === 0
          ? `No better rules found for “${goal.title}”`
          : `${count} ${count === 1 ? "suggestion" : "suggestions"} for “${goal.title}”`}
      </h3>
      <p className="max-w-3xl text-muted-foreground">
        Plenum tried {result.evaluated} sets of rules on the network model, starting from the network as it
        stood on {formatDate(outcome.newestEpochDay)} and the rules of config version {run.baseVersion}.
        {outcome.stoppedEarly
          ? ` The search reached its time limit before trying all ${result.planned} it planned, so a longer search might find more.`
          : ""}
      </p>
      {count === 0 ? (
        <div className="rounded-lg border border-dashed border-border-strong bg-surface p-5">
          <p>
            No change it tried did better than the current rules while keeping the goal’s conditions
            {goal.keeps.length > 0
              ? ` (${goal.keeps.map((sentence) => sentence.replace(/\.$/, "")).join("; ")})`
              : ""}
            . The current rules may already be close to the best the model can find for this goal. Try another
            goal, or propose a change of your own.
          </p>
        </div>
      ) : (
        <>
          <p className="max-w-3xl">
            They are ordered from the smallest change to the biggest improvement: bigger changes reach further
            but disrupt more. Each keeps the goal’s conditions in the forecast.
          </p>
          <ol className="space-y-5">
            {result.candidates.map((candidate, index) => (
              <li key={index}>
                <ExploreCandidateCard
                  goal={goal}
                  candidate={candidate}
                  index={index}
                  count={count}
                  days={result.days}
                  tags={tagsOf(index, count)}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

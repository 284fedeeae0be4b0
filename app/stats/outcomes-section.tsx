import { RecentOutcomesTable } from "@/components/forecast-outcome/recent-outcomes-table";
import { loadWhenReady } from "@/lib/trpc/server";

/** "Recent changes and their outcome": each ratified change's frozen forecast against what happened. */
export async function OutcomesSection() {
  const result = await loadWhenReady((api) => api.forecastOutcomes.recent());
  if (!result.ready) return null;
  return (
    <section aria-labelledby="recent-changes" className="mb-12" data-testid="recent-outcomes">
      <h2 id="recent-changes" className="text-2xl font-semibold">
        Recent changes and their outcome
      </h2>
      <p className="mt-1 mb-4 max-w-3xl text-muted-foreground">
        When a proposal passes, the network model’s forecast of it is frozen. 7 and 30 days after the change
        takes effect, its figures are set against what the network really did: this list shows how many landed
        within the forecast range. It covers every recent change, whatever the time range above.
      </p>
      <RecentOutcomesTable items={result.data.items} />
    </section>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatNumber } from "@/lib/domain/format-number";
import { TRAFFIC_DAYS_SHOWN } from "@/lib/schemas/confirmed-traffic";
import { loadWhenReady } from "@/lib/trpc/server";
import { ConfirmedExplainer } from "./confirmed-explainer";
import { TrafficDaysTable } from "./traffic-days-table";
import { TrafficTotals } from "./traffic-totals";

/** On the node page, for the node's operator only: its newest days of data claimed, confirmed and paid. */
export async function NodeTrafficSection({ nodeId }: { nodeId: string }) {
  const result = await loadWhenReady((api) => api.myStats.nodeTraffic({ nodeId }));
  if (!result.ready) return null;
  const traffic = result.data;
  return (
    <section
      aria-labelledby="node-traffic"
      className="mt-8 max-w-3xl rounded-lg border border-border bg-surface px-5 py-4"
    >
      <h2 id="node-traffic" className="text-lg font-semibold">
        Data served, confirmed and paid
      </h2>
      <div className="mt-1 mb-4 space-y-2 text-sm text-muted-foreground">
        <p>
          Only you see this. For each of the node’s {formatNumber(TRAFFIC_DAYS_SHOWN)} newest days: the data
          it said it sent to other nodes (claimed), how much of it other nodes confirmed, and how much of it
          was paid for.
        </p>
        <ConfirmedExplainer uncorroboratedWeight={traffic.uncorroboratedWeight} />
      </div>
      {traffic.days.length === 0 ? (
        <EmptyState headingLevel="h3" title="No paid days yet">
          <p>
            Rewards are worked out once a day: after this node’s first full day of reports, it shows here.
          </p>
        </EmptyState>
      ) : (
        <>
          <TrafficTotals days={traffic.days} totals={traffic.totals} />
          <TrafficDaysTable
            days={traffic.days}
            label="This node's data per day"
            caption="This node's data per day, newest first: claimed, confirmed by peers and paid for."
          />
          <p className="mt-3 text-sm text-muted-foreground">
            <Link href="/my/stats">My rewards</Link> shows all your nodes together and lets you download every
            day as a CSV.
          </p>
        </>
      )}
    </section>
  );
}

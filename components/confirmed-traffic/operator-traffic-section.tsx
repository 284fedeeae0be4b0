import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCaption, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/domain/format-number";
import { TRAFFIC_DAYS_SHOWN, type OperatorTraffic } from "@/lib/schemas/confirmed-traffic";
import { loadWhenReady } from "@/lib/trpc/server";
import { ConfirmedExplainer } from "./confirmed-explainer";
import { COMPACT_ON_PHONES, TRAFFIC_COLUMNS, TrafficCells } from "./traffic-cells";
import { TrafficDaysTable } from "./traffic-days-table";
import { TrafficTotals } from "./traffic-totals";

function NodesTable({ nodes }: { nodes: OperatorTraffic["nodes"] }) {
  return (
    <Table regionLabel="Each node's data over these days" className={COMPACT_ON_PHONES}>
      <TableCaption className="sr-only">
        Each of your nodes over the same days: data claimed, confirmed by peers and paid for.
      </TableCaption>
      <TableHeader>
        <TableRow className="border-t-0">
          <TableHead>Node</TableHead>
          {TRAFFIC_COLUMNS.map((column) => (
            <TableHead key={column}>{column}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {nodes.map((node) => (
          <TableRow key={node.nodeId}>
            <TableHead scope="row">
              <Link href={`/nodes/${encodeURIComponent(node.nodeId)}`}>{node.name}</Link>
            </TableHead>
            <TrafficCells figures={node} />
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** On the operator's rewards page: their nodes' newest days of data claimed, confirmed and paid. */
export async function OperatorTrafficSection() {
  const result = await loadWhenReady((api) => api.myStats.traffic());
  if (!result.ready) return null;
  const traffic = result.data;
  const shown = formatNumber(TRAFFIC_DAYS_SHOWN);
  return (
    <section aria-labelledby="confirmed-traffic" className="mt-10">
      <h2 id="confirmed-traffic" className="text-2xl font-semibold">
        Data confirmed by peers
      </h2>
      <div className="mt-1 mb-4 max-w-3xl space-y-2 text-muted-foreground">
        <p>
          What your nodes said they sent to other nodes (claimed), how much of it other nodes confirmed, and
          how much of it was paid for, over your {shown} newest days.
        </p>
        <ConfirmedExplainer uncorroboratedWeight={traffic.uncorroboratedWeight} />
      </div>
      {traffic.days.length === 0 ? (
        <EmptyState headingLevel="h3" title="No paid days yet">
          <p>
            Rewards are worked out once a day: after your nodes’ first full day of reports, it shows here.
          </p>
        </EmptyState>
      ) : (
        <>
          <TrafficTotals days={traffic.days} totals={traffic.totals} />
          <div className="grid gap-6 lg:grid-cols-2">
            <div className="min-w-0">
              <h3 className="mb-2 text-lg font-semibold">By node, over the same days</h3>
              <NodesTable nodes={traffic.nodes} />
            </div>
            <div className="min-w-0">
              <h3 className="mb-2 text-lg font-semibold">Day by day, newest first</h3>
              <TrafficDaysTable
                days={traffic.days}
                label="Your nodes' data per day"
                caption="All your nodes together, per day, newest first: data claimed, confirmed by peers and paid for."
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

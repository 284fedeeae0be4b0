import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OperatorTrafficSection } from "@/components/confirmed-traffic/operator-traffic-section";
import { NotReady } from "@/components/not-ready";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { STATS_RANGE_LABELS } from "@/lib/schemas/network-stats";
import { parseOperatorStatsRange, type OperatorStatsRange } from "@/lib/schemas/operator-stats";
import { loadWhenReady } from "@/lib/trpc/server";
import { HowRewardsWork } from "./how-rewards-work";
import { NodeStatsSection } from "./node-stats-section";
import { TotalsSection } from "./totals-section";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "My nodes' service and rewards",
  description:
    "How each of your nodes served the network, the credits it earned, its rating and whether it runs the latest rules.",
};

const SIGN_IN_HREF = "/sign-in?next=/my/stats";
const CSV_HREF = "/api/my/epochs.csv";

async function loadMyStats(range: OperatorStatsRange) {
  try {
    return await loadWhenReady((api) => api.myStats.overview({ range }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return "signed-out" as const;
    throw error;
  }
}

export default async function MyStatsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const range = parseOperatorStatsRange(await searchParams);
  const result = await loadMyStats(range);
  if (result === "signed-out") redirect(SIGN_IN_HREF);
  if (!result.ready) return <NotReady />;
  const stats = result.data;
  const { nodes } = stats;
  const rangeLabel = STATS_RANGE_LABELS[range];

  return (
    <>
      <PageHeader
        title="My nodes' service and rewards"
        description={
          <p>
            How each of your nodes served the network, what it earned, how its rating moved and whether it
            runs the latest rules.
            {nodes.length > 0 ? " The CSV has one line per node and day, for a spreadsheet." : null}
          </p>
        }
        actions={
          nodes.length > 0 ? (
            <Button asChild variant="secondary">
              <a href={CSV_HREF} download>
                Download all epochs (CSV)
              </a>
            </Button>
          ) : null
        }
      />

      {nodes.length === 0 ? (
        <EmptyState
          title="You have no nodes yet"
          action={
            <Button asChild>
              <Link href="/my/nodes">Enrol a node on My nodes</Link>
            </Button>
          }
        >
          <p>Once one of your nodes reports, its service, rating and rewards appear here.</p>
        </EmptyState>
      ) : (
        <>
          <TotalsSection stats={stats} range={range} rangeLabel={rangeLabel} />
          <NodeStatsSection stats={stats} rangeLabel={rangeLabel} />
          <OperatorTrafficSection />
        </>
      )}

      <HowRewardsWork stats={stats} />
    </>
  );
}

import type { Metadata } from "next";
import { NotReady } from "@/components/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { syncPageQueryFromSearchParams } from "@/lib/schemas/sync";
import { getRequestTime, loadWhenReady } from "@/lib/trpc/server";
import { CoverageHistorySection } from "./coverage-history-section";
import { CoverageNowSection } from "./coverage-now-section";
import { NodesByStatusSection } from "./nodes-by-status-section";
import { SyncNodesSection } from "./sync-nodes-section";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Config sync",
  description:
    "Which nodes hold and run the latest config, coverage over time, and every node's delivery state.",
};

export default async function SyncPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = syncPageQueryFromSearchParams(await searchParams);
  const result = await loadWhenReady((api) =>
    Promise.all([
      api.sync.overview({ range: query.range }),
      api.sync.nodes({
        status: query.status,
        search: query.search,
        page: query.page,
        pageSize: query.pageSize,
      }),
    ]),
  );
  if (!result.ready) return <NotReady />;
  const [overview, list] = result.data;
  const now = getRequestTime();

  return (
    <>
      <PageHeader
        title="Config sync"
        description={
          <p>
            Every ratified config is signed and sent to each node&apos;s config endpoint. This page shows
            which nodes hold and run it, and what happened to every delivery.
          </p>
        }
      />

      <CoverageNowSection overview={overview} now={now} />
      <NodesByStatusSection overview={overview} query={query} />
      <CoverageHistorySection series={overview.series} query={query} />
      <SyncNodesSection list={list} query={query} now={now} />
    </>
  );
}

import type { Metadata } from "next";
import { NetworkHeadline } from "@/components/charts/network-headline";
import { rangePhrase } from "@/components/charts/range-phrase";
import { RangeSwitch } from "@/components/charts/range-switch";
import { NotReady } from "@/components/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/domain/format-time";
import { parseStatsRange, STATS_RANGES, type StatsRange } from "@/lib/schemas/network-stats";
import type { SearchParams } from "@/lib/schemas/search-params";
import { loadWhenReady } from "@/lib/trpc/server";
import { ContributionSection } from "./contribution-section";
import { DecisionsSection } from "./decisions-section";
import { EarningsSection } from "./earnings-section";
import { NetworkUpSection } from "./network-up-section";
import { OutcomesSection } from "./outcomes-section";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Network stats",
  description:
    "How many nodes are up, who serves the data, who earns the rewards and how concentrated voting power is.",
};

const RANGE_NAMES: Record<StatsRange, string> = {
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  all: "All time",
};

export default async function StatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const range = parseStatsRange(await searchParams);
  const result = await loadWhenReady((api) => api.stats.dashboard({ range }));
  if (!result.ready) return <NotReady />;
  const stats = result.data;
  const period = rangePhrase(range);

  return (
    <>
      <PageHeader
        title="Network stats"
        description={
          <p>
            How the network is doing, measured from what its nodes report: how many are up, who serves the
            data and earns the rewards, and who holds the votes. Pick a time range; every chart says in one
            line what it shows and can be read as a table.
          </p>
        }
      />

      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <RangeSwitch
          options={STATS_RANGES.map((option) => ({
            key: option,
            label: RANGE_NAMES[option],
            href: `/stats?range=${option}`,
            isCurrent: option === range,
          }))}
        />
        <p className="text-sm text-muted-foreground">
          Showing data {period}
          {stats.from ? `, from ${formatDateTime(new Date(stats.from))}` : ""} to{" "}
          {formatDateTime(new Date(stats.to))}.
        </p>
      </div>

      <section aria-labelledby="headline" className="mb-12">
        <h2 id="headline" className="sr-only">
          The network in five numbers
        </h2>
        <NetworkHeadline headline={stats.headline} range={range} />
      </section>

      <NetworkUpSection stats={stats} period={period} />
      <ContributionSection stats={stats} period={period} />
      <EarningsSection stats={stats} period={period} />
      <DecisionsSection stats={stats} period={period} />
      <OutcomesSection />
    </>
  );
}

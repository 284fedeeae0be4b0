import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { LorenzChart } from "@/components/charts/lorenz-chart";
import { NetworkHeadline } from "@/components/charts/network-headline";
import { rangePhrase } from "@/components/charts/range-phrase";
import { RangeSwitch } from "@/components/charts/range-switch";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { NotReady } from "@/components/not-ready";
import { PageHeader } from "@/components/ui/page-header";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { describeTopGroup } from "@/lib/domain/metrics/dashboard-summaries";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate, formatDateTime } from "@/lib/domain/format-time";
import {
  type NetworkDashboard,
  parseStatsRange,
  STATS_RANGES,
  type StatsRange,
} from "@/lib/schemas/network-stats";
import type { SearchParams } from "@/lib/schemas/search-params";
import { loadWhenReady } from "@/lib/trpc/server";

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

const GRID = "grid gap-6 md:grid-cols-2";

function bucketTime(at: number, bucket: "hour" | "day"): string {
  return bucket === "day" ? formatDate(new Date(at)) : formatDateTime(new Date(at));
}

function formatCredits(credits: number): string {
  return formatNumber(credits, { maxFractionDigits: 0 });
}

function formatRating(rating: number): string {
  return formatNumber(rating, { minFractionDigits: 1, maxFractionDigits: 2 });
}

function DashboardSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mb-12">
      <h2 id={id} className="text-2xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 mb-4 max-w-3xl text-muted-foreground">{intro}</p>
      <div className={GRID}>{children}</div>
    </section>
  );
}

function NetworkUpSection({ stats, period }: { stats: NetworkDashboard; period: string }) {
  const { nodesOnline, dataServed, syncCoverage } = stats;
  return (
    <DashboardSection
      id="network-up"
      title="Is the network up?"
      intro="How many nodes were running, how much data they passed to their peers, and how many run the newest rules."
    >
      <ChartCard
        id="nodes-online"
        title="Nodes online over time"
        summary={nodesOnline.summary}
        isEmpty={nodesOnline.points.length === 0}
        chart={
          <TimeSeriesChart
            label={nodesOnline.summary}
            valueName="Nodes online"
            isDaily={nodesOnline.bucket === "day"}
            points={nodesOnline.points.map((point) => ({ at: point.at, value: point.online }))}
          />
        }
        table={
          <ChartTable
            label="Nodes online, as a table"
            caption={`Nodes up on average per ${nodesOnline.bucket} ${period}, oldest first.`}
            columns={[nodesOnline.bucket === "day" ? "Day" : "Hour", "Nodes online", "Nodes reporting"]}
            rows={nodesOnline.points.map((point) => ({
              key: point.at,
              cells: [
                bucketTime(point.at, nodesOnline.bucket),
                formatNumber(point.online, { maxFractionDigits: 1 }),
                formatNumber(point.reporting),
              ],
            }))}
          />
        }
      />
      <ChartCard
        id="data-served"
        title="Data served to peers"
        summary={dataServed.summary}
        isEmpty={dataServed.points.length === 0}
        chart={
          <TimeSeriesChart
            label={dataServed.summary}
            valueName="Data served"
            unit="GB"
            isDaily={dataServed.bucket === "day"}
            points={dataServed.points.map((point) => ({ at: point.at, value: point.gb }))}
          />
        }
        table={
          <ChartTable
            label="Data served, as a table"
            caption={`GB served to peers per ${dataServed.bucket} ${period}, oldest first.`}
            columns={[dataServed.bucket === "day" ? "Day" : "Hour", "Data served"]}
            rows={dataServed.points.map((point) => ({
              key: point.at,
              cells: [bucketTime(point.at, dataServed.bucket), formatDataSize(point.gb)],
            }))}
          />
        }
      />
      <ChartCard
        id="sync-coverage"
        title="Config sync coverage"
        summary={syncCoverage.summary}
        isEmpty={syncCoverage.points.length === 0}
        chart={
          <TimeSeriesChart
            label={syncCoverage.summary}
            valueName="Coverage"
            unit="%"
            maxValue={100}
            points={syncCoverage.points.map((point) => ({ at: point.at, value: point.percent }))}
          />
        }
        notes={
          syncCoverage.latestVersion === null ? null : (
            <p>The share of nodes running config version {syncCoverage.latestVersion}, the latest.</p>
          )
        }
        table={
          <ChartTable
            label="Config sync coverage, as a table"
            caption={`Share of nodes on the latest config ${period}, oldest first.`}
            columns={["Time", "Coverage"]}
            rows={syncCoverage.points.map((point) => ({
              key: point.at,
              cells: [formatDateTime(new Date(point.at)), formatPercent(point.percent / 100)],
            }))}
          />
        }
      />
    </DashboardSection>
  );
}

function ContributionSection({ stats, period }: { stats: NetworkDashboard; period: string }) {
  const { contribution, freeRiders } = stats;
  return (
    <DashboardSection
      id="who-contributes"
      title="Who contributes?"
      intro="Whether the data is served by many nodes or by a few, and how many nodes take without giving back."
    >
      <ChartCard
        id="contribution"
        title="How evenly nodes serve data"
        summary={contribution.summary}
        isEmpty={contribution.lorenz.length === 0}
        chart={<LorenzChart label={contribution.summary} points={contribution.lorenz} />}
        notes={
          <>
            <p>
              The dashed diagonal is a network where every node serves the same; the further the curve sags
              below it, the more a few nodes carry. Gini{" "}
              {contribution.gini === null
                ? "not known yet"
                : formatNumber(contribution.gini, { maxFractionDigits: 2 })}{" "}
              over {formatNumber(contribution.nodes)} nodes.
            </p>
            {contribution.topShares.length > 0 ? (
              <ul className="mt-1 flex flex-wrap gap-x-4">
                {contribution.topShares.map((top) => (
                  <li key={top.topPercent}>
                    The {describeTopGroup({ nodes: contribution.nodes, topPercent: top.topPercent })}:{" "}
                    {formatPercent(top.share)} of the data
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        }
        table={
          <ChartTable
            label="Contribution Lorenz curve, as a table"
            caption={`Share of all data served ${period} by the nodes that served least.`}
            columns={["Smallest contributors", "Share of data served"]}
            rows={contribution.lorenz.map((point) => ({
              key: point.population,
              cells: [`${formatPercent(point.population)} of nodes`, formatPercent(point.share)],
            }))}
          />
        }
      />
      <ChartCard
        id="free-riders"
        title="Free-rider share per epoch"
        summary={freeRiders.summary}
        isEmpty={freeRiders.epochs.length === 0}
        chart={
          <TimeSeriesChart
            label={freeRiders.summary}
            valueName="Free-riders"
            unit="%"
            isDaily
            points={freeRiders.epochs.map((epoch) => ({ at: epoch.day, value: epoch.share * 100 }))}
          />
        }
        notes={
          <p>
            Free-riders serve too little to earn; after a grace period for new nodes their rewards are cut.
          </p>
        }
        table={
          <ChartTable
            label="Free-rider share, as a table"
            caption={`Free-riders past their grace period among each epoch's nodes ${period}, oldest first.`}
            columns={["Epoch", "Share", "Free-riders", "In grace period", "Nodes"]}
            rows={freeRiders.epochs.map((epoch) => ({
              key: epoch.day,
              cells: [
                formatDate(new Date(epoch.day)),
                formatPercent(epoch.share),
                formatNumber(epoch.freeRiders),
                formatNumber(epoch.inGrace),
                formatNumber(epoch.nodes),
              ],
            }))}
          />
        }
      />
    </DashboardSection>
  );
}

function EarningsSection({ stats, period }: { stats: NetworkDashboard; period: string }) {
  const { rewards, ratings } = stats;
  const guard = ratings.guardMinRating;
  const guardBin =
    ratings.bins.find((bin) => guard >= bin.from && guard < bin.to) ?? ratings.bins[ratings.bins.length - 1];
  const binLabel = (bin: { from: number; to: number }) => `${formatRating(bin.from)}–${formatRating(bin.to)}`;
  // Bars are categories, so the line can only sit on a bar's edge: say so when the guard rating is inside one.
  const guardLine =
    guardBin && Math.abs(guardBin.from - guard) > 1e-9
      ? `The dashed line at the start of the ${binLabel(guardBin)} bar marks the range holding the guard rating, ${formatRating(guard)}: the rating a node needs to act as a guard node`
      : `The dashed line is the rating a node needs to act as a guard node (${formatRating(guard)})`;
  return (
    <DashboardSection
      id="who-earns"
      title="Who earns?"
      intro="The credits paid out each day (epoch) against the cap, and how the nodes are rated, which decides who may act as a guard node."
    >
      <ChartCard
        id="rewards"
        title="Rewards per epoch"
        summary={rewards.summary}
        isEmpty={rewards.epochs.length === 0}
        chart={
          <CategoryBarChart
            label={rewards.summary}
            valueName="Credits paid"
            line={{ name: "Emission cap", isLimit: true }}
            bars={rewards.epochs.map((epoch) => ({
              label: formatDate(new Date(epoch.day)),
              value: epoch.paid,
              line: epoch.cap,
            }))}
          />
        }
        notes={
          <p>
            When the rewards earned exceed the cap, every payout is scaled down by the same factor to fit; the
            table shows the scale per epoch.
          </p>
        }
        table={
          <ChartTable
            label="Rewards per epoch, as a table"
            caption={`Credits paid per epoch ${period}, oldest first.`}
            columns={["Epoch", "Paid", "Earned before scaling", "Cap", "Scale", "Nodes paid"]}
            rows={rewards.epochs.map((epoch) => ({
              key: epoch.day,
              cells: [
                formatDate(new Date(epoch.day)),
                formatCredits(epoch.paid),
                formatCredits(epoch.unscaled),
                formatCredits(epoch.cap),
                formatPercent(epoch.scale),
                formatNumber(epoch.paidNodes),
              ],
            }))}
          />
        }
      />
      <ChartCard
        id="ratings"
        title="Node ratings"
        summary={ratings.summary}
        isEmpty={ratings.epochDay === null || ratings.bins.every((bin) => bin.nodes === 0)}
        chart={
          <CategoryBarChart
            label={ratings.summary}
            valueName="Nodes"
            marker={
              guardBin ? { category: binLabel(guardBin), name: `Guard ${formatRating(guard)}` } : undefined
            }
            bars={ratings.bins.map((bin) => ({ label: binLabel(bin), value: bin.nodes }))}
          />
        }
        notes={
          <p>
            {guardLine}; {formatNumber(ratings.nodesAtGuardRating)}{" "}
            {ratings.nodesAtGuardRating === 1 ? "node reaches" : "nodes reach"} it
            {ratings.epochDay
              ? ` (ratings after the epoch of ${formatDate(new Date(ratings.epochDay))})`
              : ""}
            .
          </p>
        }
        table={
          <ChartTable
            label="Node ratings, as a table"
            caption="Nodes per rating range, from 0 (worst) to 1 (best)."
            columns={["Rating", "Nodes"]}
            rows={ratings.bins.map((bin) => ({
              key: bin.from,
              cells: [binLabel(bin), formatNumber(bin.nodes)],
            }))}
          />
        }
      />
    </DashboardSection>
  );
}

function DecisionsSection({ stats, period }: { stats: NetworkDashboard; period: string }) {
  const { participation, votingPower } = stats;
  return (
    <DashboardSection
      id="who-decides"
      title="Who decides?"
      intro="How many operators took part in each voting round, and whether a handful of operators could outvote everyone else."
    >
      <ChartCard
        id="participation"
        title="Turnout per round"
        summary={participation.summary}
        isEmpty={participation.rounds.length === 0}
        chart={
          <CategoryBarChart
            label={participation.summary}
            valueName="Node turnout"
            unit="%"
            maxValue={100}
            bars={participation.rounds.map((round) => ({
              label: `Round ${round.number}`,
              value: round.nodeTurnout * 100,
            }))}
          />
        }
        notes={<p>Node turnout: the share of eligible nodes whose operator cast a ballot.</p>}
        table={
          <ChartTable
            label="Turnout per round, as a table"
            caption={`Voting rounds opened ${period}, oldest first.`}
            columns={["Round", "Status", "Opened", "Operators who voted", "Node turnout"]}
            rows={participation.rounds.map((round) => ({
              key: round.number,
              cells: [
                `Round ${round.number}`,
                round.isOpen ? "Open" : "Closed",
                formatDateTime(new Date(round.opensAt)),
                `${formatNumber(round.voters)} of ${formatNumber(round.eligibleOperators)}`,
                `${formatPercent(round.nodeTurnout)} of ${formatNumber(round.eligibleNodes)} nodes`,
              ],
            }))}
          />
        }
      />
      <ChartCard
        id="voting-power"
        title="Concentration of voting power"
        summary={votingPower.summary}
        isEmpty={votingPower.rounds.length === 0}
        chart={
          <CategoryBarChart
            label={votingPower.summary}
            valueName="Nakamoto coefficient"
            line={{ name: "Gini", hasOwnAxis: true, maxValue: 1 }}
            bars={votingPower.rounds.map((round) => ({
              label: `Round ${round.number}`,
              value: round.nakamoto,
              line: round.gini,
            }))}
          />
        }
        notes={
          <p>
            Bars: the fewest operators who together hold more than half of the effective votes (higher is
            safer). Line: Gini of voting power, from 0 (equal) to 1 (one operator holds all).
          </p>
        }
        table={
          <ChartTable
            label="Concentration of voting power, as a table"
            caption={`Effective voting power per round opened ${period}, oldest first.`}
            columns={["Round", "Operators", "Nakamoto coefficient", "Gini"]}
            rows={votingPower.rounds.map((round) => ({
              key: round.number,
              cells: [
                `Round ${round.number}`,
                formatNumber(round.operators),
                formatNumber(round.nakamoto),
                formatNumber(round.gini, { maxFractionDigits: 2 }),
              ],
            }))}
          />
        }
      />
    </DashboardSection>
  );
}

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
    </>
  );
}

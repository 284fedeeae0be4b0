import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { LorenzChart } from "@/components/charts/lorenz-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import { describeTopGroup } from "@/lib/domain/metrics/dashboard-summaries";
import { ConfirmedShareCard } from "./confirmed-share-card";
import { DashboardSection, type StatsSectionProps } from "./dashboard-section";

export function ContributionSection({ stats, period }: StatsSectionProps) {
  const { contribution, freeRiders } = stats;
  return (
    <DashboardSection
      id="who-contributes"
      title="Who contributes?"
      intro="Whether the data is served by many nodes or by a few, how many nodes take without giving back, and how much of the served data other nodes confirm receiving."
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
      <ConfirmedShareCard stats={stats} period={period} />
    </DashboardSection>
  );
}

import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import { DashboardSection, type StatsSectionProps } from "./dashboard-section";

function formatCredits(credits: number): string {
  return formatNumber(credits, { maxFractionDigits: 0 });
}

function formatRating(rating: number): string {
  return formatNumber(rating, { minFractionDigits: 1, maxFractionDigits: 2 });
}

export function EarningsSection({ stats, period }: StatsSectionProps) {
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

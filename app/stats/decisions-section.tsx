import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDateTime } from "@/lib/domain/format-time";
import { ClusterPowerCard } from "./cluster-power-card";
import { DashboardSection, type StatsSectionProps } from "./dashboard-section";

export function DecisionsSection({ stats, period }: StatsSectionProps) {
  const { participation, votingPower } = stats;
  return (
    <DashboardSection
      id="who-decides"
      title="Who decides?"
      intro="How many operators took part in each voting round, and whether a handful of operators, or a handful of networks, could outvote everyone else."
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
      <ClusterPowerCard stats={stats} period={period} />
    </DashboardSection>
  );
}

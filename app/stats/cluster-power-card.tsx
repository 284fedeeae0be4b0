import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { StatsSectionProps } from "./dashboard-section";

/** Voting power by network cluster per round: the Nakamoto coefficient over networks beside the one over operators. */
export function ClusterPowerCard({ stats, period }: StatsSectionProps) {
  const { votingPower } = stats;
  return (
    <ChartCard
      id="voting-power-by-network"
      title="Voting power by network"
      summary={votingPower.byClusterSummary}
      isEmpty={votingPower.rounds.length === 0}
      chart={
        <CategoryBarChart
          label={votingPower.byClusterSummary}
          // Short names: the legend must fit one line on a phone; the notes below say what they count.
          valueName="Fewest networks"
          line={{ name: "Fewest operators" }}
          bars={votingPower.rounds.map((round) => ({
            label: `Round ${round.number}`,
            value: round.nakamotoOverClusters,
            line: round.nakamoto,
          }))}
        />
      }
      notes={
        <dl className="space-y-1">
          <div>
            <dt className="inline font-medium text-foreground">Networks: </dt>
            <dd className="inline">
              blocks of internet addresses the eligible nodes report from. A network of N nodes holds √N times
              one lone node&apos;s votes, whoever runs its nodes.
            </dd>
          </div>
          <div>
            <dt className="inline font-medium text-foreground">Nakamoto coefficient: </dt>
            <dd className="inline">
              the fewest networks (bars), or operator accounts (line), that together hold more than half of
              the votes; the higher, the harder to capture.
            </dd>
          </div>
          <div>
            <dt className="inline font-medium text-foreground">Largest network&apos;s share: </dt>
            <dd className="inline">the biggest network&apos;s share of all the votes on one proposal.</dd>
          </div>
          <div>
            <dt className="inline font-medium text-foreground">Operators sharing a network: </dt>
            <dd className="inline">
              operators whose nodes share a network with another operator&apos;s nodes, and so split its
              votes.
            </dd>
          </div>
        </dl>
      }
      table={
        <ChartTable
          label="Voting power by network, as a table"
          caption={`Voting power by network in each round opened ${period}, oldest first.`}
          columns={[
            "Round",
            "Networks",
            "Largest network's share",
            "Nakamoto coefficient over networks",
            "Nakamoto coefficient over operators",
            "Operators sharing a network",
          ]}
          rows={votingPower.rounds.map((round) => ({
            key: round.number,
            cells: [
              `Round ${round.number}`,
              formatNumber(round.clusters),
              formatPercent(round.largestClusterShare),
              formatNumber(round.nakamotoOverClusters),
              formatNumber(round.nakamoto),
              `${formatNumber(round.operatorsSharing)} of ${formatNumber(round.operators)}`,
            ],
          }))}
        />
      }
    />
  );
}

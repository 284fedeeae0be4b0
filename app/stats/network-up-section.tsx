import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate, formatDateTime } from "@/lib/domain/format-time";
import { DashboardSection, type StatsSectionProps } from "./dashboard-section";

function bucketTime(at: number, bucket: "hour" | "day"): string {
  return bucket === "day" ? formatDate(new Date(at)) : formatDateTime(new Date(at));
}

export function NetworkUpSection({ stats, period }: StatsSectionProps) {
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

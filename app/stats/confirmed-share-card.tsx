import Link from "next/link";
import { ChartCard, ChartTable } from "@/components/charts/chart-card";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatDataSize } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import type { StatsSectionProps } from "./dashboard-section";

/** The network's share of served data that other nodes confirmed receiving, day by day. */
export function ConfirmedShareCard({ stats, period }: StatsSectionProps) {
  const { confirmedShare } = stats;
  return (
    <ChartCard
      id="confirmed-share"
      title="Data confirmed by peers"
      summary={confirmedShare.summary}
      isEmpty={confirmedShare.points.length === 0}
      chart={
        <TimeSeriesChart
          label={confirmedShare.summary}
          valueName="Confirmed"
          unit="%"
          maxValue={100}
          isDaily
          points={confirmedShare.points.map((point) => ({ at: point.day, value: point.share * 100 }))}
        />
      }
      notes={
        <p>
          Nodes are paid for the data they send, but each node reports its own figures. Data counts as
          confirmed when the node that received it, in a different network, reports receiving it too; the rest
          is paid at a lower share (see{" "}
          <Link href={`/parameters/${encodeURIComponent("reward.uncorroboratedWeight")}`}>
            pay for unconfirmed traffic
          </Link>
          ).
        </p>
      }
      table={
        <ChartTable
          label="Data confirmed by peers, as a table"
          caption={`Data nodes said they served each day ${period}, how much of it other nodes confirmed and how much was paid for, oldest first.`}
          columns={["Day", "Share confirmed", "Claimed", "Confirmed", "Paid"]}
          rows={confirmedShare.points.map((point) => ({
            key: point.day,
            cells: [
              formatDate(new Date(point.day)),
              formatPercent(point.share),
              formatDataSize(point.claimedGb),
              formatDataSize(point.confirmedGb),
              formatDataSize(point.paidGb),
            ],
          }))}
        />
      }
    />
  );
}

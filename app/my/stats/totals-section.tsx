import { StatTile } from "@/components/charts/network-headline";
import { RangeSwitch } from "@/components/charts/range-switch";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import { STATS_RANGE_LABELS } from "@/lib/schemas/network-stats";
import {
  DEFAULT_OPERATOR_STATS_RANGE,
  OPERATOR_STATS_RANGES,
  type OperatorStats,
  type OperatorStatsRange,
} from "@/lib/schemas/operator-stats";
import { formatCredits, formatRating } from "./format-node-stats";

function rangeHref(range: OperatorStatsRange): string {
  return range === DEFAULT_OPERATOR_STATS_RANGE ? "/my/stats" : `/my/stats?range=${range}`;
}

export function TotalsSection({
  stats,
  range,
  rangeLabel,
}: {
  stats: OperatorStats;
  range: OperatorStatsRange;
  rangeLabel: string;
}) {
  const { totals, nodes } = stats;
  const hasEpoch = nodes.some((node) => node.lastEpochDay !== null);
  return (
    <section aria-labelledby="totals" className="mb-10">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h2 id="totals" className="text-2xl font-semibold">
          Your totals, {rangeLabel}
        </h2>
        <RangeSwitch
          options={OPERATOR_STATS_RANGES.map((option) => ({
            key: option,
            label: (
              <>
                {option}
                <span className="sr-only">: {STATS_RANGE_LABELS[option]}</span>
              </>
            ),
            href: rangeHref(option),
            isCurrent: option === range,
          }))}
        />
      </div>
      {hasEpoch ? null : (
        <p className="mb-4 rounded-lg border border-border bg-info-bg p-4 text-info-fg">
          No rewards yet: they are worked out once a day, for the full day before. Your nodes&apos; credits
          and ratings appear here after their first full day of service.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-3">
        <StatTile
          label="Nodes"
          value={formatNumber(totals.nodes)}
          hint="running now (retired ones are listed below, not counted)"
        />
        <StatTile
          label="Uptime"
          value={totals.uptimeShare === null ? "—" : formatPercent(totals.uptimeShare)}
          hint={`share of the time your nodes were online, ${rangeLabel}, up to now`}
        />
        <StatTile
          label="Data served"
          value={formatDataSize(totals.gbServed)}
          hint={`sent to other nodes, ${rangeLabel}, up to now`}
        />
        <StatTile
          label="Credits earned"
          value={formatCredits(totals.creditsInRange)}
          hint={
            stats.lastEpoch
              ? `paid for whole days, ${rangeLabel}, up to ${formatDate(stats.lastEpoch.day)}`
              : `paid for whole days, ${rangeLabel}`
          }
        />
        <StatTile
          label="Credits last epoch"
          value={formatCredits(totals.creditsLastEpoch)}
          hint={stats.lastEpoch ? `on ${formatDate(stats.lastEpoch.day)}` : "no epoch yet"}
        />
        <StatTile
          label="Average rating"
          value={totals.averageRating === null ? "—" : formatRating(totals.averageRating)}
          hint="0 to 1: well-rated nodes get picked more often"
        />
      </dl>
    </section>
  );
}

import type { ReactNode } from "react";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { NetworkDashboard, StatsRange } from "@/lib/schemas/network-stats";
import { rangePhrase } from "./range-phrase";

/** One big number with its name and a plain-language hint; goes inside a `<dl>`. */
export function StatTile({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="mt-1 text-sm text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

const NO_DATA_YET = (
  <>
    <span aria-hidden="true">—</span>
    <span className="sr-only">no data yet</span>
  </>
);

/** The network in five numbers: nodes up, data served, who contributes, who decides, who is in sync. */
export function NetworkHeadline({
  headline,
  range,
}: {
  headline: NetworkDashboard["headline"];
  range: StatsRange;
}) {
  const { contributionGini, nakamoto, syncCoveragePercent } = headline;
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
      <StatTile
        label="Nodes up in the last hour"
        value={
          <>
            {formatNumber(headline.nodesOnline, { maxFractionDigits: 0 })}
            <span className="text-lg font-normal text-muted-foreground">
              {" "}
              of {formatNumber(headline.nodesKnown)}
            </span>
          </>
        }
        hint="average over the last full hour (from uptime reports), of all nodes known"
      />
      <StatTile
        label="Data served"
        value={formatDataSize(headline.gbServed)}
        hint={`to peers ${rangePhrase(range)}`}
      />
      <StatTile
        label="Contribution Gini"
        value={
          contributionGini === null ? NO_DATA_YET : formatNumber(contributionGini, { maxFractionDigits: 2 })
        }
        hint="0 = every node serves the same, 1 = one node serves all"
      />
      <StatTile
        label="Nakamoto coefficient"
        value={nakamoto === null ? NO_DATA_YET : formatNumber(nakamoto)}
        hint="fewest operators who together hold over half the votes; higher is more spread out"
      />
      <StatTile
        label="Sync coverage"
        value={syncCoveragePercent === null ? NO_DATA_YET : formatPercent(syncCoveragePercent / 100)}
        hint="of nodes run the latest config"
      />
    </dl>
  );
}

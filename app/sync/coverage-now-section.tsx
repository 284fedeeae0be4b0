import { RelativeTime } from "@/components/relative-time";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { RouterOutputs } from "@/lib/trpc/server";
import { versionText } from "./sync-text";

export function CoverageNowSection({
  overview,
  now,
}: {
  overview: RouterOutputs["sync"]["overview"];
  now: Date;
}) {
  const { withEndpoint, withoutEndpoint } = overview;
  return (
    <section aria-labelledby="coverage-now" className="mb-10 rounded-lg border border-border bg-surface p-5">
      <h2 id="coverage-now" className="text-lg font-semibold">
        Coverage now
      </h2>
      <p className="mt-2 text-4xl font-bold tabular-nums">
        {withEndpoint.coverage === null ? "—" : formatPercent(withEndpoint.coverage)}
      </p>
      <p className="mt-2">
        {withEndpoint.nodes === 0
          ? "No node has a config endpoint yet, so there is nothing to measure."
          : `${formatNumber(withEndpoint.synced)} of ${formatNumber(withEndpoint.nodes)} nodes with a config endpoint hold and run the active config, ${versionText(overview.activeVersion)}.`}
      </p>
      {withoutEndpoint.nodes > 0 ? (
        <p className="mt-1 text-muted-foreground">
          Not counted above: {formatNumber(withoutEndpoint.nodes)}{" "}
          {withoutEndpoint.nodes === 1 ? "node has" : "nodes have"} no config endpoint, so the platform cannot
          send them configs; {formatNumber(withoutEndpoint.synced)} of them report running{" "}
          {versionText(overview.activeVersion)}.
        </p>
      ) : null}
      <p className="mt-1 text-muted-foreground">
        Latest config: {versionText(overview.latestVersion)}.
        {overview.scheduledVersions.map((scheduled) => (
          <span key={scheduled.version}>
            {" "}
            {versionText(scheduled.version)} takes effect <RelativeTime at={scheduled.activateAt} now={now} />
            .
          </span>
        ))}
      </p>
    </section>
  );
}

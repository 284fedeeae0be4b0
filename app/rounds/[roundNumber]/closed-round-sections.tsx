import Link from "next/link";
import type { ReactNode } from "react";
import { configVersionAnchor } from "@/components/config-links";
import { DateTime } from "@/components/relative-time";
import { Card, CardTitle } from "@/components/ui/card";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { describeParameterChange } from "@/lib/domain/parameters/format";
import type { VotingPowerSummary } from "@/lib/domain/voting/voting-power";
import type { RouterOutputs } from "@/lib/trpc/server";
import { formatCount } from "./round-text";

export type RoundResults = RouterOutputs["rounds"]["results"];

function PowerFacts({ summary, what }: { summary: VotingPowerSummary; what: string }) {
  return (
    <dl className="mt-3 grid gap-3 sm:grid-cols-3">
      <div>
        <dt className="text-sm text-muted-foreground">Nakamoto coefficient</dt>
        <dd className="text-3xl font-bold tabular-nums">{formatNumber(summary.nakamoto)}</dd>
        <dd className="text-sm">
          The fewest operators who together hold more than half of the {what}: the higher, the harder for a
          few to decide alone.
        </dd>
      </div>
      <div>
        <dt className="text-sm text-muted-foreground">Gini coefficient</dt>
        <dd className="text-3xl font-bold tabular-nums">
          {formatNumber(summary.gini, { maxFractionDigits: 2 })}
        </dd>
        <dd className="text-sm">
          0 when every operator holds the same share of the {what}, near 1 when one holds nearly all.
        </dd>
      </div>
      <div>
        <dt className="text-sm text-muted-foreground">Largest operator</dt>
        <dd className="text-3xl font-bold tabular-nums">{formatPercent(summary.largestShare)}</dd>
        <dd className="text-sm">
          The biggest single share, among {formatCount(summary.operators, "operator", "operators")}.
        </dd>
      </div>
    </dl>
  );
}

export function ClosedRoundSections({
  results,
  server,
  byNetwork,
}: {
  results: RoundResults;
  server: string;
  /** Voting power by network cluster, shown beside the one over operators. */
  byNetwork: ReactNode;
}) {
  const { votingPower, configVersion, round } = results;
  return (
    <div className="mb-10 grid gap-6 lg:grid-cols-2">
      <Card className="lg:col-span-2">
        <CardTitle>Decentralisation of voting power over operators</CardTitle>
        <p className="mt-1 text-muted-foreground">
          Effective voting power is what each operator could put on one proposal: the square root of their
          budget, so pooling nodes under one operator buys less than the same nodes run independently.
        </p>
        <PowerFacts summary={votingPower.potential} what="effective voting power" />
        <h3 className="mt-5 font-semibold">Over the votes actually cast</h3>
        {votingPower.cast.operators === 0 ? (
          <p className="mt-1 text-muted-foreground">No ballot was cast in this round.</p>
        ) : (
          <PowerFacts summary={votingPower.cast} what="votes cast" />
        )}
      </Card>
      {byNetwork}
      <Card>
        <CardTitle>The config it created</CardTitle>
        {configVersion ? (
          <>
            <p className="mt-1">
              Config version {configVersion.version}, issued <DateTime at={configVersion.issuedAt} />,{" "}
              {configVersion.activatedAt ? (
                <>
                  took effect <DateTime at={configVersion.activatedAt} />.
                </>
              ) : (
                <>
                  takes effect <DateTime at={configVersion.activateAt} />.
                </>
              )}
            </p>
            <h3 className="mt-3 font-semibold">What changed from version {configVersion.version - 1}</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {configVersion.changes.map((change) => (
                <li key={change.key}>{describeParameterChange(change.key, change.from, change.to)}</li>
              ))}
            </ul>
            <p className="mt-3">
              <Link
                href={`/config?before=${configVersion.version + 1}#${configVersionAnchor(configVersion.version)}`}
              >
                Version {configVersion.version} in the config history
              </Link>
            </p>
          </>
        ) : (
          <p className="mt-1">
            Nothing passed, so the round created no config version; the rules stay as they were.{" "}
            <Link href="/config">Config history</Link>
          </p>
        )}
      </Card>
      <Card>
        <CardTitle>Check the count yourself</CardTitle>
        <p className="mt-1">
          Every ballot that counted is public, each with its receipt; the receipts form a hash chain, so no
          ballot can be changed, dropped or reordered unnoticed.
        </p>
        <p className="mt-3">
          <a href={results.ballotsExportPath}>Ballots of round {round.number} (JSON)</a>
          {" · "}
          <a href={`${results.ballotsExportPath}?all=1`}>every stored ballot, replaced ones too</a>
        </p>
        <p className="mt-3 text-sm">Recompute the chain and every tally, independently of this server:</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-surface-muted px-3 py-2 text-sm">
          <code>npm run verify -- {server}</code>
        </pre>
        <p className="mt-2 text-sm text-muted-foreground">
          Run it from a checkout of Plenum; a saved export file works instead of the address.
        </p>
      </Card>
    </div>
  );
}

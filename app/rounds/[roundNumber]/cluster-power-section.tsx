import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import type { RoundClusterPower } from "@/lib/schemas/cluster-power";
import { formatCount } from "./round-text";

const votes = (value: number) => formatNumber(value, { maxFractionDigits: value < 10 ? 1 : 0 });

/** Where a round's votes are: network clusters (counted, never named) beside operator accounts. */
export function ClusterPowerSection({
  power,
  creditsPerNode,
  className,
}: {
  power: RoundClusterPower;
  creditsPerNode: number;
  className?: string;
}) {
  const credits = formatNumber(creditsPerNode);
  const largestVotes = Math.sqrt(power.largestClusterNodes * creditsPerNode);
  return (
    <Card className={cx("min-w-0", className)}>
      <section aria-labelledby="power-by-network">
        <CardTitle id="power-by-network">Voting power by network</CardTitle>
        <p className="mt-1 max-w-3xl text-muted-foreground">
          Votes follow where nodes are on the internet, not which account they are filed under. A network of N
          eligible nodes holds √(N × {credits}) votes on one proposal, shared equally by its nodes whoever
          runs them, so splitting nodes into more accounts adds nothing.{" "}
          <Link href="/how-it-works#who-counts">Why networks?</Link>
        </p>
        {power.clusters === 0 ? (
          <p className="mt-3">
            No node was eligible when this round opened, so no network holds votes in it. Nodes become
            eligible after they have proved their service for a few days.
          </p>
        ) : (
          <dl className="mt-4 grid gap-5 sm:grid-cols-2 xl:grid-cols-4">
            <div>
              <dt className="text-sm text-muted-foreground">Networks</dt>
              <dd className="text-3xl font-bold tabular-nums">{formatNumber(power.clusters)}</dd>
              <dd className="text-sm">
                Separate blocks of internet addresses the round&apos;s{" "}
                {formatCount(power.eligibleNodes, "eligible node reports", "eligible nodes report")} from.
                Together they could put about {votes(power.networkVotes)} votes on one proposal.
              </dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Largest network&apos;s share</dt>
              <dd className="text-3xl font-bold tabular-nums">{formatPercent(power.largestClusterShare)}</dd>
              <dd className="text-sm">
                The share of those votes held by the biggest network: its{" "}
                {formatCount(power.largestClusterNodes, "node holds", "nodes hold")} about{" "}
                {votes(largestVotes)} votes.
              </dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Nakamoto coefficient</dt>
              <dd className="text-3xl font-bold tabular-nums">
                {formatNumber(power.nakamotoOverClusters)}{" "}
                <span className="text-base font-normal text-muted-foreground">
                  {power.nakamotoOverClusters === 1 ? "network" : "networks"}
                </span>
              </dd>
              <dd className="font-semibold tabular-nums">
                {formatNumber(power.nakamotoOverOperators)}{" "}
                <span className="font-normal text-muted-foreground">
                  {power.nakamotoOverOperators === 1 ? "operator account" : "operator accounts"}
                </span>
              </dd>
              <dd className="text-sm">
                The fewest networks, and the fewest operator accounts, that together hold more than half of
                the votes. The higher, the harder for a few to decide alone.
              </dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Operators sharing a network</dt>
              <dd className="text-3xl font-bold tabular-nums">
                {formatNumber(power.operatorsSharing)}
                <span className="text-base font-normal text-muted-foreground">
                  {" "}
                  of {formatCount(power.operators, "operator", "operators")}
                </span>
              </dd>
              <dd className="text-sm">
                {power.sharedClusters === 0
                  ? "Operators whose nodes share a network with another operator's nodes; here every network belongs to one operator."
                  : `Operators whose nodes share a network with another operator's nodes (${formatCount(power.sharedClusters, "shared network", "shared networks")}); they split that network's votes.`}
              </dd>
            </div>
          </dl>
        )}
      </section>
    </Card>
  );
}

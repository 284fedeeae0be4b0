import Link from "next/link";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { captureCost } from "@/lib/domain/clusters/cluster-votes";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatParameterValue } from "@/lib/domain/parameters/format";
import type { RoundClusterPower } from "@/lib/schemas/cluster-power";
import { aboutVotes, equalsVotes, type LiveRules } from "./who-counts-section";

/** The newest round's voting power by network, for the worked example. */
export interface NewestRoundPower {
  number: number;
  creditsPerNode: number;
  power: RoundClusterPower;
}

const TARGETS = [100, 1_000] as const;

const count = (value: number) => formatNumber(value);

/** What the newest round says about capture: what matching all of its votes would take. */
function NewestRoundExample({ round, serving }: { round: NewestRoundPower | null; serving: string }) {
  if (!round) {
    return (
      <p className="mt-4">
        No voting round has opened yet. Once one does, this page works out what it would take to match all of
        its votes.
      </p>
    );
  }
  const { power } = round;
  const link = <Link href={`/rounds/${round.number}`}>Round {round.number}</Link>;
  if (power.clusters === 0) {
    return (
      <p className="mt-4">
        {link}, the newest, had no eligible nodes, so nobody could vote in it. Once nodes have proved their
        service, this page works out what it would take to match all of their votes.
      </p>
    );
  }
  const cost = captureCost(power.networkVotes, round.creditsPerNode);
  return (
    <p className="mt-4">
      In the newest round, {link}, the {count(power.eligibleNodes)} eligible{" "}
      {power.eligibleNodes === 1 ? "node" : "nodes"} sat in {count(power.clusters)}{" "}
      {power.clusters === 1 ? "network" : "networks"} and could together put {aboutVotes(power.networkVotes)}{" "}
      votes on one proposal; the largest network held {formatPercent(power.largestClusterShare)} of them. To
      match all of those votes on its own, an attacker would need {count(cost.nodesInOneNetwork)} nodes
      proving service in one network, or nodes in {count(cost.separateNetworks)} different networks, each of
      them serving for {serving} before the round opens.
    </p>
  );
}

/** What capture costs, stated as product.md asks: k·√C votes need k² nodes in one network or k networks. */
export function CaptureCostSection({ rules, round }: { rules: LiveRules; round: NewestRoundPower | null }) {
  const credits = count(rules.creditsPerNode);
  const serving = formatParameterValue("gov.minNodeAgeDays", rules.minNodeAgeDays);
  return (
    <section aria-labelledby="capture-heading">
      <h2 id="capture-heading" className="text-2xl font-semibold">
        What taking over a vote would cost
      </h2>
      <p className="mt-3">
        One node alone in its network holds √{credits} {equalsVotes(Math.sqrt(rules.creditsPerNode))} votes.
        To put k times that on one proposal, an attacker needs either k × k nodes proving service in one
        network, or k nodes in k different networks, each reporting and online for at least {serving} (the
        minimum node age) before the round opens. Either way it is real, spread-out infrastructure that keeps
        serving the network, not a pile of accounts.
      </p>
      <div className="mt-4">
        <Table regionLabel="What votes on one proposal would cost" className="min-w-[30rem]">
          <TableCaption>
            What votes on one proposal would cost, at {credits} voice credits per node
          </TableCaption>
          <TableHeader>
            <TableRow className="border-t-0">
              <TableHead>Votes on one proposal</TableHead>
              <TableHead>Nodes in one network</TableHead>
              <TableHead>Or nodes in separate networks</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {TARGETS.map((votes) => {
              const cost = captureCost(votes, rules.creditsPerNode);
              return (
                <TableRow key={votes}>
                  <TableHead scope="row" className="tabular-nums">
                    {count(votes)}
                  </TableHead>
                  <TableCell className="tabular-nums">{count(cost.nodesInOneNetwork)}</TableCell>
                  <TableCell className="tabular-nums">{count(cost.separateNetworks)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <NewestRoundExample round={round} serving={serving} />
    </section>
  );
}

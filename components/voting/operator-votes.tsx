import Link from "next/link";
import { describeOperatorVotes } from "@/lib/domain/clusters/describe-operator-votes";
import type { OperatorCluster } from "@/lib/schemas/rounds";

/**
 * How many votes the operator's nodes hold in the round and why, in plain words: one line per network
 * they have nodes in, counts only (never which network, never who the other operators are).
 */
export function OperatorVotes({
  budget,
  creditsPerNode,
  clusters,
}: {
  budget: number;
  creditsPerNode: number;
  clusters: readonly OperatorCluster[];
}) {
  const text = describeOperatorVotes({ budget, creditsPerNode, clusters });
  return (
    <section
      aria-labelledby="your-votes-heading"
      className="mb-8 max-w-3xl rounded-lg border border-border bg-surface p-5"
    >
      <h2 id="your-votes-heading" className="text-lg font-semibold">
        Your votes in this round
      </h2>
      <p className="mt-1 text-lg font-medium">{text.headline}</p>
      <h3 className="mt-4 font-semibold">
        Where they come from ({clusters.length === 1 ? "1 network" : `${clusters.length} networks`})
      </h3>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {text.clusters.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      <p className="mt-3">{text.total}</p>
      {text.comparison ? <p className="mt-3">{text.comparison}</p> : null}
      <p className="mt-3 text-sm text-muted-foreground">
        A network here is a block of internet addresses your nodes report from, such as one home connection,
        one campus or one data centre. A network&apos;s votes grow with the square root of its nodes and are
        shared by all of them, whoever runs them, so filing nodes under more accounts never adds votes.{" "}
        <Link href="/how-it-works#who-counts">How votes are counted</Link>
      </p>
    </section>
  );
}

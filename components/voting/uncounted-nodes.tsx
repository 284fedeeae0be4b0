import Link from "next/link";
import { formatNumber } from "@/lib/domain/format-number";
import type { UncountedNode } from "@/lib/schemas/eligibility";

/**
 * The operator's nodes that bring no voice credits to the round, each with why: when it was not present
 * often enough, the hours it was missing.
 */
export function UncountedNodes({
  roundNumber,
  nodes,
  more,
}: {
  roundNumber: number;
  nodes: readonly UncountedNode[];
  more: number;
}) {
  if (nodes.length === 0) return null;
  return (
    <section
      aria-labelledby="uncounted-nodes-heading"
      className="mb-8 max-w-3xl rounded-lg border border-border bg-surface p-5"
    >
      <h2 id="uncounted-nodes-heading" className="text-lg font-semibold">
        Your nodes that bring no voice credits to round {roundNumber}
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Which nodes count was decided when the round opened, from the service each had proved by then. A node
        counts in a later round once it meets the rules when that round opens.
      </p>
      <ul className="mt-3 space-y-3">
        {nodes.map((node) => (
          <li key={node.nodeId}>
            <Link href={`/nodes/${encodeURIComponent(node.nodeId)}`} className="font-medium break-all">
              {node.name}
            </Link>
            <p className="mt-1">{node.reason}</p>
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p className="mt-3 text-sm text-muted-foreground">
          And {formatNumber(more)} more {more === 1 ? "node" : "nodes"}: each node&apos;s page says why it
          does not count.
        </p>
      ) : null}
    </section>
  );
}

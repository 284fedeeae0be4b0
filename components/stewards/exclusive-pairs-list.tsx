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
import { formatNumber } from "@/lib/domain/format-number";
import { formatBytes, shareOfBytes } from "@/lib/domain/metrics/confirmed-traffic";
import { formatPercent } from "@/lib/domain/format-percent";
import type { ExclusivePairSign, ExclusivePairs } from "@/lib/schemas/warning-signs";

const NETWORK_TEXT: Record<ExclusivePairSign["network"], { title: string; detail: string }> = {
  same: { title: "Same network", detail: "their traffic is never counted as confirmed" },
  different: { title: "Different networks", detail: "they can confirm each other's traffic" },
  unknown: { title: "Not known", detail: "a node's network was not recorded" },
};

type PairNode = ExclusivePairSign["nodes"][number];

function NodeLink({ node }: { node: PairNode }) {
  return <Link href={`/nodes/${encodeURIComponent(node.id)}`}>{node.name}</Link>;
}

/** "12 GB (100 % of its traffic with peers)": what one node reported with the other. */
function reportedText(node: PairNode): string {
  const share = shareOfBytes(node.bytesWithOther, node.bytesWithAll) ?? 0;
  return `${formatBytes(node.bytesWithOther)} (${formatPercent(share)} of its traffic with peers)`;
}

/** Node pairs that only trade with each other, most data first. */
export function ExclusivePairsList({ signs }: { signs: ExclusivePairs }) {
  const { pairs, pairCount } = signs;
  return (
    <>
      {pairCount > pairs.length ? (
        <p className="mb-3 text-sm text-muted-foreground">
          The first {formatNumber(pairs.length)} of {formatNumber(pairCount)} pairs, most data first.
        </p>
      ) : null}
      <Table regionLabel="The pairs, most data first">
        <TableCaption className="sr-only">
          Each pair: its two nodes and their operators, whether they are in the same network, the data each
          node reported exchanging with the other, and on how many days.
        </TableCaption>
        <TableHeader>
          <TableRow className="border-t-0">
            <TableHead>Nodes</TableHead>
            <TableHead>Operators</TableHead>
            <TableHead>Network</TableHead>
            <TableHead>Data with each other, as each reports it</TableHead>
            <TableHead>Days</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {pairs.map((pair) => {
            const [a, b] = pair.nodes;
            const network = NETWORK_TEXT[pair.network];
            return (
              <TableRow key={`${a.id}:${b.id}`}>
                <TableHead scope="row" className="align-top">
                  <span className="block whitespace-nowrap">
                    <NodeLink node={a} />
                  </span>
                  <span className="sr-only"> and </span>
                  <span className="mt-1 block whitespace-nowrap">
                    <NodeLink node={b} />
                  </span>
                </TableHead>
                <TableCell className="align-top">
                  {a.operatorName === b.operatorName ? (
                    <>
                      {a.operatorName}
                      <span className="block text-sm text-muted-foreground">runs both</span>
                    </>
                  ) : (
                    <>
                      {a.operatorName}
                      <span className="block">{b.operatorName}</span>
                    </>
                  )}
                </TableCell>
                <TableCell className="align-top">
                  {network.title}
                  <span className="block text-sm text-muted-foreground">{network.detail}</span>
                </TableCell>
                <TableCell className="align-top tabular-nums">
                  <span className="block">
                    {a.name}: {reportedText(a)}
                  </span>
                  <span className="block">
                    {b.name}: {reportedText(b)}
                  </span>
                </TableCell>
                <TableCell className="align-top tabular-nums whitespace-nowrap">
                  {formatNumber(pair.days)} of {formatNumber(signs.days)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

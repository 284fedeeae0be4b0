import Link from "next/link";
import { SyncStatusBadge } from "@/app/sync/sync-status-badge";
import { versionText } from "@/app/sync/sync-text";
import { NodeStatusBadge } from "@/components/node-status-badge";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";
import type { OperatorNodeStats, OperatorStats } from "@/lib/schemas/operator-stats";
import { formatCredits, formatRating } from "./format-node-stats";
import { RatingSparkline } from "./rating-sparkline";

const WIDE_ONLY = "hidden md:table-cell";

/** "+0.11", "−0.03", "no change". */
function formatRatingChange(change: number): string {
  const rounded = formatRating(Math.abs(change));
  if (rounded === "0.00") return "no change";
  return `${change > 0 ? "+" : "−"}${rounded}`;
}

/** The last epoch's classification in plain words, with how much of the reward it was paid. */
function classificationBadge(node: OperatorNodeStats): { tone: BadgeTone; text: string } {
  switch (node.lastClassification) {
    case "Contributor":
      return { tone: "success", text: "Contributor: paid in full" };
    case "FreeRider":
      return {
        tone: "warning",
        text:
          node.lastThrottleFactor === null
            ? "Free-rider: paid less"
            : `Free-rider: paid ${formatPercent(node.lastThrottleFactor)}`,
      };
    case "FreeRiderInGrace":
      return { tone: "info", text: "New node: grace period" };
    case "Silent":
      return { tone: "neutral", text: "Silent: no reports, no pay" };
    default:
      return { tone: "neutral", text: "No epoch yet" };
  }
}

function NodeRow({ node, stats }: { node: OperatorNodeStats; stats: OperatorStats }) {
  const trendStart = node.ratingTrend[0];
  const trendEnd = node.ratingTrend.at(-1);
  const badge = classificationBadge(node);
  return (
    <TableRow>
      <TableHead scope="row">
        <Link href={`/nodes/${encodeURIComponent(node.nodeId)}`} className="break-all">
          {node.name}
        </Link>
        {node.status !== "Active" ? (
          <span className="ml-2">
            <NodeStatusBadge status={node.status} />
          </span>
        ) : null}
      </TableHead>
      <TableCell className="tabular-nums">
        {node.uptimeShare === null ? "no reports yet" : formatPercent(node.uptimeShare)}
      </TableCell>
      <TableCell className={`${WIDE_ONLY} tabular-nums whitespace-nowrap`}>
        {formatDataSize(node.gbServed)}
      </TableCell>
      <TableCell>
        {node.rating === null ? (
          "not rated yet"
        ) : (
          <span className="flex items-center gap-3">
            <span className="tabular-nums">
              {formatRating(node.rating)}
              {node.ratingChange !== null ? (
                <span className="block text-sm text-muted-foreground">
                  {formatRatingChange(node.ratingChange)}
                </span>
              ) : null}
            </span>
            {trendStart && trendEnd ? (
              <RatingSparkline
                points={node.ratingTrend}
                label={`Rating went from ${formatRating(trendStart.rating)} to ${formatRating(trendEnd.rating)} since ${formatDate(trendStart.day)}`}
              />
            ) : null}
          </span>
        )}
      </TableCell>
      <TableCell className="tabular-nums">{formatCredits(node.creditsInRange)}</TableCell>
      <TableCell>
        <Badge tone={badge.tone}>{badge.text}</Badge>
        {node.lastEpochDay ? (
          <span className="mt-1 block text-sm text-muted-foreground">{formatDate(node.lastEpochDay)}</span>
        ) : null}
      </TableCell>
      <TableCell className={WIDE_ONLY}>
        {node.syncStatus ? <SyncStatusBadge status={node.syncStatus} /> : "not seen yet"}
        <span className="mt-1 block text-sm text-muted-foreground">
          runs {versionText(node.configVersion)}
          {node.configVersion === stats.rules.configVersion ? " (current)" : ""}
        </span>
      </TableCell>
    </TableRow>
  );
}

export function NodeStatsSection({ stats, rangeLabel }: { stats: OperatorStats; rangeLabel: string }) {
  const { nodes } = stats;
  return (
    <section aria-labelledby="per-node">
      <h2 id="per-node" className="mb-4 text-2xl font-semibold">
        Each node
      </h2>
      <Table regionLabel="Your nodes' service and rewards">
        <TableCaption className="sr-only">
          Your {formatNumber(nodes.length)} {nodes.length === 1 ? "node" : "nodes"}, {rangeLabel}: uptime,
          data served, rating, credits, last epoch and config.
        </TableCaption>
        <TableHeader>
          <TableRow className="border-t-0">
            <TableHead>Node</TableHead>
            <TableHead>Uptime</TableHead>
            <TableHead className={WIDE_ONLY}>Data served</TableHead>
            <TableHead>Rating</TableHead>
            <TableHead>Credits</TableHead>
            <TableHead>Last epoch</TableHead>
            <TableHead className={WIDE_ONLY}>Config</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {nodes.map((node) => (
            <NodeRow key={node.nodeId} node={node} stats={stats} />
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

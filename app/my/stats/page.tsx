import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StatTile } from "@/components/charts/network-headline";
import { RangeSwitch } from "@/components/charts/range-switch";
import { NodeStatusBadge } from "@/components/node-status-badge";
import { NotReady } from "@/components/not-ready";
import { SyncStatusBadge } from "@/app/sync/sync-status-badge";
import { versionText } from "@/app/sync/sync-text";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
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
import { formatParameterValue } from "@/lib/domain/parameters/format";
import { STATS_RANGE_LABELS } from "@/lib/schemas/network-stats";
import {
  DEFAULT_OPERATOR_STATS_RANGE,
  OPERATOR_STATS_RANGES,
  parseOperatorStatsRange,
  type OperatorNodeStats,
  type OperatorStats,
  type OperatorStatsRange,
} from "@/lib/schemas/operator-stats";
import { loadWhenReady } from "@/lib/trpc/server";
import { RatingSparkline } from "./rating-sparkline";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "My nodes' service and rewards",
  description:
    "How each of your nodes served the network, the credits it earned, its rating and whether it runs the latest rules.",
};

const SIGN_IN_HREF = "/sign-in?next=/my/stats";
const CSV_HREF = "/api/my/epochs.csv";
const WIDE_ONLY = "hidden md:table-cell";

async function loadMyStats(range: OperatorStatsRange) {
  try {
    return await loadWhenReady((api) => api.myStats.overview({ range }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return "signed-out" as const;
    throw error;
  }
}

function rangeHref(range: OperatorStatsRange): string {
  return range === DEFAULT_OPERATOR_STATS_RANGE ? "/my/stats" : `/my/stats?range=${range}`;
}

function formatRating(rating: number): string {
  return formatNumber(rating, { minFractionDigits: 2, maxFractionDigits: 2 });
}

function formatCredits(credits: number): string {
  return formatNumber(credits, { maxFractionDigits: 2 });
}

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

function HowRewardsWork({ stats }: { stats: OperatorStats }) {
  const { rules, lastEpoch } = stats;
  const isCapped = lastEpoch !== null && lastEpoch.scale < 1;
  return (
    <section
      aria-labelledby="how-rewards"
      className="mt-10 max-w-3xl rounded-lg border border-border bg-surface p-5"
    >
      <h2 id="how-rewards" className="text-xl font-semibold">
        How rewards are worked out
      </h2>
      <ul className="mt-3 list-disc space-y-2 pl-6">
        <li>
          Rewards are counted once a day, for each full day (midnight to midnight UTC). That day is called an
          epoch.
        </li>
        <li>
          Each node earns {formatParameterValue("reward.perGbUploaded", rules.perGbUploaded)} for every GB it
          sends to other nodes, plus{" "}
          {formatParameterValue("reward.uptimeBonusPerDay", rules.uptimeBonusPerDay)} when it was online for
          at least {formatPercent(rules.uptimeBonusMinShare)} of the day.
        </li>
        {rules.minShareRatio > 0 ? (
          <li>
            A node that sends less than {formatParameterValue("freeRider.minShareRatio", rules.minShareRatio)}{" "}
            times what it downloads takes more than it gives: it counts as a free-rider and is paid{" "}
            {formatParameterValue("freeRider.throttleFactor", rules.throttleFactor)} of its reward.
            {rules.graceDays > 0
              ? ` New nodes are exempt for their first ${formatParameterValue("freeRider.graceDays", rules.graceDays)}.`
              : null}
          </li>
        ) : (
          <li>The free-rider rule is off: every node that serves is paid in full.</li>
        )}
        <li>
          The whole network is paid at most{" "}
          {formatParameterValue("reward.epochEmissionCap", rules.epochEmissionCap)} a day. When all nodes
          together earn more, every payout is scaled down by the same share.
          {lastEpoch
            ? isCapped
              ? ` On ${formatDate(lastEpoch.day)} payouts were scaled to ${formatPercent(lastEpoch.scale)}.`
              : ` On ${formatDate(lastEpoch.day)} everyone was paid in full.`
            : null}
        </li>
        <li>
          A rating, from 0 to 1, follows how fast, reliable and generous a node has been lately; other nodes
          pick well-rated nodes more often.
        </li>
      </ul>
      <p className="mt-3 text-muted-foreground">
        These are the rules of config version {rules.configVersion}. Operators change them by vote: see{" "}
        <Link href="/parameters">Parameters</Link>.
      </p>
    </section>
  );
}

export default async function MyStatsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const range = parseOperatorStatsRange(await searchParams);
  const result = await loadMyStats(range);
  if (result === "signed-out") redirect(SIGN_IN_HREF);
  if (!result.ready) return <NotReady />;
  const stats = result.data;
  const { totals, nodes } = stats;
  const rangeLabel = STATS_RANGE_LABELS[range];
  const hasEpoch = nodes.some((node) => node.lastEpochDay !== null);

  return (
    <>
      <PageHeader
        title="My nodes' service and rewards"
        description={
          <p>
            How each of your nodes served the network, what it earned, how its rating moved and whether it
            runs the latest rules.
            {nodes.length > 0 ? " The CSV has one line per node and day, for a spreadsheet." : null}
          </p>
        }
        actions={
          nodes.length > 0 ? (
            <Button asChild variant="secondary">
              <a href={CSV_HREF} download>
                Download all epochs (CSV)
              </a>
            </Button>
          ) : null
        }
      />

      {nodes.length === 0 ? (
        <EmptyState
          title="You have no nodes yet"
          action={
            <Button asChild>
              <Link href="/my/nodes">Enrol a node on My nodes</Link>
            </Button>
          }
        >
          <p>Once one of your nodes reports, its service, rating and rewards appear here.</p>
        </EmptyState>
      ) : (
        <>
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
                No rewards yet: they are worked out once a day, for the full day before. Your nodes&apos;
                credits and ratings appear here after their first full day of service.
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

          <section aria-labelledby="per-node">
            <h2 id="per-node" className="mb-4 text-2xl font-semibold">
              Each node
            </h2>
            <Table regionLabel="Your nodes' service and rewards">
              <TableCaption className="sr-only">
                Your {formatNumber(nodes.length)} {nodes.length === 1 ? "node" : "nodes"}, {rangeLabel}:
                uptime, data served, rating, credits, last epoch and config.
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
        </>
      )}

      <HowRewardsWork stats={stats} />
    </>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatFigure, METRIC_PRESENTATION } from "@/lib/domain/network-model/forecast-view";
import type { ModelMetricId } from "@/lib/domain/network-model/model-types";
import { describeParameterChange } from "@/lib/domain/parameters/format";
import {
  proposalPrefillParam,
  type ExploreCandidateView,
  type ExploreGoalChoice,
} from "@/lib/schemas/explore";

type Spread = { p10: number; median: number; p90: number };

/** "28–33 %", "263 to 289 nodes": a range with its unit written once. */
function rangeText(low: string, high: string): string {
  const unit = / (%|nodes|credits)$/.exec(high)?.[0];
  return unit && low.endsWith(unit) ? `${low.slice(0, -unit.length)} to ${high}` : `${low} to ${high}`;
}

/** "31 %" with its likely range under it: "likely 28 to 33 %". */
function Figure({ metric, spread }: { metric: ModelMetricId; spread: Spread }) {
  const { unit } = METRIC_PRESENTATION[metric];
  const low = formatFigure(unit, spread.p10);
  const high = formatFigure(unit, spread.p90);
  return (
    <>
      <span className="whitespace-nowrap font-semibold">{formatFigure(unit, spread.median)}</span>
      {low === high ? null : (
        <span className="block text-xs text-muted-foreground">likely {rangeText(low, high)}</span>
      )}
    </>
  );
}

type FigureRow = { label: string; current: ReactNode; proposed: ReactNode };

/** The goal's headline figures, then how often the daily payout limit cuts payouts. */
function figureRows(goal: ExploreGoalChoice, candidate: ExploreCandidateView): FigureRow[] {
  return [
    ...goal.headlineMetrics.map((metric) => ({
      label: METRIC_PRESENTATION[metric].label,
      current: <Figure metric={metric} spread={candidate.current.metrics[metric]} />,
      proposed: <Figure metric={metric} spread={candidate.proposed.metrics[metric]} />,
    })),
    {
      label: "Days the daily payout limit cuts payouts",
      current: <span className="font-semibold">{formatPercent(candidate.current.bindingDaysShare)}</span>,
      proposed: <span className="font-semibold">{formatPercent(candidate.proposed.bindingDaysShare)}</span>,
    },
  ];
}

/** From the `sm` breakpoint up: a table, current rules against the change. */
function FiguresTable({
  candidate,
  rows,
  index,
}: {
  candidate: ExploreCandidateView;
  rows: FigureRow[];
  index: number;
}) {
  return (
    <div className="mt-2 hidden sm:block">
      <Table regionLabel={`Forecast of suggestion ${index + 1}`}>
        <caption className="sr-only">
          Forecast after the simulated days, median of {candidate.proposed.runs} runs: current rules against
          this change.
        </caption>
        <TableHeader>
          <TableRow className="border-t-0">
            <TableHead>Figure</TableHead>
            <TableHead>Current rules</TableHead>
            <TableHead>With this change</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.label}>
              <TableHead scope="row" className="min-w-40 font-medium">
                {row.label}
              </TableHead>
              <TableCell className="tabular-nums">{row.current}</TableCell>
              <TableCell className="tabular-nums">{row.proposed}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** On phones: each figure with its two values side by side, so nothing scrolls out of sight. */
function FiguresList({ rows }: { rows: FigureRow[] }) {
  return (
    <dl className="mt-2 divide-y divide-border rounded-lg border border-border sm:hidden">
      {rows.map((row) => (
        <div key={row.label} className="px-3 py-2">
          <dt className="font-medium">{row.label}</dt>
          <dd className="mt-1 grid grid-cols-2 gap-3 tabular-nums">
            <span>
              <span className="block text-xs text-muted-foreground">Current rules</span>
              {row.current}
            </span>
            <span>
              <span className="block text-xs text-muted-foreground">With this change</span>
              {row.proposed}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The link that opens the proposal wizard with this candidate's values filled in. */
export function proposalHref(goal: string, candidate: ExploreCandidateView): string {
  const query = new URLSearchParams({ changes: proposalPrefillParam(candidate.changes), goal });
  return `/proposals/new?${query.toString()}`;
}

/** One candidate: what it changes in plain words, its forecast against the current rules, and a way to propose it. */
export function ExploreCandidateCard({
  goal,
  candidate,
  index,
  count,
  days,
  tags,
}: {
  goal: ExploreGoalChoice;
  candidate: ExploreCandidateView;
  index: number;
  count: number;
  days: number;
  tags: readonly string[];
}) {
  const headingId = `explore-candidate-${index}`;
  const rows = figureRows(goal, candidate);
  const rules = candidate.rulesChanged === 1 ? "1 rule" : `${candidate.rulesChanged} rules`;
  return (
    <Card className="p-4 sm:p-5" data-testid="explore-candidate">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h4 id={headingId} className="text-lg font-semibold">
            Suggestion {index + 1} of {count}: change {rules}
          </h4>
          <div className="flex flex-wrap gap-2">
            {tags.map((tag) => (
              <Badge key={tag} tone="info">
                {tag}
              </Badge>
            ))}
          </div>
        </div>
        <ul className="mt-3 list-disc space-y-2 pl-5">
          {candidate.changes.map((change) => (
            <li key={change.key}>{describeParameterChange(change.key, change.from, change.to)}</li>
          ))}
        </ul>
        <p className="mt-4 text-sm text-muted-foreground">
          After {days} simulated days: the median of {candidate.proposed.runs} runs of the network model, with
          the range 8 runs in 10 fall in.
        </p>
        <FiguresTable candidate={candidate} rows={rows} index={index} />
        <FiguresList rows={rows} />
        <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
          <Button asChild>
            <Link href={proposalHref(goal.id, candidate)}>
              Start a proposal from this<span className="sr-only"> (suggestion {index + 1})</span>
            </Link>
          </Button>
          <p className="text-sm text-muted-foreground">
            You still write the title and the reasons, and the community still votes.
          </p>
        </div>
      </article>
    </Card>
  );
}

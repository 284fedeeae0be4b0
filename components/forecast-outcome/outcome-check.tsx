import { Badge } from "@/components/ui/badge";
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
import { formatDate } from "@/lib/domain/format-time";
import { formatFigure } from "@/lib/domain/network-model/forecast-view";
import type { OutcomeCheck } from "@/lib/schemas/forecast-outcome";
import {
  checkSummary,
  forecastFigure,
  likelyRange,
  VERDICT_LABELS,
  VERDICT_SHORT_LABELS,
  VERDICT_TONES,
} from "./outcome-words";

type Checked = Extract<OutcomeCheck, { status: "checked" }>;

/** md and wider: one row per figure, so the figures can be compared at a glance. */
function CheckedTable({ check }: { check: Checked }) {
  return (
    <div className="hidden md:block">
      <Table regionLabel={`Forecast against what happened, first ${check.days} days`}>
        <TableCaption>
          Each figure’s mean over days 1–{check.days}: the forecast made when the proposal passed, and what
          the network really did from {formatDate(check.from)} to {formatDate(check.to)}. “Without it”: the
          forecast had the rules stayed as they were. “Result”: whether what happened lies within the
          forecast’s likely range.
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Figure</TableHead>
            <TableHead>Forecast if passed</TableHead>
            <TableHead>Without it</TableHead>
            <TableHead>What happened</TableHead>
            <TableHead>Result</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {check.metrics.map((metric) => (
            <TableRow key={metric.id} data-testid={`outcome-${metric.id}`}>
              <TableHead scope="row">{metric.label}</TableHead>
              <TableCell>
                {formatFigure(metric.unit, metric.forecast.median)}
                <span className="block text-muted-foreground">
                  likely {likelyRange(metric.unit, metric.forecast.p10, metric.forecast.p90)}
                </span>
              </TableCell>
              <TableCell>{formatFigure(metric.unit, metric.withoutChange)}</TableCell>
              <TableCell className="font-semibold">{formatFigure(metric.unit, metric.actual)}</TableCell>
              <TableCell>
                <Badge tone={VERDICT_TONES[metric.verdict]}>{VERDICT_SHORT_LABELS[metric.verdict]}</Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Narrower screens: one card per figure, nothing to scroll sideways. */
function CheckedCards({ check }: { check: Checked }) {
  return (
    <ul
      className="space-y-3 md:hidden"
      aria-label={`Forecast against what happened, first ${check.days} days (${formatDate(check.from)} – ${formatDate(check.to)})`}
    >
      {check.metrics.map((metric) => (
        <li
          key={metric.id}
          className="rounded-lg border border-border bg-surface p-4"
          data-testid={`outcome-card-${metric.id}`}
        >
          <p className="font-semibold">{metric.label}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Forecast if passed</dt>
            <dd>{forecastFigure(metric.unit, metric.forecast)}</dd>
            <dt className="text-muted-foreground">Without the change</dt>
            <dd>{formatFigure(metric.unit, metric.withoutChange)}</dd>
            <dt className="text-muted-foreground">What happened</dt>
            <dd className="font-semibold">{formatFigure(metric.unit, metric.actual)}</dd>
          </dl>
          <p className="mt-2">
            <Badge tone={VERDICT_TONES[metric.verdict]}>{VERDICT_LABELS[metric.verdict]}</Badge>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** One check of "Did it work?": its date while it waits, else the figures compared. */
export function OutcomeCheckView({ check, isFirst }: { check: OutcomeCheck; isFirst: boolean }) {
  const title = `After ${formatNumber(check.days)} days`;
  if (check.status === "scheduled") {
    return (
      <div data-testid={`outcome-check-${check.days}`}>
        <h3 className="text-lg font-semibold">{title}</h3>
        <p className="mt-1 text-muted-foreground">
          {check.on
            ? `The ${isFirst ? "first" : `${check.days}-day`} check is on ${formatDate(check.on)}, once ${check.days} whole days under the new rules have been counted.`
            : `The ${isFirst ? "first" : `${check.days}-day`} check is ${check.days} days after the change takes effect.`}
        </p>
      </div>
    );
  }
  if (check.status === "waiting") {
    return (
      <div data-testid={`outcome-check-${check.days}`}>
        <h3 className="text-lg font-semibold">{title}</h3>
        <p className="mt-1 text-muted-foreground">
          This check was due on {formatDate(check.on)}; {formatNumber(check.daysCounted)} of its {check.days}{" "}
          days have had their rewards worked out so far. It appears once the rest have.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid={`outcome-check-${check.days}`}>
      <h3 className="text-lg font-semibold">
        {title}: {formatDate(check.from)} – {formatDate(check.to)}
      </h3>
      <p className="text-lg font-semibold" data-testid={`outcome-summary-${check.days}`}>
        {checkSummary(check)}.
      </p>
      <CheckedTable check={check} />
      <CheckedCards check={check} />
      {check.overlapping.length > 0 ? (
        <p
          role="note"
          className="rounded-md border border-warning-fg bg-warning-bg p-3 text-sm text-warning-fg"
        >
          Another change took effect during these days (
          {check.overlapping
            .map((version) => `config version ${version.version} on ${formatDate(version.activatedAt)}`)
            .join(", ")}
          ), so the real figures show both changes together.
        </p>
      ) : null}
    </div>
  );
}

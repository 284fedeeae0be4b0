"use client";

import { useId, useState } from "react";
import { ChartTable } from "@/components/charts/chart-card";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/class-names";
import type { BacktestSummary, MetricForecast } from "@/lib/schemas/forecast";
import { BandChart } from "./band-chart";
import { FORECAST_COLORS } from "./forecast-colors";
import {
  backtestLine,
  bandChartRows,
  describeBandChart,
  formatBandRange,
  formatMetricValue,
} from "./forecast-format";

type HeadingTag = "h3" | "h4" | "h5";

/** The legend, in the page's text so it reads without the chart: line style as well as colour. */
function Legend() {
  const swatch = (color: string, dashed: boolean) => (
    <svg aria-hidden="true" width="28" height="12" className="shrink-0">
      <rect x="0" y="1" width="28" height="10" fill={color} fillOpacity={0.18} />
      <line
        x1="0"
        y1="6"
        x2="28"
        y2="6"
        stroke={color}
        strokeWidth={dashed ? 2 : 2.5}
        strokeDasharray={dashed ? "6 4" : undefined}
      />
    </svg>
  );
  return (
    <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-muted-foreground">
      <li className="flex items-center gap-2">{swatch(FORECAST_COLORS.proposed, false)} Proposed values</li>
      <li className="flex items-center gap-2">{swatch(FORECAST_COLORS.current, true)} Current rules</li>
      <li>Line: the median · shade: 8 runs in 10</li>
    </ul>
  );
}

/**
 * One metric of a forecast: its sentence, the model's backtest error beside it, and the current rules
 * against the proposed values as a chart or, at the press of "Table view", as numbers per day.
 */
export function MetricForecastCard({
  metric,
  backtest,
  headingAs,
}: {
  metric: MetricForecast;
  backtest: BacktestSummary | null;
  headingAs: HeadingTag;
}) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const Heading = headingAs;
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const rows = bandChartRows(metric);
  return (
    // The table needs the room of both columns; the chart fits one.
    <Card
      className={cx("min-w-0", showTable ? "md:col-span-2" : null)}
      data-testid="metric-forecast"
      data-metric={metric.id}
    >
      <section aria-labelledby={titleId}>
        <div className="flex items-start justify-between gap-3">
          <Heading id={titleId} className="min-w-0 flex-1 text-lg leading-snug font-semibold">
            {metric.label}
          </Heading>
          <button
            type="button"
            aria-pressed={showTable}
            onClick={() => setShowTable((shown) => !shown)}
            className={cx(
              "inline-flex min-h-9 shrink-0 items-center rounded-md border px-3 text-sm font-medium",
              showTable
                ? "border-accent bg-accent text-accent-foreground"
                : "border-border-strong bg-surface text-foreground hover:bg-surface-muted",
            )}
          >
            Table view<span className="sr-only">: {metric.label}</span>
          </button>
        </div>
        <p className="mt-2" data-testid="metric-sentence">
          {metric.sentence}
        </p>
        <p className="mt-1 text-sm text-muted-foreground" data-testid="metric-backtest">
          {backtestLine(metric, backtest)}
        </p>
        {showTable ? (
          <div className="mt-4">
            <ChartTable
              label={`${metric.label}, per simulated day`}
              caption={`${metric.label}: the median of the runs on each simulated day, and the range 8 runs in 10 fell in.`}
              columns={["Day", "Proposed", "Proposed, likely", "Current", "Current, likely"]}
              rows={rows.map((row) => ({
                key: row.day,
                cells: [
                  `Day ${row.day}`,
                  row.proposed === null ? "—" : formatMetricValue(row.proposed, metric.unit),
                  row.proposedBand
                    ? formatBandRange({ p10: row.proposedBand[0], p90: row.proposedBand[1] }, metric.unit)
                    : "—",
                  row.current === null ? "—" : formatMetricValue(row.current, metric.unit),
                  row.currentBand
                    ? formatBandRange({ p10: row.currentBand[0], p90: row.currentBand[1] }, metric.unit)
                    : "—",
                ],
              }))}
            />
          </div>
        ) : (
          <>
            <Legend />
            <div className="mt-2">
              <BandChart metric={metric} label={metric.label} descriptionId={descriptionId} />
            </div>
            <p id={descriptionId} className="sr-only">
              {describeBandChart(metric)}
            </p>
          </>
        )}
      </section>
    </Card>
  );
}

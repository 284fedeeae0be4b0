"use client";

import { useMemo, useState } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_MARGIN, CHART_TOOLTIP_STYLE } from "@/components/charts/chart-style";
import type { MetricForecast } from "@/lib/schemas/forecast";
import type { BandChartOptions } from "./band-chart";
import { FORECAST_COLORS } from "./forecast-colors";
import {
  bandChartMax,
  bandChartRows,
  downsampleRows,
  formatBandRange,
  formatMetricTick,
  formatMetricValue,
  niceAxis,
  type BandChartRow,
} from "./forecast-format";

// The value axis and the margins take about this much of the chart's width; the rest is the plot.
const AXIS_WIDTH_PX = 56;
const BAND_OPACITY = 0.18;

function DayTooltip({
  active,
  label,
  rows,
  unit,
}: {
  active?: boolean;
  label?: unknown;
  rows: ReadonlyMap<number, BandChartRow>;
  unit: MetricForecast["unit"];
}) {
  const row = rows.get(Number(label));
  if (!active || !row) return null;
  const line = (name: string, median: number | null, band: [number, number] | null) =>
    median === null ? null : (
      <p>
        {name}: {formatMetricValue(median, unit)}
        {band ? ` (likely ${formatBandRange({ p10: band[0], p90: band[1] }, unit)})` : null}
      </p>
    );
  return (
    <div style={CHART_TOOLTIP_STYLE} className="max-w-64 rounded-md border px-3 py-2 text-sm shadow-sm">
      <p className="font-semibold">Day {row.day}</p>
      {line("Proposed", row.proposed, row.proposedBand)}
      {line("Current", row.current, row.currentBand)}
    </div>
  );
}

export default function BandPlot({ metric }: BandChartOptions) {
  const [width, setWidth] = useState<number | null>(null);
  const allRows = useMemo(() => bandChartRows(metric), [metric]);
  // At most one point per pixel of the plot: long forecasts are thinned with LTTB, 30 days never are.
  const rows = useMemo(
    () =>
      width === null ? allRows : downsampleRows(allRows, Math.max(2, Math.floor(width - AXIS_WIDTH_PX))),
    [allRows, width],
  );
  const byDay = useMemo(() => new Map(rows.map((row) => [row.day, row])), [rows]);
  const axis = useMemo(() => niceAxis(bandChartMax(allRows), metric.unit), [allRows, metric.unit]);
  const firstDay = rows[0]?.day ?? 1;
  const lastDay = rows[rows.length - 1]?.day ?? 1;
  const ticks = dayTicks(firstDay, lastDay);

  return (
    <ResponsiveContainer width="100%" height="100%" onResize={(newWidth) => setWidth(newWidth)}>
      <ComposedChart data={rows} accessibilityLayer={false} margin={{ ...CHART_MARGIN, bottom: 20 }}>
        <CartesianGrid stroke={FORECAST_COLORS.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="day"
          type="number"
          domain={[firstDay, lastDay]}
          ticks={ticks}
          allowDecimals={false}
          stroke={FORECAST_COLORS.axis}
          label={{
            value: "Simulated day",
            position: "insideBottom",
            offset: -14,
            fill: FORECAST_COLORS.axis,
            fontSize: 12,
          }}
        />
        <YAxis
          domain={[0, axis.top]}
          ticks={axis.ticks}
          tickFormatter={(value: number) => formatMetricTick(value, metric.unit)}
          stroke={FORECAST_COLORS.axis}
          width="auto"
        />
        <Tooltip
          content={({ active, label }) => (
            <DayTooltip active={active} label={label} rows={byDay} unit={metric.unit} />
          )}
        />
        <Area
          dataKey="currentBand"
          name="Current rules, 10–90 %"
          stroke="none"
          fill={FORECAST_COLORS.current}
          fillOpacity={BAND_OPACITY}
          isAnimationActive={false}
          activeDot={false}
        />
        <Area
          dataKey="proposedBand"
          name="Proposed values, 10–90 %"
          stroke="none"
          fill={FORECAST_COLORS.proposed}
          fillOpacity={BAND_OPACITY}
          isAnimationActive={false}
          activeDot={false}
        />
        <Line
          dataKey="proposed"
          name="Proposed values"
          type="linear"
          stroke={FORECAST_COLORS.proposed}
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
        {/* Dashed and on top, so it stays visible where the two medians coincide. */}
        <Line
          dataKey="current"
          name="Current rules"
          type="linear"
          stroke={FORECAST_COLORS.current}
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** Day 1 and then every 5th (or 10th, …) day up to the last, so a phone's axis does not crowd. */
function dayTicks(first: number, last: number): number[] {
  const span = last - first;
  const step = span <= 10 ? 1 : span <= 40 ? 5 : Math.ceil(span / 8 / 10) * 10;
  const ticks = [first];
  for (let day = Math.ceil((first + 1) / step) * step; day <= last; day += step) ticks.push(day);
  return ticks;
}

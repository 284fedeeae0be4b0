"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate, formatDateTime } from "@/lib/domain/format-time";
import { CHART_COLORS, CHART_MARGIN, CHART_TOOLTIP_STYLE, formatChartValue } from "./chart-style";
import type { TimeSeriesOptions } from "./time-series-chart";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_TICKS = 6;
// Tick spacings people read at a glance: whole hours, then whole days.
const TICK_STEPS = [1, 2, 3, 6, 12]
  .map((hours) => hours * HOUR_MS)
  .concat([1, 2, 7, 14].map((days) => days * DAY_MS));

function timeTicks(first: number, last: number): { ticks: number[] | undefined; step: number } {
  const span = last - first;
  const step =
    TICK_STEPS.find((candidate) => span / candidate <= MAX_TICKS) ??
    Math.ceil(span / MAX_TICKS / DAY_MS) * DAY_MS;
  const ticks: number[] = [];
  for (let at = Math.ceil(first / step) * step; at <= last; at += step) ticks.push(at);
  return { ticks: ticks.length > 1 ? ticks : undefined, step };
}

function tickLabel(at: number, { step, span }: { step: number; span: number }): string {
  const date = new Date(at);
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  const day = `${date.getUTCDate()}/${date.getUTCMonth() + 1}`;
  if (step >= DAY_MS) return day;
  return span <= DAY_MS ? time : `${day} ${time}`;
}

export default function TimeSeriesPlot({ points, valueName, unit, maxValue, isDaily }: TimeSeriesOptions) {
  const first = points[0]?.at ?? 0;
  const last = points[points.length - 1]?.at ?? 0;
  const { ticks, step } = timeTicks(first, last);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} accessibilityLayer={false} margin={CHART_MARGIN}>
        <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          ticks={ticks}
          tickFormatter={(at: number) => tickLabel(at, { step, span: last - first })}
          stroke={CHART_COLORS.axis}
        />
        <YAxis
          domain={[0, maxValue ?? "auto"]}
          tickFormatter={(value: number) => formatChartValue(value, unit)}
          stroke={CHART_COLORS.axis}
          width="auto"
        />
        <Tooltip
          labelFormatter={(at) => (isDaily ? formatDate : formatDateTime)(new Date(Number(at)))}
          formatter={(value) => [formatChartValue(Number(value), unit), valueName]}
          contentStyle={CHART_TOOLTIP_STYLE}
        />
        <Line
          type="monotone"
          dataKey="value"
          stroke={CHART_COLORS.primary}
          strokeWidth={2}
          dot={points.length === 1}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

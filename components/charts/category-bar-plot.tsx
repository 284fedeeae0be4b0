"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { CategoryBarOptions } from "./category-bar-chart";
import { CHART_COLORS, CHART_MARGIN, CHART_TOOLTIP_STYLE, formatChartValue } from "./chart-style";

const LINE_AXIS = "line";
const VALUE_AXIS = "value";
// Beyond this many bars, dots on the line would merge into a smear.
const MAX_LINE_DOTS = 40;
const MAX_BAR_WIDTH = 64;
const MARKER_LABEL_SPACE = 24;

export default function CategoryBarPlot({
  bars,
  valueName,
  unit,
  maxValue,
  line,
  marker,
}: CategoryBarOptions) {
  const lineAxis = line?.hasOwnAxis ? LINE_AXIS : VALUE_AXIS;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        data={bars}
        accessibilityLayer={false}
        margin={marker ? { ...CHART_MARGIN, top: MARKER_LABEL_SPACE } : CHART_MARGIN}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" stroke={CHART_COLORS.axis} />
        <YAxis
          yAxisId={VALUE_AXIS}
          domain={[0, maxValue ?? "auto"]}
          tickFormatter={(value: number) => formatChartValue(value, unit)}
          stroke={CHART_COLORS.axis}
          width="auto"
        />
        {line?.hasOwnAxis ? (
          <YAxis
            yAxisId={LINE_AXIS}
            orientation="right"
            domain={[0, line.maxValue ?? "auto"]}
            tickFormatter={(value: number) => formatChartValue(value, line.unit, 2)}
            stroke={CHART_COLORS.secondary}
            width="auto"
          />
        ) : null}
        <Tooltip
          formatter={(value, name) =>
            line && name === line.name
              ? [formatChartValue(Number(value), line.unit, 2), name]
              : [formatChartValue(Number(value), unit), name]
          }
          contentStyle={CHART_TOOLTIP_STYLE}
          cursor={{ fill: "var(--surface-muted)" }}
        />
        {line ? <Legend verticalAlign="top" height={28} /> : null}
        <Bar
          yAxisId={VALUE_AXIS}
          dataKey="value"
          name={valueName}
          fill={CHART_COLORS.primary}
          maxBarSize={MAX_BAR_WIDTH}
          isAnimationActive={false}
        />
        {line ? (
          <Line
            yAxisId={lineAxis}
            dataKey="line"
            name={line.name}
            type="linear"
            stroke={CHART_COLORS.secondary}
            strokeWidth={2}
            strokeDasharray={line.isLimit ? "6 4" : undefined}
            dot={!line.isLimit && bars.length <= MAX_LINE_DOTS}
            isAnimationActive={false}
          />
        ) : null}
        {marker ? (
          <ReferenceLine
            yAxisId={VALUE_AXIS}
            x={marker.category}
            position="start"
            stroke={CHART_COLORS.secondary}
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{ value: marker.name, position: "top", fill: CHART_COLORS.text, fontSize: 12 }}
          />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

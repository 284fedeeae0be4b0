"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatPercent } from "@/lib/domain/format-percent";
import { CHART_COLORS, CHART_TOOLTIP_STYLE } from "./chart-style";
import type { LorenzPoint } from "./lorenz-chart";

const QUARTERS = [0, 0.25, 0.5, 0.75, 1];

export default function LorenzPlot({ points }: { points: LorenzPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 20, left: 0 }}>
        <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="population"
          type="number"
          domain={[0, 1]}
          ticks={QUARTERS}
          tickFormatter={formatPercent}
          stroke={CHART_COLORS.axis}
          label={{
            value: "Share of nodes, smallest first",
            position: "insideBottom",
            offset: -14,
            fill: CHART_COLORS.axis,
            fontSize: 12,
          }}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          ticks={QUARTERS}
          tickFormatter={formatPercent}
          stroke={CHART_COLORS.axis}
          width="auto"
        />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke={CHART_COLORS.axis}
          strokeDasharray="6 4"
        />
        <Tooltip
          labelFormatter={(population) => `Smallest ${formatPercent(Number(population))} of nodes`}
          formatter={(share) => [formatPercent(Number(share)), "Share of data served"]}
          contentStyle={CHART_TOOLTIP_STYLE}
        />
        <Line
          type="linear"
          dataKey="share"
          stroke={CHART_COLORS.primary}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

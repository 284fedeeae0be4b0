"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime } from "@/lib/domain/format-time";
import type { CoveragePoint } from "./coverage-chart";

const DAY_MS = 86_400_000;

function tickLabel(at: number, spanMs: number): string {
  const date = new Date(at);
  const hours = String(date.getUTCHours()).padStart(2, "0");
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  return spanMs <= DAY_MS ? `${hours}:${minutes}` : `${date.getUTCDate()}/${date.getUTCMonth() + 1}`;
}

export default function CoverageLineChart({ points, spanMs }: { points: CoveragePoint[]; spanMs: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          tickFormatter={(at: number) => tickLabel(at, spanMs)}
          stroke="var(--muted-foreground)"
        />
        <YAxis
          domain={[0, 100]}
          tickFormatter={(percent: number) => `${percent} %`}
          stroke="var(--muted-foreground)"
          width={56}
        />
        <Tooltip
          labelFormatter={(at) => formatDateTime(new Date(Number(at)))}
          formatter={(percent) => [`${Number(percent).toFixed(1)} %`, "Coverage"]}
          contentStyle={{
            background: "var(--surface)",
            borderColor: "var(--border)",
            color: "var(--foreground)",
          }}
        />
        <Line
          type="monotone"
          dataKey="percent"
          stroke="var(--accent)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DistributionBar } from "./vote-distribution-chart";

export default function VoteDistributionBarChart({ bars }: { bars: DistributionBar[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="votes"
          tickFormatter={(votes: number) => (votes > 0 ? `+${votes}` : String(votes))}
          stroke="var(--muted-foreground)"
        />
        <YAxis allowDecimals={false} stroke="var(--muted-foreground)" width={40} />
        <Tooltip
          labelFormatter={(votes) => `${Number(votes) > 0 ? "+" : ""}${votes} votes`}
          formatter={(operators) => [String(operators), "Operators"]}
          contentStyle={{
            background: "var(--surface)",
            borderColor: "var(--border)",
            color: "var(--foreground)",
          }}
        />
        <Bar dataKey="operators" isAnimationActive={false}>
          {bars.map((bar) => (
            <Cell key={bar.votes} fill={bar.votes > 0 ? "var(--success-fg)" : "var(--danger-fg)"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

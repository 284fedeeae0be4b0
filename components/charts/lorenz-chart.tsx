"use client";

import dynamic from "next/dynamic";
import { ChartFrame, ChartSkeleton } from "./chart-frame";

export interface LorenzPoint {
  /** Share of nodes, smallest contributors first (0–1). */
  population: number;
  /** Share of the total those nodes contribute (0–1). */
  share: number;
}

// Recharts is large and draws from the browser's layout: loaded only in the browser, after the page.
const LorenzPlot = dynamic(() => import("./lorenz-plot"), { ssr: false, loading: ChartSkeleton });

/** A Lorenz curve against the line of perfect equality; the further it sags, the more concentrated. */
export function LorenzChart({ points, label }: { points: LorenzPoint[]; label: string }) {
  return (
    <ChartFrame label={label}>
      <LorenzPlot points={points} />
    </ChartFrame>
  );
}

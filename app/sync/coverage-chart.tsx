"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

export interface CoveragePoint {
  /** Epoch milliseconds. */
  at: number;
  /** Share of nodes synced, 0 to 100. */
  percent: number;
}

// Recharts is large and draws from the browser's layout: loaded only in the browser, after the page.
const CoverageLineChart = dynamic(() => import("./coverage-line-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-64 w-full" />,
});

/** The coverage line; the page gives the same data as a sentence and as a table beside it. */
export function CoverageChart({
  points,
  spanMs,
  label,
}: {
  points: CoveragePoint[];
  spanMs: number;
  /** What the chart shows in words, for screen readers. */
  label: string;
}) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <CoverageLineChart points={points} spanMs={spanMs} />
    </div>
  );
}

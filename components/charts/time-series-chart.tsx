"use client";

import dynamic from "next/dynamic";
import { ChartFrame, ChartSkeleton } from "./chart-frame";

export interface TimePoint {
  /** Epoch milliseconds. */
  at: number;
  value: number;
}

export interface TimeSeriesOptions {
  points: TimePoint[];
  /** What the value is, for the tooltip: "Coverage". */
  valueName: string;
  /** Shown after each value: "%", "GB". */
  unit?: string;
  /** Top of the value axis; fitted to the data when left out. */
  maxValue?: number;
  /** Points are whole days, so times show as dates. */
  isDaily?: boolean;
}

// Recharts is large and draws from the browser's layout: loaded only in the browser, after the page.
const TimeSeriesPlot = dynamic(() => import("./time-series-plot"), { ssr: false, loading: ChartSkeleton });

/** One value over time as a line; the page gives the same data as a sentence and a table beside it. */
export function TimeSeriesChart({ label, ...options }: TimeSeriesOptions & { label: string }) {
  return (
    <ChartFrame label={label}>
      <TimeSeriesPlot {...options} />
    </ChartFrame>
  );
}

"use client";

import dynamic from "next/dynamic";
import { ChartSkeleton } from "@/components/charts/chart-frame";
import type { MetricForecast } from "@/lib/schemas/forecast";

export interface BandChartOptions {
  metric: MetricForecast;
}

// Recharts is large and draws from the browser's layout: loaded only in the browser, after the page.
const BandPlot = dynamic(() => import("./band-plot"), { ssr: false, loading: ChartSkeleton });

/**
 * Current rules against the proposed values over the simulated days: each a median line with its 10–90 %
 * band. To assistive technology an image named by the metric and described in words.
 */
export function BandChart({
  metric,
  label,
  descriptionId,
}: BandChartOptions & { label: string; descriptionId: string }) {
  return (
    <div role="img" aria-label={label} aria-describedby={descriptionId} className="h-64 w-full">
      <BandPlot metric={metric} />
    </div>
  );
}

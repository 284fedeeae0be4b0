"use client";

import dynamic from "next/dynamic";
import { ChartFrame, ChartSkeleton } from "./chart-frame";

export interface CategoryBar {
  /** The category's name on the axis: "Round 3", "0.2–0.3". */
  label: string;
  value: number;
  /** The second measure at this category, drawn as a line over the bars. */
  line?: number;
}

export interface CategoryBarOptions {
  bars: CategoryBar[];
  /** What a bar's value is, for the tooltip: "Nodes". */
  valueName: string;
  unit?: string;
  /** Top of the value axis; fitted to the data when left out. */
  maxValue?: number;
  /** How to draw the bars' `line` values: a limit on the bars' own axis, or a measure with an axis of its own. */
  line?: { name: string; unit?: string; hasOwnAxis?: boolean; maxValue?: number; isLimit?: boolean };
  /** A vertical marker at the start of one category, such as a threshold. */
  marker?: { category: string; name: string };
}

// Recharts is large and draws from the browser's layout: loaded only in the browser, after the page.
const CategoryBarPlot = dynamic(() => import("./category-bar-plot"), { ssr: false, loading: ChartSkeleton });

/** Bars per category (histogram bins, rounds, epochs), optionally with a line and a marker. */
export function CategoryBarChart({ label, ...options }: CategoryBarOptions & { label: string }) {
  return (
    <ChartFrame label={label}>
      <CategoryBarPlot {...options} />
    </ChartFrame>
  );
}

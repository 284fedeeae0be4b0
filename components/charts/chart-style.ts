import type { CSSProperties } from "react";
import { formatNumber } from "@/lib/domain/format-number";

/** Theme colours as CSS variables, so every chart follows the light and dark palettes. */
export const CHART_COLORS = {
  primary: "var(--accent)",
  secondary: "var(--warning-fg)",
  grid: "var(--border)",
  axis: "var(--muted-foreground)",
  text: "var(--foreground)",
} as const;

export const CHART_MARGIN = { top: 8, right: 16, bottom: 8, left: 0 } as const;

export const CHART_TOOLTIP_STYLE: CSSProperties = {
  background: "var(--surface)",
  borderColor: "var(--border)",
  color: "var(--foreground)",
};

/** A value with its unit for ticks and tooltips: (12.34, "GB") → "12.3 GB". */
export function formatChartValue(value: number, unit?: string, maxFractionDigits = 1): string {
  const text = formatNumber(value, { maxFractionDigits });
  return unit ? `${text} ${unit}` : text;
}

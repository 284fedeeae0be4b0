import { CHART_COLORS } from "@/components/charts/chart-style";

/**
 * The forecast charts' palette (theme variables, light and dark): the proposed values in the accent colour
 * with a solid line, the current rules in the muted text colour with a dashed line, so the two differ in
 * more than colour.
 */
export const FORECAST_COLORS = {
  proposed: CHART_COLORS.primary,
  current: CHART_COLORS.axis,
  grid: CHART_COLORS.grid,
  axis: CHART_COLORS.axis,
} as const;

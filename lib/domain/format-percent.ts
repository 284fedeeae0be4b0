import { formatNumber } from "@/lib/domain/format-number";

/** A share as a percentage to one decimal: 0.875 → "87.5 %", 1 → "100 %". */
export function formatPercent(share: number): string {
  return `${formatNumber(share * 100, { maxFractionDigits: 1 })} %`;
}

import { formatNumber } from "@/lib/domain/format-number";

export type ParameterKind = "integer" | "decimal" | "share";

export type AmountStyle = {
  readonly kind: ParameterKind;
  readonly unit: string;
  readonly minFractionDigits: number;
};

/** Units that are plain numbers to a reader: the value is shown without a suffix. */
const UNITLESS = new Set(["ratio", "rating"]);
const SINGULAR: Readonly<Record<string, string>> = { days: "day", hours: "hour" };

/** The bare number as shown: shares as a percentage, everything else in its own unit. */
export function formatAmountNumber(style: AmountStyle, value: number): string {
  if (style.kind === "share") return formatNumber(value * 100, { maxFractionDigits: 4 });
  if (style.kind === "integer") return formatNumber(value, { maxFractionDigits: 6 });
  return formatNumber(value, { minFractionDigits: style.minFractionDigits, maxFractionDigits: 6 });
}

/** The unit as written after a number, or "" when the value reads as a plain number. */
export function amountSuffix(style: AmountStyle, value: number): string {
  if (style.kind === "share") return "%";
  if (UNITLESS.has(style.unit)) return "";
  return value === 1 ? (SINGULAR[style.unit] ?? style.unit) : style.unit;
}

/** A value with its unit, e.g. "1.0 credits/GB", "10 %", "48 hours", "50,000 credits". */
export function formatAmount(style: AmountStyle, value: number): string {
  const suffix = amountSuffix(style, value);
  const number = formatAmountNumber(style, value);
  return suffix ? `${number} ${suffix}` : number;
}

/** A bound as written in rules and errors: no padded decimals, and shares also as the number to enter. */
export function formatLimit(style: AmountStyle, value: number): string {
  const plain = formatAmount({ ...style, minFractionDigits: 0 }, value);
  return style.kind === "share" ? `${plain} (${formatNumber(value, { maxFractionDigits: 6 })})` : plain;
}

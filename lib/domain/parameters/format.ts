import { PARAMETERS, type ParameterKey } from "@/lib/domain/parameters/catalogue";
import {
  amountSuffix,
  formatAmount,
  formatAmountNumber,
  formatLimit,
} from "@/lib/domain/parameters/format-amount";
import { formatNumber } from "@/lib/domain/format-number";

/** A parameter value as people read it: "1.0 credits/GB", "10 %", "48 hours", "50,000 credits". */
export function formatParameterValue(key: ParameterKey, value: number): string {
  return formatAmount(PARAMETERS[key], value);
}

/** The allowed range, e.g. "0 – 100 credits/GB", "0 – 50 %". */
export function formatParameterRange(key: ParameterKey): string {
  const style = { ...PARAMETERS[key], minFractionDigits: 0 };
  const suffix = amountSuffix(style, style.max);
  const range = `${formatAmountNumber(style, style.min)} – ${formatAmountNumber(style, style.max)}`;
  return suffix ? `${range} ${suffix}` : range;
}

/** A bound as written in rules and errors, e.g. "100 credits/GB", "50 % (0.5)". */
export function formatParameterLimit(key: ParameterKey, value: number): string {
  return formatLimit(PARAMETERS[key], value);
}

/** "the pay per GB served": the label inside a sentence. */
function labelInSentence(label: string): string {
  return `the ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** The size of a change: percentage points for shares, a relative percentage otherwise; none from 0 or for no change. */
export function formatParameterChangeSize(key: ParameterKey, from: number, to: number): string | null {
  if (from === to) return null;
  const sign = to > from ? "+" : "−";
  if (PARAMETERS[key].kind === "share") {
    const points = formatNumber(Math.abs(to - from) * 100, { maxFractionDigits: 4 });
    return `${sign}${points} percentage ${points === "1" ? "point" : "points"}`;
  }
  if (from === 0) return null;
  const percent = (Math.abs(to - from) / Math.abs(from)) * 100;
  return percent < 0.05
    ? `${sign}less than 0.1 %`
    : `${sign}${formatNumber(percent, { maxFractionDigits: 1 })} %`;
}

/** The plain-language diff line for one parameter: what changes, by how much, and what that does to nodes. */
export function describeParameterChange(key: ParameterKey, from: number, to: number): string {
  const parameter = PARAMETERS[key];
  const subject = labelInSentence(parameter.label);
  const fromText = formatParameterValue(key, from);
  const toText = formatParameterValue(key, to);
  if (from === to) return `Keep ${subject} at ${toText} (no change).`;
  const verb = to > from ? "Raise" : "Lower";
  const size = formatParameterChangeSize(key, from, to);
  const effect = to > from ? parameter.whenRaised : parameter.whenLowered;
  return `${verb} ${subject} from ${fromText} to ${toText}${size ? ` (${size})` : ""}. ${effect}`;
}

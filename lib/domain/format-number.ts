export type NumberFormat = { minFractionDigits?: number; maxFractionDigits?: number };

/** Formats a number with "," thousands grouping and "." decimals, independent of the machine locale. */
export function formatNumber(
  value: number,
  { minFractionDigits = 0, maxFractionDigits = 6 }: NumberFormat = {},
) {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(Math.max(minFractionDigits, maxFractionDigits));
  // toFixed falls back to exponent notation from 1e21 upwards; grouping such a string would garble it.
  if (fixed.includes("e")) return String(value);
  const [whole = "0", fraction = ""] = fixed.split(".");
  let digits = fraction;
  while (digits.length > minFractionDigits && digits.endsWith("0")) digits = digits.slice(0, -1);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = digits.length > 0 ? `${grouped}.${digits}` : grouped;
  const isZero = /^[0,.]*$/.test(body);
  return value < 0 && !isZero ? `-${body}` : body;
}

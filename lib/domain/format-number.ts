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

const DATA_UNITS = [
  { unit: "PB", gigabytes: 1_000_000 },
  { unit: "TB", gigabytes: 1_000 },
  { unit: "GB", gigabytes: 1 },
  { unit: "MB", gigabytes: 0.001 },
] as const;
const SMALLEST_DATA_UNIT = DATA_UNITS[3];

/** An amount of data given in GB (10⁹ bytes), in the largest unit that keeps it ≥ 1, to three significant digits: "72.1 TB". */
export function formatDataSize(gigabytes: number): string {
  const size = DATA_UNITS.find(({ gigabytes: per }) => Math.abs(gigabytes) >= per) ?? SMALLEST_DATA_UNIT;
  const scaled = gigabytes / size.gigabytes;
  const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${formatNumber(scaled, { maxFractionDigits: digits })} ${size.unit}`;
}

import { MICRO_CREDITS_PER_CREDIT } from "@/lib/domain/rewards/compute-epoch";

const DAY_SECONDS = 86_400;
const BYTES_PER_GB = 1_000_000_000n;

/** One node's epoch as the CSV export lists it. */
export interface LedgerCsvRow {
  day: Date;
  nodeId: string;
  nodeName: string;
  classification: string;
  uptimeSeconds: number;
  /** Bytes served as the node claimed them, of those the bytes peers confirmed, and the bytes paid for. */
  bytesUp: bigint;
  corroboratedBytesUp: bigint;
  paidBytesUp: bigint;
  bytesDown: bigint;
  unscaledMicro: bigint;
  rewardMicro: bigint;
  ratingBefore: number;
  rating: number;
  score: number;
  configVersion: number;
}

export const LEDGER_CSV_HEADER = [
  "Epoch day",
  "Node id",
  "Node name",
  "Classification",
  "Uptime %",
  "GB served (claimed)",
  "GB confirmed by peers",
  "GB paid for",
  "GB downloaded",
  "Reward before cap (credits)",
  "Reward paid (credits)",
  "Rating before",
  "Rating after",
  "Score",
  "Config version",
] as const;

/** Characters a spreadsheet may read as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that cannot run as a spreadsheet formula: one starting with = + - @ (or tab, CR) gets a leading '. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes doubled. */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** `value ÷ unit` written exactly in decimal without trailing zeros: (1_500_000n, 1_000_000n) → "1.5". */
export function formatExactRatio(value: bigint, unit: bigint): string {
  const sign = value < 0n ? "-" : "";
  const magnitude = value < 0n ? -value : value;
  const whole = magnitude / unit;
  const digits = unit.toString().length - 1;
  const fraction = (magnitude % unit).toString().padStart(digits, "0").replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** A measured number to at most `digits` decimals, plain (no grouping, no exponent): 0.52000001 → "0.52". */
function formatPlain(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  const trimmed = fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
  return trimmed === "-0" ? "0" : trimmed;
}

function ledgerCsvCells(row: LedgerCsvRow): string[] {
  const micro = BigInt(MICRO_CREDITS_PER_CREDIT);
  return [
    row.day.toISOString().slice(0, 10),
    neutraliseFormula(row.nodeId),
    neutraliseFormula(row.nodeName),
    neutraliseFormula(row.classification),
    formatPlain((row.uptimeSeconds / DAY_SECONDS) * 100, 2),
    formatExactRatio(row.bytesUp, BYTES_PER_GB),
    formatExactRatio(row.corroboratedBytesUp, BYTES_PER_GB),
    formatExactRatio(row.paidBytesUp, BYTES_PER_GB),
    formatExactRatio(row.bytesDown, BYTES_PER_GB),
    formatExactRatio(row.unscaledMicro, micro),
    formatExactRatio(row.rewardMicro, micro),
    formatPlain(row.ratingBefore, 6),
    formatPlain(row.rating, 6),
    formatPlain(row.score, 6),
    String(row.configVersion),
  ];
}

/** Starts the file so Excel reads it as UTF-8 (node names may hold any script). */
export const UTF8_BOM = "\uFEFF";

function csvLine(cells: readonly string[]): string {
  return `${cells.map(quoteCsvField).join(",")}\r\n`;
}

/** The CSV file's start: the UTF-8 byte-order mark and the header line. */
export function formatLedgerCsvHeader(): string {
  return UTF8_BOM + csvLine(LEDGER_CSV_HEADER);
}

/**
 * Ledger rows as RFC 4180 CSV lines (after formatLedgerCsvHeader), one per node and epoch, CRLF-terminated;
 * credits and GB are exact decimals, and no text cell can start a spreadsheet formula.
 */
export function formatLedgerCsvRows(rows: readonly LedgerCsvRow[]): string {
  return rows.map((row) => csvLine(ledgerCsvCells(row))).join("");
}

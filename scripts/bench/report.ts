import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** One benchmark's result, in the shape benchmarks.md gives; `ratio` is for the metric named first. */
export interface BenchResult {
  name: string;
  at: string;
  node: string;
  cpus: number;
  database: "sqlite" | "postgresql";
  params: Record<string, number | string>;
  metrics: Record<string, number>;
  baseline: { what: string } & Record<string, number | string>;
  ratio: number;
  /**
   * The product measured again in the same run with one setting changed (e.g. one it no longer ships
   * with), each with `ratio` = the product's figure ÷ the variant's for the metric named first.
   */
  variants?: Record<string, { what: string; ratio: number } & Record<string, number | string>>;
  /** Every measured repetition, for anyone who wants more than the medians. */
  runs?: Record<string, number>[];
}

export type BenchFields = Omit<BenchResult, "at" | "node" | "cpus">;

export const RESULTS_DIRECTORY = "bench-results";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile of `values`, `share` from 0 to 1 (0.95 for p95); NaN for no values. */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Writes bench-results/<name>.json and returns the full result. */
export function writeResult(fields: BenchFields): BenchResult {
  const result: BenchResult = {
    name: fields.name,
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.availableParallelism(),
    database: fields.database,
    params: fields.params,
    metrics: fields.metrics,
    baseline: fields.baseline,
    ratio: fields.ratio,
    variants: fields.variants,
    runs: fields.runs,
  };
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(path.join(RESULTS_DIRECTORY, `${fields.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** The short table printed after each benchmark: product figure, baseline figure where there is one. */
export function formatTable(result: BenchResult): string {
  const rows: [string, string, string][] = [["metric", "product", "baseline"]];
  for (const [key, value] of Object.entries(result.metrics)) {
    const baseline = result.baseline[key];
    rows.push([key, String(value), typeof baseline === "number" ? String(baseline) : ""]);
  }
  rows.push(["ratio", String(result.ratio), ""]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: [string, string, string]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  const variants = Object.entries(result.variants ?? {}).map(([name, { what, ratio, ...figures }]) => {
    const shown = Object.entries(figures).map(([key, value]) => `${key} ${value}`);
    return `variant ${name} (${what}): ${shown.join(", ")}; product ÷ variant ${ratio}`;
  });
  return [
    `${result.name} (${result.database}, ${result.cpus} CPUs, Node ${result.node}) — medians`,
    ...rows.map(line),
    `baseline: ${result.baseline.what}`,
    ...variants,
  ].join("\n");
}

/**
 * Benchmarks (../shared/docs/benchmarks.md): `npm run bench` runs them all, `npm run bench -- <name>`
 * the named ones. Each measures its own baseline in the same run and writes bench-results/<name>.json.
 * Adding a benchmark is one entry in BENCHMARKS: a module whose default export returns BenchFields.
 */
import { formatTable, writeResult, type BenchFields } from "./bench/report";

const BENCHMARKS: Record<string, () => Promise<{ default: () => Promise<BenchFields> }>> = {
  "sync-fanout": () => import("./bench/sync-fanout"),
  "ballot-ingest": () => import("./bench/ballot-ingest"),
  "tally-recount": () => import("./bench/tally-recount"),
  dashboard: () => import("./bench/dashboard"),
  "impact-sim": () => import("./bench/impact-sim"),
};

async function main(): Promise<number> {
  const requested = process.argv.slice(2).filter((argument) => !argument.startsWith("-"));
  const unknown = requested.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark ${unknown.join(", ")}. Available: ${Object.keys(BENCHMARKS).join(", ")}.`,
    );
    return 2;
  }
  const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);
  for (const name of names) {
    console.log(`▶ ${name}`);
    const { default: run } = await BENCHMARKS[name]!();
    const result = writeResult(await run());
    console.log(`${formatTable(result)}\nwritten to bench-results/${name}.json\n`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

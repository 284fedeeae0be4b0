/**
 * `npm run verify -- <base URL | export file>`: recomputes the audit hash chain, every closed round's
 * budgets, receipts, tallies and outcomes, and every frozen forecast's hash from the public exports alone
 * (it shares no code with the server). Exit codes: 0 everything matches, 1 a difference, 2 wrong usage or unreadable input.
 */
import { fetchExports, InputError, readExportFile, type LoadedExports } from "./verify/load-exports";
import { formatReport, reportOk } from "./verify/report";
import { verifyExports } from "./verify/verify-exports";

const USAGE = `Usage: npm run verify -- <base URL | export file>
  base URL     e.g. http://localhost:3000: fetches /api/v1/audit (every page) and, for every closed
               round, /api/v1/rounds/<id>/ballots and ?all=1, and the config versions before and after it,
               and for every frozen forecast /api/v1/proposals/<id>/frozen-forecast
  export file  a saved /api/v1/audit export, a round ballots export, a frozen forecast export, or a bundle
               {"audit": <audit export>, "rounds": [{"counted": <export>, "all": <?all=1 export>,
                "configs": {"base": <GET /api/v1/config/N-1>, "created": <GET /api/v1/config/N> | null}}],
                "forecasts": [<frozen forecast export>, …]}
Exit codes: 0 all checks pass, 1 a difference was found, 2 wrong usage or unreadable input.`;

async function load(target: string): Promise<LoadedExports> {
  if (/^https?:\/\//i.test(target)) {
    return fetchExports(target, (line) => process.stderr.write(`${line}\n`));
  }
  return readExportFile(target);
}

async function main(args: readonly string[]): Promise<number> {
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    process.stderr.write(
      `${args.length === 0 ? "Give one base URL or export file." : `Unexpected arguments: ${args.join(" ")}`}\n${USAGE}\n`,
    );
    return 2;
  }
  let loaded: LoadedExports;
  try {
    loaded = await load(args[0]!);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stdout.write(`Found: ${loaded.found}\n`);
  const report = "input" in loaded ? verifyExports(loaded.input) : reportOk([loaded.format]);
  process.stdout.write(`${formatReport(report)}\n`);
  return report.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

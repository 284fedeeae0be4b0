/** One thing the verifier found that differs from what it recomputed, and where. */
export interface Difference {
  /** e.g. "seq 12", "round r1, operator op7", "round r1, proposal p3". */
  where: string;
  what: string;
  expected?: unknown;
  found?: unknown;
}

export type CheckName =
  | "export format"
  | "audit chain"
  | "rounds covered"
  | "budgets"
  | "ballots"
  | "receipt chain"
  | "tallies"
  | "outcomes"
  | "ratification"
  | "config version"
  | "audit cross-check"
  | "frozen forecasts";

export interface CheckGroup {
  check: CheckName;
  /** Set for the per-round checks. */
  roundId?: string;
  /** Counts, e.g. "1,234 events, head 9f3c…". */
  summary: string;
  differences: Difference[];
  /** Why the check could not run on this input (not a failure). */
  skipped?: string;
}

export interface VerifyReport {
  groups: CheckGroup[];
  ok: boolean;
}

const MAX_SHOWN = 50;

export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}

export function shortHash(hash: string): string {
  return hash === "" ? '""' : /^[0-9a-f]{64}$/.test(hash) ? `${hash.slice(0, 8)}…` : hash;
}

function show(value: unknown): string {
  if (typeof value === "string")
    return /^[0-9a-f]{64}$/.test(value) ? shortHash(value) : JSON.stringify(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function formatDifference(difference: Difference): string {
  const values =
    "expected" in difference || "found" in difference
      ? `: expected ${show(difference.expected)}, found ${show(difference.found)}`
      : "";
  return `    ${difference.where}: ${difference.what}${values}`;
}

export function reportOk(groups: readonly CheckGroup[]): VerifyReport {
  return { groups: [...groups], ok: groups.every((group) => group.differences.length === 0) };
}

/** One line per check group (✓, ✗ or – for skipped) and under it every difference. */
export function formatReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const group of report.groups) {
    const title = group.roundId === undefined ? group.check : `round ${group.roundId} ${group.check}`;
    if (group.skipped) {
      lines.push(`– ${title}: skipped, ${group.skipped}`);
      continue;
    }
    const failed = group.differences.length > 0;
    const tail = failed ? `, ${count(group.differences.length, "difference")}` : "";
    lines.push(`${failed ? "✗" : "✓"} ${title}: ${group.summary}${tail}`);
    lines.push(...group.differences.slice(0, MAX_SHOWN).map(formatDifference));
    if (group.differences.length > MAX_SHOWN) {
      lines.push(`    … and ${count(group.differences.length - MAX_SHOWN, "more difference")}`);
    }
  }
  lines.push(
    report.ok
      ? "All checks passed: the chain and every tally recompute to what the server published."
      : "Differences found: the exports do not match what they claim (see ✗ above).",
  );
  return lines.join("\n");
}

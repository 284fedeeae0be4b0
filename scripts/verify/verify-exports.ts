import { checkAuditChain } from "./check-audit-chain";
import { checkFrozenForecasts } from "./check-frozen-forecasts";
import { checkRound } from "./check-round";
import type { AuditExport, FrozenForecastExport, RoundExports } from "./export-shapes";
import { count, reportOk, type CheckGroup, type Difference, type VerifyReport } from "./report";

/**
 * What was loaded: the audit chain, closed rounds and/or frozen forecasts. `rounds` (`forecasts`) undefined =
 * none were given (an audit export alone).
 */
export interface VerifyInput {
  audit?: AuditExport;
  rounds?: RoundExports[];
  forecasts?: FrozenForecastExport[];
}

const CLOSED_SUBJECT = /^round:(.+)$/;

/** Round ids the audit chain says closed, with the seq of their round.closed event. */
export function closedRoundIds(audit: AuditExport): Map<string, number> {
  const closed = new Map<string, number>();
  for (const event of audit.events) {
    const roundId = event.type === "round.closed" ? CLOSED_SUBJECT.exec(event.subject)?.[1] : undefined;
    if (roundId !== undefined && !closed.has(roundId)) closed.set(roundId, event.seq);
  }
  return closed;
}

/** Every round the chain closed has its exports, and every exported round closed in the chain. */
function checkRoundsCovered(audit: AuditExport, rounds: readonly RoundExports[]): CheckGroup {
  const differences: Difference[] = [];
  const closed = closedRoundIds(audit);
  const exported = new Set<string>();
  for (const { counted } of rounds) {
    const where = `round ${counted.roundId}`;
    if (exported.has(counted.roundId)) differences.push({ where, what: "is exported twice" });
    if (!closed.has(counted.roundId))
      differences.push({ where, what: "is exported but no round.closed event in the audit chain closed it" });
    exported.add(counted.roundId);
  }
  for (const [roundId, seq] of closed) {
    if (!exported.has(roundId)) {
      differences.push({
        where: `round ${roundId}`,
        what: `closed in the audit chain (seq ${seq}) but its ballots export is missing`,
      });
    }
  }
  return { check: "rounds covered", summary: count(closed.size, "closed round"), differences };
}

/**
 * Recomputes the audit chain, every round's ballots, receipts, tallies and outcomes, and every frozen
 * forecast's hash from the exports alone.
 */
export function verifyExports(input: VerifyInput): VerifyReport {
  const groups: CheckGroup[] = [];
  if (input.audit) groups.push(checkAuditChain(input.audit));
  if (input.audit && input.rounds) groups.push(checkRoundsCovered(input.audit, input.rounds));
  for (const round of input.rounds ?? []) groups.push(...checkRound(round, input.audit?.events));
  if (input.forecasts) groups.push(checkFrozenForecasts(input.forecasts, input.audit?.events));
  return reportOk(groups);
}

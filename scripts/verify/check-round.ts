import { checkAgainstAudit } from "./check-against-audit";
import { checkBallots } from "./check-ballots";
import { checkBudgets } from "./check-budgets";
import { checkRatification } from "./check-ratification";
import { checkReceiptChain } from "./check-receipt-chain";
import { checkOutcomes, checkTallies, recount } from "./check-tallies";
import type { AuditEvent, RoundExports } from "./export-shapes";
import type { CheckGroup } from "./report";

/** Every check of one closed round; `auditEvents` (the whole chain) enables the cross-check. */
export function checkRound(round: RoundExports, auditEvents?: readonly AuditEvent[]): CheckGroup[] {
  const recounted = recount(round.counted);
  return [
    checkBudgets(round.counted),
    checkBallots(round.counted),
    checkReceiptChain(round),
    checkTallies(round.counted, recounted),
    checkOutcomes(round.counted, recounted),
    ...checkRatification(round.counted, recounted, auditEvents, round.configs),
    checkAgainstAudit(round, auditEvents),
  ];
}

import { canonicalJson } from "@/lib/domain/governance/audit-event";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";

export interface BallotReceiptFields {
  roundId: string;
  operatorId: string;
  /** ISO-8601 UTC with milliseconds (Date.prototype.toISOString). */
  submittedAt: string;
  /** Normalised: sorted by proposalId, zero votes left out. */
  allocations: readonly BallotAllocation[];
}

/** The exact text a ballot receipt hashes: prevReceipt + "\n" + canonical({ roundId, operatorId, submittedAt, allocations }). */
export function ballotReceiptInput(prevReceipt: string, fields: BallotReceiptFields): string {
  const { roundId, operatorId, submittedAt, allocations } = fields;
  return `${prevReceipt}\n${canonicalJson({ roundId, operatorId, submittedAt, allocations })}`;
}

import type { RoundPhase } from "@/lib/domain/voting/round-phase";

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ratification considers a round's proposals by net votes, highest first, ties by proposal id. */
export function compareRatificationOrder(
  a: { net: number; id: string },
  b: { net: number; id: string },
): number {
  return b.net - a.net || compareIds(a.id, b.id);
}

interface ListedProposal {
  id: string;
  net: number;
  /** Epoch ms; 0 when unknown. */
  publishedAt: number;
}

/** A round lists its proposals in the order they were published while open, in ratification order once closed. */
export function compareRoundProposals(phase: RoundPhase, a: ListedProposal, b: ListedProposal): number {
  return phase === "closed"
    ? compareRatificationOrder(a, b)
    : a.publishedAt - b.publishedAt || compareIds(a.id, b.id);
}

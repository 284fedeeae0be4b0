import type { RoundBallotsExport } from "./export-shapes";

/** A proposal's totals as recounted from the counted ballots. */
export interface Recount {
  net: number;
  support: number;
  opposition: number;
  turnout: number;
}

/**
 * The vote rule of product.md: turnout ≥ quorum and net > 0, and for gov.* changes support ≥ supermajority × votes cast,
 * compared as a share (support ÷ cast) as the platform does: 0.55 × 100 is 55.00000000000001 in floating point.
 */
export function voteRule(tally: Recount, touchesGov: boolean, round: RoundBallotsExport): string | null {
  if (tally.turnout < round.quorum) return `turnout ${tally.turnout} is below the quorum ${round.quorum}`;
  if (tally.net <= 0) return `net ${tally.net} is not above 0`;
  const cast = tally.support + tally.opposition;
  if (touchesGov && tally.support / cast < round.metaSupermajority) {
    return `support ${tally.support} of ${cast} votes cast is below the ${round.metaSupermajority} supermajority a gov.* change needs`;
  }
  return null;
}

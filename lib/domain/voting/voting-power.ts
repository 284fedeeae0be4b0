import { giniCoefficient, nakamotoCoefficient } from "@/lib/domain/metrics/inequality";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";
import { maxVotesOnOneProposal } from "@/lib/domain/voting/quadratic-cost";

export interface VotingPowerSummary {
  operators: number;
  nakamoto: number;
  gini: number;
  /** The largest single operator's share of the total. */
  largestShare: number;
}

function summarise(amounts: readonly number[]): VotingPowerSummary {
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  return {
    operators: amounts.length,
    nakamoto: nakamotoCoefficient(amounts),
    gini: giniCoefficient(amounts),
    // A fold, not Math.max(...amounts): spreading 100,000+ operators overflows the call stack.
    largestShare: total === 0 ? 0 : amounts.reduce((most, amount) => Math.max(most, amount), 0) / total,
  };
}

/**
 * Effective voting power over operators: what each can put on one proposal (⌊√budget⌋), so a cluster's
 * pooled credits count for what quadratic voting lets them buy, not for their node count.
 */
export function potentialVotingPower(budgets: readonly number[]): VotingPowerSummary {
  return summarise(budgets.map(maxVotesOnOneProposal));
}

/** The same measures over the votes operators actually cast (Σ |v| of each counted ballot). */
export function castVotingPower(
  ballots: readonly { allocations: readonly BallotAllocation[] }[],
): VotingPowerSummary {
  return summarise(
    ballots
      .map((ballot) => ballot.allocations.reduce((sum, allocation) => sum + Math.abs(allocation.votes), 0))
      .filter((votes) => votes > 0),
  );
}

import { ballotCost, type BallotAllocation } from "@/lib/domain/voting/ballot";
import { maxVotesOnOneProposal, voteCost } from "@/lib/domain/voting/quadratic-cost";

/** Credits a ballot leaves unspent (negative when it is over budget). */
export function creditsLeft(budget: number, allocations: readonly BallotAllocation[]): number {
  return budget - ballotCost(allocations);
}

/**
 * What one more vote away from zero costs on a proposal that has `votes` now: (|v|+1)² − v².
 * Stepping back towards zero refunds |v|² − (|v|−1)², which is why only the next vote away is priced.
 */
export function nextVoteCost(votes: number): number {
  const size = Math.abs(votes);
  return voteCost(size + 1) - voteCost(size);
}

/** The cost change of moving a proposal's votes by one step (+1 or −1): negative when it refunds credits. */
export function stepCost(votes: number, step: 1 | -1): number {
  return voteCost(votes + step) - voteCost(votes);
}

/** The most votes (either way) one proposal can hold, given the credits the other proposals already use. */
export function maxVotesFor(votes: number, credits: number): number {
  return maxVotesOnOneProposal(credits + voteCost(votes));
}

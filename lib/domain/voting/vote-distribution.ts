import type { BallotAllocation } from "@/lib/domain/voting/ballot";

export interface VoteDistributionBar {
  /** Votes one operator put on the proposal: negative against, positive for (never 0). */
  votes: number;
  operators: number;
}

export interface VoteDistribution {
  /** Operators per number of votes cast on the proposal, fewest votes first. */
  distribution: VoteDistributionBar[];
  /** Operators with a counted ballot that put no vote on it. */
  abstained: number;
}

/** How the counted ballots split on each proposal: operators per non-zero number of votes, and those who put none on it. */
export function voteDistributions(
  ballots: readonly { allocations: readonly BallotAllocation[] }[],
  proposalIds: readonly string[],
): Map<string, VoteDistribution> {
  const votesByProposal = new Map<string, Map<number, number>>();
  for (const ballot of ballots) {
    for (const { proposalId, votes } of ballot.allocations) {
      if (votes === 0) continue;
      const bars = votesByProposal.get(proposalId) ?? new Map<number, number>();
      bars.set(votes, (bars.get(votes) ?? 0) + 1);
      votesByProposal.set(proposalId, bars);
    }
  }
  return new Map(
    proposalIds.map((proposalId): [string, VoteDistribution] => {
      const distribution = [...(votesByProposal.get(proposalId) ?? new Map<number, number>())]
        .map(([votes, operators]) => ({ votes, operators }))
        .sort((a, b) => a.votes - b.votes);
      const voted = distribution.reduce((sum, bar) => sum + bar.operators, 0);
      return [proposalId, { distribution, abstained: ballots.length - voted }];
    }),
  );
}

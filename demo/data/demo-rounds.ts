import type { Random } from "@/lib/domain/random";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";
import { maxVotesOnOneProposal } from "@/lib/domain/voting/quadratic-cost";
import { type DemoVoting } from "@/demo/data/demo-proposals";

/** The demo's voting rounds, oldest first: each takes the proposals queued when it opens. */
export interface DemoRound {
  openedHoursAgo: number;
  /** Operators who cast a ballot (the cluster among them when it takes a side). */
  voters: number;
  /** How many of them replaced an earlier ballot of theirs. */
  changedMinds: number;
  /** The named demo accounts vote in a closed round, not in the open one: a newcomer signing in casts theirs. */
  haveDemoAccountsVoted: boolean;
}

/**
 * The closed round ended 10 days ago, so the change it passed took effect 9 days ago (after
 * gov.enactmentDelayHours) and "Did it work?" already shows its 7-day check; the open one closes in ~2 days.
 */
export const DEMO_ROUNDS: readonly DemoRound[] = [
  { openedHoursAgo: 312, voters: 40, changedMinds: 3, haveDemoAccountsVoted: true },
  { openedHoursAgo: 22, voters: 30, changedMinds: 2, haveDemoAccountsVoted: false },
];

export interface DemoVoter {
  operatorId: string;
  eligibleNodes: number;
  budget: number;
}

export interface PlannedBallot {
  operatorId: string;
  /** Share of the voting time gone when it was cast, in [0, 1). */
  progress: number;
  allocations: BallotAllocation[];
}

/**
 * The ballots of one demo round, in the order they were cast: the large cluster (the voter with the
 * most eligible nodes: budgets follow network clusters, so an operator spread over several networks may
 * hold more) puts its whole budget on the proposals it takes a side on; the other voters, drawn at
 * random, vote on each proposal with its turnout and for it with its support, spending half to all of
 * their budget. `changedMinds` of them cast an earlier ballot that their last one replaced.
 */
export function planDemoBallots({
  round,
  voters,
  proposals,
  demoAccountIds,
  random,
}: {
  round: DemoRound;
  voters: readonly DemoVoter[];
  proposals: readonly { proposalId: string; voting: DemoVoting }[];
  demoAccountIds: ReadonlySet<string>;
  random: Random;
}): PlannedBallot[] {
  const sided = proposals.filter((proposal) => proposal.voting.cluster);
  const cluster =
    sided.length === 0
      ? undefined
      : voters.reduce((big, voter) => (voter.eligibleNodes > big.eligibleNodes ? voter : big));
  const named = voters.filter((voter) => demoAccountIds.has(voter.operatorId) && voter !== cluster);
  const others = random.shuffle(
    voters.filter((voter) => voter !== cluster && !demoAccountIds.has(voter.operatorId)),
  );
  const fixed = (cluster ? 1 : 0) + (round.haveDemoAccountsVoted ? named.length : 0);
  const drawn = others.slice(0, Math.max(0, round.voters - fixed));

  const ballots: PlannedBallot[] = [];
  const cast = (operatorId: string, progress: number, allocations: BallotAllocation[]) => {
    if (allocations.length > 0) ballots.push({ operatorId, progress, allocations });
  };
  if (cluster) {
    const votes = maxVotesOnOneProposal(cluster.budget / sided.length);
    cast(
      cluster.operatorId,
      random.nextFloat(),
      sided.map(({ proposalId, voting }) => ({
        proposalId,
        votes: voting.cluster === "for" ? votes : -votes,
      })),
    );
  }
  for (const voter of round.haveDemoAccountsVoted ? named : []) {
    cast(voter.operatorId, random.nextFloat(), ordinaryAllocations(voter, proposals, random));
  }
  drawn.forEach((voter, i) => {
    const progress = random.nextFloat();
    if (i < round.changedMinds) {
      cast(voter.operatorId, progress * random.nextFloat(), ordinaryAllocations(voter, proposals, random));
    }
    cast(voter.operatorId, progress, ordinaryAllocations(voter, proposals, random));
  });
  return ballots.sort((a, b) => a.progress - b.progress);
}

function ordinaryAllocations(
  voter: DemoVoter,
  proposals: readonly { proposalId: string; voting: DemoVoting }[],
  random: Random,
): BallotAllocation[] {
  const picked = proposals.filter((proposal) => random.nextFloat() < proposal.voting.turnout);
  // Someone who casts a ballot votes on something: the proposal most people vote on.
  const onBallot =
    picked.length > 0 || proposals.length === 0
      ? picked
      : [
          proposals.reduce((top, proposal) =>
            proposal.voting.turnout > top.voting.turnout ? proposal : top,
          ),
        ];
  const spend = voter.budget * (0.5 + 0.5 * random.nextFloat());
  const weights = onBallot.map(() => 1 + 2 * random.nextFloat());
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  return onBallot
    .map(({ proposalId, voting }, i) => {
      const votes = maxVotesOnOneProposal((spend * weights[i]!) / totalWeight);
      return { proposalId, votes: random.nextFloat() < voting.support ? votes : -votes };
    })
    .filter((allocation) => allocation.votes !== 0);
}

import type { BallotAllocation } from "@/lib/domain/voting/ballot";

/** One proposal's running count: net = Σv, support = Σ max(v,0), opposition = Σ max(−v,0). */
export interface ProposalTally {
  proposalId: string;
  net: number;
  support: number;
  opposition: number;
  /** Σ eligible nodes of the operators with a non-zero vote on the proposal: turnout's numerator. */
  participatingNodes: number;
}

/** A ballot as the tally sees it: whose it is, how many eligible nodes stand behind it, and its votes. */
export interface TallyBallot {
  eligibleNodes: number;
  allocations: readonly BallotAllocation[];
}

export type TallyDelta = Omit<ProposalTally, "proposalId">;

export function emptyTally(proposalId: string): ProposalTally {
  return { proposalId, net: 0, support: 0, opposition: 0, participatingNodes: 0 };
}

function contribution(votes: number, eligibleNodes: number): TallyDelta {
  return {
    net: votes,
    support: Math.max(votes, 0),
    opposition: Math.max(-votes, 0),
    participatingNodes: votes === 0 ? 0 : eligibleNodes,
  };
}

function addInto(target: Map<string, TallyDelta>, proposalId: string, delta: TallyDelta, sign: 1 | -1): void {
  const current = target.get(proposalId) ?? { net: 0, support: 0, opposition: 0, participatingNodes: 0 };
  target.set(proposalId, {
    net: current.net + sign * delta.net,
    support: current.support + sign * delta.support,
    opposition: current.opposition + sign * delta.opposition,
    participatingNodes: current.participatingNodes + sign * delta.participatingNodes,
  });
}

/**
 * What replacing an operator's ballot does to each proposal's tally: the new ballot's contribution minus
 * the old one's (`previous` null for a first ballot). Proposals whose tally does not move are left out.
 */
export function tallyDelta(previous: TallyBallot | null, next: TallyBallot): Map<string, TallyDelta> {
  const deltas = new Map<string, TallyDelta>();
  for (const allocation of previous?.allocations ?? []) {
    addInto(deltas, allocation.proposalId, contribution(allocation.votes, previous!.eligibleNodes), -1);
  }
  for (const allocation of next.allocations) {
    addInto(deltas, allocation.proposalId, contribution(allocation.votes, next.eligibleNodes), 1);
  }
  for (const [proposalId, delta] of deltas) {
    if (delta.net === 0 && delta.support === 0 && delta.opposition === 0 && delta.participatingNodes === 0) {
      deltas.delete(proposalId);
    }
  }
  return deltas;
}

export function applyTallyDelta(tally: ProposalTally, delta: TallyDelta): ProposalTally {
  return {
    proposalId: tally.proposalId,
    net: tally.net + delta.net,
    support: tally.support + delta.support,
    opposition: tally.opposition + delta.opposition,
    participatingNodes: tally.participatingNodes + delta.participatingNodes,
  };
}

/** The full recount: every proposal of the round from the ballots that count (one per operator), in `proposalIds` order. */
export function tallyBallots(
  proposalIds: readonly string[],
  ballots: Iterable<TallyBallot>,
): ProposalTally[] {
  const totals = new Map(proposalIds.map((proposalId) => [proposalId, emptyTally(proposalId)]));
  for (const ballot of ballots) {
    for (const allocation of ballot.allocations) {
      const tally = totals.get(allocation.proposalId);
      if (!tally)
        throw new RangeError(`A ballot votes on ${allocation.proposalId}, which is not in the round.`);
      totals.set(
        allocation.proposalId,
        applyTallyDelta(tally, contribution(allocation.votes, ballot.eligibleNodes)),
      );
    }
  }
  return [...totals.values()];
}

/** Share of all eligible nodes whose operator cast a non-zero vote on the proposal; 0 when no node is eligible. */
export function turnout(participatingNodes: number, eligibleNodes: number): number {
  return eligibleNodes === 0 ? 0 : participatingNodes / eligibleNodes;
}

/** Tallies that differ between the running count and a recount, by proposal id (empty when they agree). */
export function differingTallies(
  running: readonly ProposalTally[],
  recount: readonly ProposalTally[],
): string[] {
  const byId = new Map(recount.map((tally) => [tally.proposalId, tally]));
  const ids = new Set([...running.map((tally) => tally.proposalId), ...byId.keys()]);
  return [...ids].filter((proposalId) => {
    const a = running.find((tally) => tally.proposalId === proposalId);
    const b = byId.get(proposalId);
    return (
      !a ||
      !b ||
      a.net !== b.net ||
      a.support !== b.support ||
      a.opposition !== b.opposition ||
      a.participatingNodes !== b.participatingNodes
    );
  });
}

import { voteCost } from "@/lib/domain/voting/quadratic-cost";

export interface BallotAllocation {
  proposalId: string;
  votes: number;
}

export interface BallotProblem {
  /** Where the problem is, e.g. "allocations.2.votes". */
  field: string;
  message: string;
}

export type BallotCheck =
  { ok: true; allocations: BallotAllocation[]; cost: number } | { ok: false; problems: BallotProblem[] };

/** A ballot's cost: Σ v² over its allocations. */
export function ballotCost(allocations: readonly BallotAllocation[]): number {
  return allocations.reduce((sum, allocation) => sum + voteCost(allocation.votes), 0);
}

/** The stored form of a ballot: zero votes left out, sorted by proposal id (the order the receipt covers). */
export function normaliseAllocations(allocations: readonly BallotAllocation[]): BallotAllocation[] {
  return allocations
    .filter((allocation) => allocation.votes !== 0)
    .map(({ proposalId, votes }) => ({ proposalId, votes }))
    .sort((a, b) => (a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0));
}

/**
 * The ballot rule: whole votes, each proposal at most once and only proposals of the round, and a cost
 * (Σ v²) within the operator's budget. Returns the normalised allocations and their cost.
 */
export function checkBallot(
  allocations: readonly BallotAllocation[],
  { proposalIds, budget }: { proposalIds: readonly string[]; budget: number },
): BallotCheck {
  const problems: BallotProblem[] = [];
  const inRound = new Set(proposalIds);
  const seen = new Set<string>();
  allocations.forEach((allocation, index) => {
    const field = `allocations.${index}`;
    if (!inRound.has(allocation.proposalId)) {
      problems.push({
        field: `${field}.proposalId`,
        message: `Proposal ${allocation.proposalId} is not in this round; vote only on the round's proposals.`,
      });
    } else if (seen.has(allocation.proposalId)) {
      problems.push({
        field: `${field}.proposalId`,
        message: `Proposal ${allocation.proposalId} appears twice; give each proposal one number of votes.`,
      });
    }
    seen.add(allocation.proposalId);
    if (!Number.isSafeInteger(allocation.votes)) {
      problems.push({
        field: `${field}.votes`,
        message: `Votes must be a whole number (negative against, positive for); got ${allocation.votes}.`,
      });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const normalised = normaliseAllocations(allocations);
  const cost = ballotCost(normalised);
  if (cost > budget) {
    return {
      ok: false,
      problems: [
        {
          field: "allocations",
          message: `This ballot costs ${cost} voice credits (the sum of each proposal's votes squared) but your budget is ${budget}; take some votes off and submit again.`,
        },
      ],
    };
  }
  return { ok: true, allocations: normalised, cost };
}

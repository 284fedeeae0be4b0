import type { RoundBallotsExport } from "./export-shapes";
import { ballotReceipt } from "./hashing";
import { count, type CheckGroup, type Difference } from "./report";

export function checkBallots(round: RoundBallotsExport): CheckGroup {
  const differences: Difference[] = [];
  const eligible = new Map(round.eligible.map((voter) => [voter.operatorId, voter]));
  const proposalIds = new Set(round.tallies.map((tally) => tally.proposalId));
  const seen = new Set<string>();
  for (const ballot of round.ballots) {
    const where = `operator ${ballot.operatorId}`;
    const voter = eligible.get(ballot.operatorId);
    if (!voter)
      differences.push({ where, what: "cast a counted ballot but is not among the eligible operators" });
    if (seen.has(ballot.operatorId)) differences.push({ where, what: "has more than one counted ballot" });
    seen.add(ballot.operatorId);
    const ids = ballot.allocations.map((allocation) => allocation.proposalId);
    if (ids.some((proposalId, index) => index > 0 && ids[index - 1]! >= proposalId)) {
      differences.push({
        where,
        what: "allocations are not sorted by proposalId (each proposal at most once)",
        expected: [...new Set(ids)].sort(),
        found: ids,
      });
    }
    for (const proposalId of ids.filter((proposalId) => !proposalIds.has(proposalId))) {
      differences.push({
        where: `${where}, proposal ${proposalId}`,
        what: "votes on a proposal that is not in the round's tallies",
      });
    }
    const cost = ballot.allocations.reduce((sum, allocation) => sum + allocation.votes ** 2, 0);
    if (ballot.cost !== cost)
      differences.push({ where, what: "cost is not Σ votes²", expected: cost, found: ballot.cost });
    if (voter && cost > voter.budget) {
      differences.push({
        where,
        what: "the ballot costs more than the operator's budget",
        expected: `≤ ${voter.budget}`,
        found: cost,
      });
    }
    const receipt = ballotReceipt(round.roundId, ballot);
    if (ballot.receipt !== receipt) {
      differences.push({
        where,
        what: "receipt does not match the ballot's content",
        expected: receipt,
        found: ballot.receipt,
      });
    }
  }
  return {
    check: "ballots",
    roundId: round.roundId,
    summary: count(round.ballots.length, "counted ballot"),
    differences,
  };
}

import type { RoundBallotsExport } from "./export-shapes";
import { count, type CheckGroup, type Difference } from "./report";
import { voteRule, type Recount } from "./vote-rule";

const TURNOUT_TOLERANCE = 1e-12;
const OUTCOMES = ["passed", "rejected", "superseded", "failed"];

export const sameTurnout = (a: number, b: number) => Math.abs(a - b) <= TURNOUT_TOLERANCE;

/** Every tally from the counted ballots; turnout = Σ eligibleNodes of operators with a non-zero vote ÷ Σ eligibleNodes. */
export function recount(round: RoundBallotsExport): Map<string, Recount> {
  const nodes = new Map(round.eligible.map((voter) => [voter.operatorId, voter.eligibleNodes]));
  const allNodes = round.eligible.reduce((sum, voter) => sum + voter.eligibleNodes, 0);
  const totals = new Map(
    round.tallies.map((tally) => [tally.proposalId, { net: 0, support: 0, opposition: 0, participating: 0 }]),
  );
  for (const ballot of round.ballots) {
    for (const { proposalId, votes } of ballot.allocations) {
      const total = totals.get(proposalId);
      if (!total) continue;
      total.net += votes;
      total.support += Math.max(votes, 0);
      total.opposition += Math.max(-votes, 0);
      if (votes !== 0) total.participating += nodes.get(ballot.operatorId) ?? 0;
    }
  }
  return new Map(
    [...totals].map(([proposalId, { participating, ...sums }]) => [
      proposalId,
      { ...sums, turnout: allNodes === 0 ? 0 : participating / allNodes },
    ]),
  );
}

export function checkTallies(round: RoundBallotsExport, recounted: Map<string, Recount>): CheckGroup {
  const differences: Difference[] = [];
  const seen = new Set<string>();
  for (const tally of round.tallies) {
    const where = `proposal ${tally.proposalId}`;
    if (seen.has(tally.proposalId)) differences.push({ where, what: "has two tallies" });
    seen.add(tally.proposalId);
    const expected = recounted.get(tally.proposalId)!;
    for (const field of ["net", "support", "opposition"] as const) {
      if (tally[field] !== expected[field]) {
        differences.push({
          where,
          what: `${field} does not match the recount of the counted ballots`,
          expected: expected[field],
          found: tally[field],
        });
      }
    }
    if (!sameTurnout(tally.turnout, expected.turnout)) {
      differences.push({
        where,
        what: "turnout does not match the recount of the counted ballots",
        expected: expected.turnout,
        found: tally.turnout,
      });
    }
  }
  return {
    check: "tallies",
    roundId: round.roundId,
    summary: count(round.tallies.length, "proposal"),
    differences,
  };
}

export function checkOutcomes(round: RoundBallotsExport, recounted: Map<string, Recount>): CheckGroup {
  const differences: Difference[] = [];
  for (const tally of round.tallies) {
    const where = `proposal ${tally.proposalId}`;
    if (!OUTCOMES.includes(tally.outcome)) {
      differences.push({
        where,
        what: "outcome is not passed, rejected, superseded or failed",
        found: tally.outcome,
      });
      continue;
    }
    const fails = voteRule(recounted.get(tally.proposalId)!, tally.touchesGov, round);
    if (fails && tally.outcome !== "rejected") {
      differences.push({
        where,
        what: `the vote rule fails (${fails}), so it must be rejected`,
        expected: "rejected",
        found: tally.outcome,
      });
    }
    if (!fails && tally.outcome === "rejected") {
      differences.push({
        where,
        what: "the vote rule holds, so it cannot be rejected",
        expected: "passed, superseded or failed",
        found: tally.outcome,
      });
    }
  }
  const passed = round.tallies.filter((tally) => tally.outcome === "passed").length;
  if (passed > 0 !== (round.configVersion !== null)) {
    differences.push({
      where: "configVersion",
      what:
        passed > 0
          ? "proposals passed but the round names no config version"
          : "nothing passed, so the round creates no config version",
      expected: passed > 0 ? "a version number" : null,
      found: round.configVersion,
    });
  }
  const outcomes = OUTCOMES.map(
    (outcome) => `${round.tallies.filter((tally) => tally.outcome === outcome).length} ${outcome}`,
  );
  return {
    check: "outcomes",
    roundId: round.roundId,
    summary: `${outcomes.join(", ")}, config version ${round.configVersion ?? "none"}`,
    differences,
  };
}

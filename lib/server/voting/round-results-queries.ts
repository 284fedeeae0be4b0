import { DomainError } from "@/lib/domain/errors";
import { formatDateTime } from "@/lib/domain/format-time";
import { turnout } from "@/lib/domain/voting/quadratic-tally";
import { isRoundOutcome } from "@/lib/domain/voting/ratify-round";
import { compareRatificationOrder } from "@/lib/domain/voting/round-order";
import { voteDistributions } from "@/lib/domain/voting/vote-distribution";
import { castVotingPower, potentialVotingPower } from "@/lib/domain/voting/voting-power";
import type { RoundResults } from "@/lib/schemas/rounds";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { listConfigHistory } from "@/lib/server/governance/config-version-queries";
import { countBallots, FACTS_SELECT, findRoundByNumber, toRoundFacts } from "@/lib/server/voting/round-facts";
import { parseAllocations, ROUND_PROPOSAL_SELECT } from "@/lib/server/voting/round-state";

/** The config version a round's ratification created, with its diff to the version before. */
async function createdConfigVersion(
  db: DbOrTransaction,
  version: number | null,
): Promise<RoundResults["configVersion"]> {
  if (version === null) return null;
  const [entry] = (await listConfigHistory(db, { limit: 1, beforeVersion: version + 1 })).entries;
  if (!entry) return null;
  const { issuedAt, activateAt, activatedAt, isActive, changes } = entry;
  return { version: entry.version, issuedAt, activateAt, activatedAt, isActive, changes };
}

/** A closed round's outcome per proposal, the distribution of votes, the decentralisation of voting power and the config it created. */
export async function getRoundResults(
  db: DbOrTransaction,
  { roundNumber, now }: { roundNumber: number; now: Date },
): Promise<RoundResults> {
  const row = await findRoundByNumber(db, roundNumber, {
    ...FACTS_SELECT,
    proposals: {
      select: { ...ROUND_PROPOSAL_SELECT, proposal: { select: { id: true, title: true } } },
    },
    voters: { select: { budget: true, countedBallot: { select: { allocations: true } } } },
  });
  if (row.state === "Open") {
    throw new DomainError(
      "CONFLICT",
      `Round ${row.number} is still open until ${formatDateTime(row.closesAt)}; net votes and outcomes are published when it closes, so no one votes with the herd. The voters so far and each proposal's turnout are at /rounds/${row.number}.`,
    );
  }
  const { voters, proposals, ...facts } = row;
  const ballots = voters.flatMap((voter) =>
    voter.countedBallot ? [{ allocations: parseAllocations(voter.countedBallot.allocations) }] : [],
  );
  const distributions = voteDistributions(
    ballots,
    proposals.map((entry) => entry.proposal.id),
  );
  const outcomes = proposals
    .map((entry): RoundResults["proposals"][number] => {
      if (!isRoundOutcome(entry.outcome)) {
        throw new Error(`Closed round ${row.number} has proposal ${entry.proposal.id} without an outcome`);
      }
      return {
        id: entry.proposal.id,
        title: entry.proposal.title,
        touchesGov: entry.touchesGov,
        net: entry.net,
        support: entry.support,
        opposition: entry.opposition,
        participatingNodes: entry.participatingNodes,
        turnout: turnout(entry.participatingNodes, row.eligibleNodes),
        outcome: entry.outcome,
        reason: entry.reason ?? "",
        ...distributions.get(entry.proposal.id)!,
      };
    })
    .sort(compareRatificationOrder);
  const [counts, configVersion] = await Promise.all([
    countBallots(db, [row.id]),
    createdConfigVersion(db, row.configVersion),
  ]);
  return {
    round: toRoundFacts(facts, counts.get(row.id)!, now),
    proposals: outcomes,
    votingPower: {
      potential: potentialVotingPower(voters.map((voter) => Number(voter.budget))),
      cast: castVotingPower(ballots),
    },
    configVersion,
    ballotsExportPath: `/api/v1/rounds/${encodeURIComponent(row.id)}/ballots`,
  };
}

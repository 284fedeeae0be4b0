import { DomainError } from "@/lib/domain/errors";
import { isParameterKey } from "@/lib/domain/parameters/catalogue";
import { turnout } from "@/lib/domain/voting/quadratic-tally";
import { isRoundOutcome } from "@/lib/domain/voting/ratify-round";
import type { AuditExport, CurrentRoundResponse, RoundBallotsExport } from "@/lib/schemas/voting";
import type { Db } from "@/lib/server/platform/db";
import { EVENT_FIELDS } from "@/lib/server/governance/governance-chain";
import { loadRoundClusterShares } from "@/lib/server/voting/round-clusters";
import {
  noOpenRoundMessage,
  paramsAtRoundOpen,
  ROUND_PROPOSAL_SELECT,
} from "@/lib/server/voting/round-state";

const BALLOT_FIELDS = {
  operatorId: true,
  submittedAt: true,
  allocations: true,
  cost: true,
  prevReceipt: true,
  receipt: true,
} as const;

/**
 * GET /api/v1/rounds/current: the round taking ballots now, with what each proposal would change from
 * the values in force when the round opened (the web pages show the same).
 */
export async function getCurrentRoundForNodes(db: Db, { now }: { now: Date }): Promise<CurrentRoundResponse> {
  const round = await db.round.findFirst({
    where: { isOpen: true, closesAt: { gt: now } },
    select: {
      id: true,
      opensAt: true,
      closesAt: true,
      rulesVersion: true,
      proposals: {
        orderBy: { proposalId: "asc" },
        select: {
          proposal: {
            select: {
              id: true,
              title: true,
              summary: true,
              changes: { orderBy: { key: "asc" }, select: { key: true, toValue: true } },
            },
          },
        },
      },
    },
  });
  if (!round) throw new DomainError("NOT_FOUND", `${await noOpenRoundMessage(db, now)} Ask again later.`);
  const before = await paramsAtRoundOpen(db, round);
  return {
    roundId: round.id,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    proposals: round.proposals.map(({ proposal }) => ({
      id: proposal.id,
      title: proposal.title,
      summary: proposal.summary,
      changes: proposal.changes.flatMap(({ key, toValue }) =>
        isParameterKey(key) ? [{ key, from: before[key], to: toValue }] : [],
      ),
    })),
  };
}

/**
 * GET /api/v1/rounds/{roundId}/ballots: everything needed to recompute a closed round. `all` lists every
 * stored ballot (replaced ones too) so the receipt chain can be walked; otherwise only the ones that count.
 */
export async function exportRoundBallots(
  db: Db,
  { roundId, all }: { roundId: string; all: boolean },
): Promise<RoundBallotsExport> {
  const round = await db.round.findUnique({
    where: { id: roundId },
    select: {
      number: true,
      state: true,
      opensAt: true,
      closesAt: true,
      creditsPerNode: true,
      quorum: true,
      metaSupermajority: true,
      eligibleNodes: true,
      configVersion: true,
    },
  });
  if (!round) {
    throw new DomainError(
      "NOT_FOUND",
      `There is no round ${roundId}. Round ids are in the audit export (GET /api/v1/audit, events round.opened).`,
    );
  }
  if (round.state !== "Closed") {
    throw new DomainError(
      "CONFLICT",
      `Round ${round.number} is still open (it closes at ${round.closesAt.toISOString()}); its ballots are published once it has closed.`,
    );
  }
  const [voters, clusterShares, ballots, tallies] = await Promise.all([
    db.roundVoter.findMany({
      where: { roundId },
      orderBy: { operatorId: "asc" },
      select: { operatorId: true, eligibleNodes: true, budget: true },
    }),
    loadRoundClusterShares(db, roundId),
    db.ballot.findMany({
      where: all ? { roundId } : { roundId, countsFor: { isNot: null } },
      orderBy: { seq: "asc" },
      select: BALLOT_FIELDS,
    }),
    db.roundProposal.findMany({
      where: { roundId },
      orderBy: { proposalId: "asc" },
      select: { proposalId: true, ...ROUND_PROPOSAL_SELECT },
    }),
  ]);
  return {
    roundId,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    creditsPerNode: round.creditsPerNode,
    quorum: round.quorum,
    metaSupermajority: round.metaSupermajority,
    eligible: voters.map((voter) => ({
      ...voter,
      budget: Number(voter.budget),
      clusters: clusterShares.get(voter.operatorId) ?? [],
    })),
    ballots: ballots.map((ballot) => ({
      ...ballot,
      cost: Number(ballot.cost),
      submittedAt: ballot.submittedAt.toISOString(),
      allocations: JSON.parse(ballot.allocations) as RoundBallotsExport["ballots"][number]["allocations"],
    })),
    tallies: tallies.map(({ participatingNodes, outcome, reason, ...tally }) => {
      if (!isRoundOutcome(outcome)) {
        throw new Error(`Round ${round.number} is closed but proposal ${tally.proposalId} has no outcome.`);
      }
      return {
        ...tally,
        turnout: turnout(participatingNodes, round.eligibleNodes),
        outcome,
        reason: reason ?? "",
      };
    }),
    configVersion: round.configVersion,
  };
}

/** GET /api/v1/audit: the governance events after `after`, oldest first, and the chain's current head. */
export async function exportAudit(
  db: Db,
  { after, limit }: { after: number; limit: number },
): Promise<AuditExport> {
  const events = await db.governanceEvent.findMany({
    where: { seq: { gt: after } },
    orderBy: { seq: "asc" },
    take: limit,
    select: EVENT_FIELDS,
  });
  // Read after the page, so the head is never behind the events listed.
  const head = await db.governanceEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  return {
    events: events.map((event) => ({
      ...event,
      at: event.at.toISOString(),
      data: JSON.parse(event.data) as Record<string, unknown>,
    })),
    head: head ?? { seq: 0, hash: "" },
  };
}

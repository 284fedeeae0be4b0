import { DomainError } from "@/lib/domain/errors";
import {
  applyTallyDelta,
  differingTallies,
  tallyBallots,
  type ProposalTally,
} from "@/lib/domain/voting/quadratic-tally";
import { ROUND_EVENT_TYPES, roundSubject } from "@/lib/domain/voting/round-events";
import type { Db, DbOrTransaction, DbTransaction } from "@/lib/server/platform/db";
import { createLogger } from "@/lib/server/platform/logger";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { parseAllocations, type RoundRow } from "@/lib/server/voting/round-state";

const RECOUNT_PAGE = 10_000;
const alertLog = createLogger({ fields: { component: "close-round", alert: true } });

/**
 * The running tallies kept by each ballot and a full recount from the ballots that count, both in
 * proposal id order. Ballots are read a page at a time in seq order and folded into the totals, so a
 * round with a million allocations never sits in memory at once.
 */
export async function recountRound(
  db: DbOrTransaction,
  roundId: string,
): Promise<{ running: ProposalTally[]; recount: ProposalTally[] }> {
  const running = await db.roundProposal.findMany({
    where: { roundId },
    orderBy: { proposalId: "asc" },
    select: { proposalId: true, net: true, support: true, opposition: true, participatingNodes: true },
  });
  const proposalIds = running.map((tally) => tally.proposalId);
  const voters = await db.roundVoter.findMany({
    where: { roundId },
    select: { operatorId: true, eligibleNodes: true },
  });
  const nodesOf = new Map(voters.map((voter) => [voter.operatorId, voter.eligibleNodes]));
  let recount = tallyBallots(proposalIds, []);
  for (let afterSeq = 0; ;) {
    const page = await db.ballot.findMany({
      where: { roundId, seq: { gt: afterSeq }, countsFor: { isNot: null } },
      orderBy: { seq: "asc" },
      take: RECOUNT_PAGE,
      select: { seq: true, operatorId: true, allocations: true },
    });
    if (page.length === 0) break;
    const pageTally = tallyBallots(
      proposalIds,
      page.map((ballot) => ({
        eligibleNodes: nodesOf.get(ballot.operatorId) ?? 0,
        allocations: parseAllocations(ballot.allocations),
      })),
    );
    recount = recount.map((tally, index) => applyTallyDelta(tally, pageTally[index]!));
    afterSeq = page.at(-1)!.seq;
  }
  return { running, recount };
}

/** Thrown inside the close transaction so it rolls back; closeRound then records the block on its own. */
export class TallyMismatchError extends DomainError {
  constructor(
    round: Pick<RoundRow, "id" | "number">,
    readonly proposalIds: string[],
    readonly tallies: { running: ProposalTally[]; recount: ProposalTally[] },
  ) {
    super(
      "CONFLICT",
      `Round ${round.number} was not closed: the recount of its ballots differs from the running tally for ${proposalIds.join(", ")}. Nothing was decided and the round stays open; compare the ballots with the tallies (npm run verify) and close it again once they agree.`,
      { roundId: round.id, proposalIds },
    );
  }
}

/** The running tallies, in proposal id order, once a full recount agrees with them; TallyMismatchError otherwise. */
export async function confirmedTallies(tx: DbTransaction, round: RoundRow): Promise<ProposalTally[]> {
  const tallies = await recountRound(tx, round.id);
  const differing = differingTallies(tallies.running, tallies.recount);
  if (differing.length > 0) throw new TallyMismatchError(round, differing, tallies);
  return tallies.running;
}

/**
 * The block is public (the round's event and reason name the proposals); the running and recounted
 * numbers of a round still open are not, so they go only to the operator's alert.
 */
export async function recordBlockedClose(db: Db, round: RoundRow, mismatch: TallyMismatchError, now: Date) {
  const differing = (tallies: ProposalTally[]) =>
    tallies.filter((tally) => mismatch.proposalIds.includes(tally.proposalId));
  await withGovernanceTransaction(db, async (tx) => {
    await tx.round.update({
      where: { id: round.id },
      data: { closeBlockedReason: mismatch.message },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: ROUND_EVENT_TYPES.closeBlocked,
        subject: roundSubject(round.id),
        data: { roundId: round.id, number: round.number, proposalIds: mismatch.proposalIds },
      },
      now,
    );
  });
  alertLog.error("voting round close blocked: the recount differs from the running tally", {
    roundId: round.id,
    number: round.number,
    reason: mismatch.message,
    running: differing(mismatch.tallies.running),
    recount: differing(mismatch.tallies.recount),
  });
}

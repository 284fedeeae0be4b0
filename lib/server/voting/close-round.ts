import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import { proposalSubject } from "@/lib/domain/governance/proposal-events";
import { transitionProposal } from "@/lib/domain/governance/proposal-lifecycle";
import { isParameterKey } from "@/lib/domain/parameters/catalogue";
import { ratifyRound, type ProposalDecision } from "@/lib/domain/voting/ratify-round";
import { configVersionSubject, ROUND_EVENT_TYPES, roundSubject } from "@/lib/domain/voting/round-events";
import { configActivatesAt } from "@/lib/domain/voting/round-schedule";
import type { Db, DbTransaction } from "@/lib/server/platform/db";
import { getActiveConfigVersion } from "@/lib/server/governance/config-version-queries";
import { issueConfigVersion } from "@/lib/server/governance/issue-config-version";
import {
  appendGovernanceEvent,
  appendGovernanceEvents,
  withGovernanceTransaction,
} from "@/lib/server/governance/governance-chain";
import { storedProposalState } from "@/lib/server/governance/proposal-queries";
import { confirmedTallies, recordBlockedClose, TallyMismatchError } from "@/lib/server/voting/recount-round";
import { loadRound, roundClosedMessage, type RoundRow } from "@/lib/server/voting/round-state";

export interface ClosedRound {
  roundId: string;
  number: number;
  closedAt: Date;
  /** The config version ratification created; null when nothing passed. */
  configVersion: number | null;
  /** When that version takes effect: closedAt + gov.enactmentDelayHours; null with no version. */
  activateAt: Date | null;
  /** Every proposal of the round, net votes highest first. */
  decisions: ProposalDecision[];
}

/** The parameters the next version builds on: the newest version's, which may still wait for activation. */
async function latestParams(tx: DbTransaction) {
  const latest = await tx.configVersion.findFirstOrThrow({
    orderBy: { version: "desc" },
    select: { envelope: true },
  });
  return parseConfigEnvelope(latest.envelope).params;
}

async function closeInTransaction(tx: DbTransaction, round: RoundRow, now: Date): Promise<ClosedRound> {
  const tallies = await confirmedTallies(tx, round);
  const rows = await tx.roundProposal.findMany({
    where: { roundId: round.id },
    orderBy: { proposalId: "asc" },
    select: {
      proposalId: true,
      proposal: { select: { state: true, changes: { select: { key: true, toValue: true } } } },
    },
  });
  const { decisions, passedIds, params } = ratifyRound({
    proposals: rows.map((row, index) => ({
      proposalId: row.proposalId,
      changes: row.proposal.changes.flatMap(({ key, toValue }) =>
        isParameterKey(key) ? [{ key, to: toValue }] : [],
      ),
      tally: tallies[index]!,
    })),
    rules: { quorum: round.quorum, metaSupermajority: round.metaSupermajority },
    eligibleNodes: round.eligibleNodes,
    currentParams: await latestParams(tx),
  });

  const active = await getActiveConfigVersion(tx);
  const activateAt = configActivatesAt(now, active.params["gov.enactmentDelayHours"]);
  const issued = params
    ? await issueConfigVersion(tx, { params, activateAt, proposals: passedIds, now })
    : null;
  const configVersion = issued?.version ?? null;
  const stateOf = new Map(rows.map((row) => [row.proposalId, storedProposalState(row.proposal.state)]));

  for (const decision of decisions) {
    const { proposalId, outcome, reason } = decision;
    const moved = transitionProposal(stateOf.get(proposalId)!, "decide", {
      actor: { kind: "system" },
      outcome,
    });
    if (!moved.ok) throw new Error(`Proposal ${proposalId} cannot be decided: ${moved.reason}`);
    await tx.roundProposal.update({
      where: { roundId_proposalId: { roundId: round.id, proposalId } },
      data: { outcome, reason },
      select: { proposalId: true },
    });
    await tx.proposal.update({
      where: { id: proposalId },
      data: { state: moved.next, closedAt: now, closeReason: reason, updatedAt: now },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      {
        type: ROUND_EVENT_TYPES.proposalDecided,
        subject: proposalSubject(proposalId),
        data: { ...decision, roundId: round.id, roundNumber: round.number, configVersion },
      },
      now,
    );
  }
  if (issued) {
    await appendGovernanceEvent(
      tx,
      {
        type: ROUND_EVENT_TYPES.configVersionCreated,
        subject: configVersionSubject(issued.version),
        data: {
          version: issued.version,
          sha256: issued.sha256,
          activateAt: activateAt.toISOString(),
          proposals: passedIds,
          roundId: round.id,
        },
      },
      now,
    );
  }
  await tx.round.update({
    where: { id: round.id },
    data: { state: "Closed", isOpen: null, closedAt: now, configVersion, closeBlockedReason: null },
    select: { id: true },
  });
  // Each ballot's receipt is public only now: while the round was open it could be brute-forced back
  // to its operator and votes over the small space of possible ballots.
  const ballots = await tx.ballot.findMany({
    where: { roundId: round.id },
    orderBy: { seq: "asc" },
    select: { seq: true, receipt: true },
  });
  await appendGovernanceEvents(
    tx,
    ballots.map(({ seq, receipt }) => ({
      type: ROUND_EVENT_TYPES.ballotCast,
      subject: roundSubject(round.id),
      data: { roundId: round.id, seq, receipt },
    })),
    now,
  );
  await appendGovernanceEvent(
    tx,
    {
      type: ROUND_EVENT_TYPES.closed,
      subject: roundSubject(round.id),
      data: {
        roundId: round.id,
        number: round.number,
        configVersion,
        // Commits every stored ballot: each receipt chains the one before, so the head fixes them all.
        ballotCount: round.ballotCount,
        headReceipt: round.headReceipt,
        tallies: decisions.map(({ proposalId, net, support, opposition, turnout, outcome }) => ({
          proposalId,
          net,
          support,
          opposition,
          turnout,
          outcome,
        })),
      },
    },
    now,
  );
  return {
    roundId: round.id,
    number: round.number,
    closedAt: now,
    configVersion,
    activateAt: issued ? activateAt : null,
    decisions,
  };
}

/**
 * Closes a round (the open one without `roundId`), possibly before its planned end: recounts every
 * counted ballot, ratifies, issues the next config version and decides every proposal in one
 * transaction. A recount that differs from the running tallies refuses the close (CONFLICT), leaves
 * the round open and records why, with an alert.
 */
export async function closeRound(
  db: Db,
  { now, roundId }: { now: Date; roundId?: string },
): Promise<ClosedRound> {
  const round = await loadRound(db, { roundId, now });
  try {
    return await withGovernanceTransaction(db, async (tx) => {
      const current = await loadRound(tx, { roundId: round.id, now });
      if (current.state !== "Open") {
        throw new DomainError("CONFLICT", `${roundClosedMessage(current)}; there is nothing left to close.`);
      }
      return closeInTransaction(tx, current, now);
    });
  } catch (error) {
    if (error instanceof TallyMismatchError) await recordBlockedClose(db, round, error, now);
    throw error;
  }
}

/**
 * The worker's side: closes every open round whose time is over. A round whose close was refused for
 * a tally mismatch waits for an admin (npm run admin -- round close) instead of alerting every minute;
 * one an admin closed (or removed) since the list was read is left alone.
 */
export async function closeDueRounds(db: Db, { now }: { now: Date }): Promise<ClosedRound[]> {
  const due = await db.round.findMany({
    where: { state: "Open", closesAt: { lte: now }, closeBlockedReason: null },
    orderBy: { number: "asc" },
    select: { id: true },
  });
  const closed: ClosedRound[] = [];
  for (const { id } of due) {
    try {
      closed.push(await closeRound(db, { now, roundId: id }));
    } catch (error) {
      if (!(await wasClosedMeanwhile(db, id, error))) throw error;
    }
  }
  return closed;
}

/** The close was refused because the round is no longer open (or gone), not for a reason of its own. */
async function wasClosedMeanwhile(db: Db, roundId: string, error: unknown): Promise<boolean> {
  if (!isDomainError(error) || (error.code !== "CONFLICT" && error.code !== "NOT_FOUND")) return false;
  const round = await db.round.findUnique({ where: { id: roundId }, select: { state: true } });
  return round?.state !== "Open";
}

import { DomainError } from "@/lib/domain/errors";
import { canonicalJson } from "@/lib/domain/governance/audit-event";
import { checkBallot, type BallotAllocation } from "@/lib/domain/voting/ballot";
import { ballotReceiptInput } from "@/lib/domain/voting/ballot-receipt";
import { tallyDelta } from "@/lib/domain/voting/quadratic-tally";
import { ROUND_EVENT_TYPES, roundSubject } from "@/lib/domain/voting/round-events";
import { ballotInputSchema, type BallotReceiptResponse } from "@/lib/schemas/voting";
import { sha256Hex } from "@/lib/server/crypto/encoding";
import type { Db } from "@/lib/server/db";
import { parseJsonBytes } from "@/lib/server/http/read-json-body";
import { verifyNodeRequest } from "@/lib/server/node-auth/verify-node-request";
import { appendGovernanceEvent, withGovernanceTransaction } from "@/lib/server/services/governance-events";
import { enforceRateLimit, type RateLimitRule } from "@/lib/server/services/rate-limit";
import { loadRound, roundClosedMessage } from "@/lib/server/services/round-state";

export const BALLOT_RATE_LIMIT: RateLimitRule = { limit: 30, windowMs: 10 * 60_000 };

export interface CastBallotResult {
  roundId: string;
  seq: number;
  receipt: string;
  prevReceipt: string;
  cost: number;
  budget: number;
  submittedAt: Date;
  allocations: BallotAllocation[];
}

export interface CastBallotOptions {
  operatorId: string;
  roundId: string;
  allocations: readonly BallotAllocation[];
  source: "web" | "node";
  /** The node that signed the ballot, for source "node". */
  nodeId?: string;
  now: Date;
  /**
   * Only tests that drive one operator far past 30 ballots on purpose (the concurrency proof) pass a
   * wider rule; every production caller gets BALLOT_RATE_LIMIT.
   */
  rateLimit?: RateLimitRule;
}

/**
 * Stores an operator's ballot for a round, replacing their earlier one. The budget check, the receipt
 * chain, the counted-ballot switch and the running tallies all happen in one transaction that holds the
 * governance chain lock, so no interleaving of requests can spend more than the budget or fork the chain.
 */
export async function castBallot(
  db: Db,
  { operatorId, roundId, allocations, source, nodeId, now, rateLimit = BALLOT_RATE_LIMIT }: CastBallotOptions,
): Promise<CastBallotResult> {
  await enforceRateLimit(db, {
    key: `ballot:${operatorId}`,
    rule: rateLimit,
    now,
    tooMany: `You submitted more than ${rateLimit.limit} ballots in ${rateLimit.windowMs / 60_000} minutes.`,
    nextStep: "your last stored ballot still counts",
  });
  return withGovernanceTransaction(db, async (tx) => {
    const round = await loadRound(tx, roundId);
    if (round.state !== "Open" || now >= round.closesAt) {
      throw new DomainError(
        "UNPROCESSABLE",
        `${roundClosedMessage(round)}; ballots can no longer be cast or changed. Its results are public once it is closed.`,
      );
    }
    const voter = await tx.roundVoter.findUnique({
      where: { roundId_operatorId: { roundId, operatorId } },
      select: {
        eligibleNodes: true,
        budget: true,
        countedBallotId: true,
        countedBallot: { select: { allocations: true } },
      },
    });
    if (!voter) {
      throw new DomainError(
        "FORBIDDEN",
        `You have no vote in round ${round.number}: none of your nodes was eligible when it opened (a node must have proved its key, reported telemetry for the minimum node age and met the minimum uptime). Keep your nodes reporting to vote in the next round.`,
      );
    }
    const proposals = await tx.roundProposal.findMany({ where: { roundId }, select: { proposalId: true } });
    const check = checkBallot(allocations, {
      proposalIds: proposals.map((proposal) => proposal.proposalId),
      budget: voter.budget,
    });
    if (!check.ok) {
      throw new DomainError(
        "UNPROCESSABLE",
        `The ballot was not stored: ${check.problems.map((problem) => problem.message).join(" ")}`,
        { problems: check.problems, budget: voter.budget },
      );
    }

    const submittedAt = now;
    const prevReceipt = round.headReceipt;
    const receipt = sha256Hex(
      ballotReceiptInput(prevReceipt, {
        roundId,
        operatorId,
        submittedAt: submittedAt.toISOString(),
        allocations: check.allocations,
      }),
    );
    const seq = round.ballotCount + 1;
    const ballot = await tx.ballot.create({
      data: {
        roundId,
        seq,
        operatorId,
        submittedAt,
        allocations: canonicalJson(check.allocations),
        cost: check.cost,
        prevReceipt,
        receipt,
        source,
        nodeId: nodeId ?? null,
      },
      select: { id: true },
    });
    if (voter.countedBallotId) {
      await tx.ballot.update({
        where: { id: voter.countedBallotId },
        data: { replacedAt: now },
        select: { id: true },
      });
    }
    await tx.roundVoter.update({
      where: { roundId_operatorId: { roundId, operatorId } },
      data: { countedBallotId: ballot.id },
      select: { roundId: true },
    });
    const previous = voter.countedBallot
      ? {
          eligibleNodes: voter.eligibleNodes,
          allocations: JSON.parse(voter.countedBallot.allocations) as BallotAllocation[],
        }
      : null;
    const deltas = tallyDelta(previous, {
      eligibleNodes: voter.eligibleNodes,
      allocations: check.allocations,
    });
    for (const [proposalId, delta] of deltas) {
      await tx.roundProposal.update({
        where: { roundId_proposalId: { roundId, proposalId } },
        data: {
          net: { increment: delta.net },
          support: { increment: delta.support },
          opposition: { increment: delta.opposition },
          participatingNodes: { increment: delta.participatingNodes },
        },
        select: { proposalId: true },
      });
    }
    await tx.round.update({
      where: { id: roundId },
      data: { ballotCount: seq, headReceipt: receipt },
      select: { id: true },
    });
    await appendGovernanceEvent(
      tx,
      { type: ROUND_EVENT_TYPES.ballotCast, subject: roundSubject(roundId), data: { roundId, seq, receipt } },
      now,
    );
    return {
      roundId,
      seq,
      receipt,
      prevReceipt,
      cost: check.cost,
      budget: voter.budget,
      submittedAt,
      allocations: check.allocations,
    };
  });
}

/**
 * POST /api/v1/ballots: a ballot signed by a node, counted as its operator's (node-protocol.md
 * "Ballot from a node").
 */
export async function castNodeBallot(
  db: Db,
  {
    headers,
    method,
    path,
    bodyBytes,
    now,
    rateLimit,
  }: {
    headers: Headers;
    method: string;
    path: string;
    bodyBytes: Uint8Array;
    now: Date;
    rateLimit?: RateLimitRule;
  },
): Promise<BallotReceiptResponse> {
  const { nodeId, operatorId } = await verifyNodeRequest(db, { headers, method, path, bodyBytes, now });
  const input = await parseJsonBytes(bodyBytes, ballotInputSchema);
  const result = await castBallot(db, {
    operatorId,
    roundId: input.roundId,
    allocations: input.allocations,
    source: "node",
    nodeId,
    now,
    rateLimit,
  });
  return { receipt: result.receipt, cost: result.cost, budget: result.budget };
}

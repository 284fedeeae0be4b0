import { DomainError } from "@/lib/domain/errors";
import { canonicalJson } from "@/lib/domain/governance/audit-event";
import { checkBallot, type BallotAllocation } from "@/lib/domain/voting/ballot";
import { ballotReceiptInput } from "@/lib/domain/voting/ballot-receipt";
import { nodeBallotRefusal } from "@/lib/domain/voting/node-ballot-permission";
import { tallyDelta, type TallyDelta } from "@/lib/domain/voting/quadratic-tally";
import type { WebBallotReceipt } from "@/lib/schemas/rounds";
import { ballotInputSchema, type BallotReceiptResponse } from "@/lib/schemas/voting";
import { sha256Hex } from "@/lib/server/platform/encoding";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, DbTransaction } from "@/lib/server/platform/db";
import { parseJsonBytes } from "@/lib/server/http/read-json-body";
import { authenticateNodeRequest, recordNodeRequest } from "@/lib/server/nodes/verify-node-request";
import { withGovernanceTransaction } from "@/lib/server/governance/governance-chain";
import { checkRateLimit, type RateLimitRule } from "@/lib/server/platform/rate-limit";
import { RATE_LIMITS } from "@/lib/server/platform/rate-limit-policies";
import { requestClusterPrefix } from "@/lib/server/nodes/request-source";
import { addNodePresence } from "@/lib/server/telemetry/presence-commands";
import { parseAllocations, roundClosedMessage, roundNotFoundMessage } from "@/lib/server/voting/round-state";

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
  /** The network cluster a node's ballot came from, for source "node". */
  sourcePrefix?: string;
  now: Date;
  /**
   * Only tests that drive one operator far past 30 ballots on purpose (the concurrency proof) pass a
   * wider rule; every production caller gets RATE_LIMITS.ballot.
   */
  rateLimit?: RateLimitRule;
}

interface BallotContextRow {
  number: number;
  state: string;
  closesAt: Date;
  closedAt: Date | null;
  ballotCount: number;
  headReceipt: string;
  eligibleNodes: number | null;
  /** A BIGINT column: the driver may give a bigint (or, on PostgreSQL, a string). */
  budget: number | bigint | string | null;
  countedBallotId: string | null;
  countedAllocations: string | null;
  proposalId: string | null;
}

/**
 * Everything a ballot is checked against in one query (this is the hot path of ballot ingest): the
 * round, the operator's place in it with the ballot that counts now, and the round's proposals (one row
 * per proposal, the rest repeated); null when there is no such round.
 */
async function loadBallotContext(
  tx: DbTransaction,
  { roundId, operatorId }: { roundId: string; operatorId: string },
) {
  const rows = await tx.$queryRaw<BallotContextRow[]>(Prisma.sql`
    SELECT r."number", r."state", r."closesAt", r."closedAt", r."ballotCount", r."headReceipt",
      v."eligibleNodes", v."budget", v."countedBallotId", b."allocations" AS "countedAllocations",
      p."proposalId"
    FROM "Round" r
    LEFT JOIN "RoundVoter" v ON v."roundId" = r."id" AND v."operatorId" = ${operatorId}
    LEFT JOIN "Ballot" b ON b."id" = v."countedBallotId"
    LEFT JOIN "RoundProposal" p ON p."roundId" = r."id"
    WHERE r."id" = ${roundId}`);
  const [first] = rows;
  if (!first) return null;
  const { eligibleNodes, budget, countedBallotId, countedAllocations } = first;
  return {
    round: first,
    voter:
      eligibleNodes === null || budget === null
        ? null
        : { eligibleNodes, budget: Number(budget), countedBallotId, countedAllocations },
    proposalIds: rows.flatMap((row) => (row.proposalId === null ? [] : [row.proposalId])),
  };
}

/** Moves every tally a ballot changed in one statement. */
async function applyTallyDeltas(tx: DbTransaction, roundId: string, deltas: Map<string, TallyDelta>) {
  if (deltas.size === 0) return;
  const entries = [...deltas];
  // CAST keeps PostgreSQL from typing the parameters as text; SQLite reads it the same way.
  const moved = (field: keyof TallyDelta) =>
    Prisma.sql`"${Prisma.raw(field)}" + CASE "proposalId" ${Prisma.join(
      entries.map(
        ([proposalId, delta]) => Prisma.sql`WHEN ${proposalId} THEN CAST(${delta[field]} AS INTEGER)`,
      ),
      " ",
    )} ELSE 0 END`;
  const updated = await tx.$executeRaw(Prisma.sql`
    UPDATE "RoundProposal" SET
      "net" = ${moved("net")},
      "support" = ${moved("support")},
      "opposition" = ${moved("opposition")},
      "participatingNodes" = ${moved("participatingNodes")}
    WHERE "roundId" = ${roundId} AND "proposalId" IN (${Prisma.join(entries.map(([proposalId]) => proposalId))})`);
  if (updated !== deltas.size) {
    throw new Error(`Round ${roundId}: ${deltas.size} tallies should move but ${updated} did.`);
  }
}

/** A stored ballot, or why it was refused once the request was counted against the rate limit. */
type BallotOutcome = { stored: CastBallotResult } | { refusal: DomainError };

/** Checks a ballot against the round as loaded in the transaction: the first refusal, or what it costs. */
function checkAgainstRound(
  { round, voter, proposalIds }: NonNullable<Awaited<ReturnType<typeof loadBallotContext>>>,
  { allocations, now }: { allocations: readonly BallotAllocation[]; now: Date },
) {
  if (round.state !== "Open" || now >= round.closesAt) {
    return new DomainError(
      "UNPROCESSABLE",
      `${roundClosedMessage(round)}; ballots can no longer be cast or changed. Its results are public once it is closed.`,
    );
  }
  if (!voter) {
    return new DomainError(
      "FORBIDDEN",
      `You have no vote in round ${round.number}: none of your nodes was eligible when it opened (a node must have proved its key, reported telemetry for the minimum node age and been present, with a signed report or ballot accepted, in enough of the hours before it opened). The round's ballot page says which hours each of your nodes missed. Keep your nodes reporting to vote in the next round.`,
    );
  }
  const check = checkBallot(allocations, { proposalIds, budget: voter.budget });
  if (!check.ok) {
    return new DomainError(
      "UNPROCESSABLE",
      `The ballot was not stored: ${check.problems.map((problem) => problem.message).join(" ")}`,
      { problems: check.problems, budget: voter.budget },
    );
  }
  return { voter, check };
}

/**
 * castBallot, with `recordRequest` run first in the ballot's transaction (a node request's replay
 * record), so a ballot from a node costs one write transaction, not three. What it stores is kept,
 * like the rate-limit count, when the ballot is refused.
 */
async function storeBallot(
  db: Db,
  { operatorId, roundId, allocations, source, nodeId, sourcePrefix, now, rateLimit }: CastBallotOptions,
  recordRequest: (tx: DbTransaction) => Promise<void>,
): Promise<CastBallotResult> {
  const outcome = await withGovernanceTransaction(db, async (tx): Promise<BallotOutcome> => {
    await recordRequest(tx);
    const limited = await checkRateLimit(
      tx,
      { ...RATE_LIMITS.ballot, ...rateLimit },
      { subject: operatorId, now },
    );
    if (limited) return { refusal: limited };
    const context = await loadBallotContext(tx, { roundId, operatorId });
    if (!context) return { refusal: new DomainError("NOT_FOUND", roundNotFoundMessage(roundId)) };
    const checked = checkAgainstRound(context, { allocations, now });
    if (checked instanceof DomainError) return { refusal: checked };
    const { voter, check } = checked;

    const submittedAt = now;
    const prevReceipt = context.round.headReceipt;
    const receipt = sha256Hex(
      ballotReceiptInput(prevReceipt, {
        roundId,
        operatorId,
        submittedAt: submittedAt.toISOString(),
        allocations: check.allocations,
      }),
    );
    const seq = context.round.ballotCount + 1;
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
        sourcePrefix: sourcePrefix ?? null,
      },
      select: { id: true },
    });
    // Raw updates: on this hot path a model query costs several times more to compile than to run.
    if (voter.countedBallotId) {
      await tx.$executeRaw`UPDATE "Ballot" SET "replacedAt" = ${now} WHERE "id" = ${voter.countedBallotId}`;
    }
    await tx.$executeRaw`
      UPDATE "RoundVoter" SET "countedBallotId" = ${ballot.id}
      WHERE "roundId" = ${roundId} AND "operatorId" = ${operatorId}`;
    const previous = voter.countedAllocations
      ? {
          eligibleNodes: voter.eligibleNodes,
          allocations: parseAllocations(voter.countedAllocations),
        }
      : null;
    await applyTallyDeltas(
      tx,
      roundId,
      tallyDelta(previous, { eligibleNodes: voter.eligibleNodes, allocations: check.allocations }),
    );
    await tx.$executeRaw`
      UPDATE "Round" SET "ballotCount" = ${seq}, "headReceipt" = ${receipt} WHERE "id" = ${roundId}`;
    // A node's accepted ballot is a signed request the platform received: it counts as presence.
    if (nodeId) await addNodePresence(tx, { nodeId, receivedAt: now });
    return {
      stored: {
        roundId,
        seq,
        receipt,
        prevReceipt,
        cost: check.cost,
        budget: voter.budget,
        submittedAt,
        allocations: check.allocations,
      },
    };
  });
  if ("refusal" in outcome) throw outcome.refusal;
  return outcome.stored;
}

/**
 * Stores an operator's ballot for a round, replacing their earlier one. The rate-limit count, the budget
 * check, the receipt chain, the counted-ballot switch and the running tallies all happen in one
 * transaction that holds the governance chain lock, so no interleaving of requests can spend more than
 * the budget or fork the chain.
 */
export function castBallot(db: Db, options: CastBallotOptions): Promise<CastBallotResult> {
  return storeBallot(db, options, async () => {});
}

/**
 * A ballot from the web form, counted as the signed-in operator's. The answer leaves out the receipt
 * before it and its seq: while the round is open either would count the round's ballots.
 */
export async function castWebBallot(
  db: Db,
  options: Omit<CastBallotOptions, "source" | "nodeId" | "sourcePrefix">,
): Promise<WebBallotReceipt> {
  const { roundId, receipt, cost, budget, submittedAt, allocations } = await castBallot(db, {
    ...options,
    source: "web",
  });
  return { roundId, receipt, cost, budget, submittedAt, allocations };
}

/**
 * POST /api/v1/ballots: a ballot signed by a node, counted as its operator's (node-protocol.md
 * "Ballot from a node"). Its replay record is stored in the ballot's transaction. A node its operator
 * has not allowed to vote (Node.mayVote) is refused with 403 right after its signature verified: before
 * the body is read or the round looked up, and before anything (replay record, rate-limit count) is
 * stored, so the refusal tells it nothing about the round.
 */
export async function castNodeBallot(
  db: Db,
  {
    headers,
    method,
    path,
    bodyBytes,
    now,
    publicUrl,
    rateLimit,
    sourceAddress,
  }: {
    headers: Headers;
    method: string;
    path: string;
    bodyBytes: Uint8Array;
    now: Date;
    /** Where operators reach the web app (PLENUM_PUBLIC_URL): the refusal links the node's page there. */
    publicUrl: string;
    rateLimit?: RateLimitRule;
    /** The address the request came from, as rate limits see it (clientIpFrom). */
    sourceAddress: string;
  },
): Promise<BallotReceiptResponse> {
  const request = await authenticateNodeRequest(db, { headers, method, path, bodyBytes, now });
  const refusal = nodeBallotRefusal(request, { publicUrl });
  if (refusal) throw refusal;
  const input = await parseJsonBytes(bodyBytes, ballotInputSchema);
  const sourcePrefix = await requestClusterPrefix(db, sourceAddress);
  const result = await storeBallot(
    db,
    {
      operatorId: request.operatorId,
      roundId: input.roundId,
      allocations: input.allocations,
      source: "node",
      nodeId: request.nodeId,
      sourcePrefix,
      now,
      rateLimit,
    },
    (tx) => recordNodeRequest(tx, request),
  );
  return { receipt: result.receipt, cost: result.cost, budget: result.budget };
}

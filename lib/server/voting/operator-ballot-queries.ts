import { DomainError } from "@/lib/domain/errors";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDateTime } from "@/lib/domain/format-time";
import { ballotReceiptInput } from "@/lib/domain/voting/ballot-receipt";
import { nodeReplacedWebBallot } from "@/lib/domain/voting/node-ballot-permission";
import { roundPhase } from "@/lib/domain/voting/round-phase";
import type { BallotReceiptDocument, OperatorBallot } from "@/lib/schemas/rounds";
import type { DbOrTransaction, Prisma } from "@/lib/server/platform/db";
import { eligibilityRules, explainUncountedNodes } from "@/lib/server/voting/eligibility-queries";
import { loadOperatorClusters } from "@/lib/server/voting/round-cluster-queries";
import { FACTS_SELECT, findRoundByNumber } from "@/lib/server/voting/round-facts";
import { noOpenRoundMessage, parseAllocations, rulesAtRoundOpen } from "@/lib/server/voting/round-state";

const COUNTED_BALLOT_SELECT = {
  seq: true,
  submittedAt: true,
  allocations: true,
  cost: true,
  receipt: true,
} as const satisfies Prisma.BallotSelect;

type StoredBallot = NonNullable<Extract<OperatorBallot, { isEligible: true }>["ballot"]>;

const OPERATOR_COUNTED_BALLOT_SELECT = {
  ...COUNTED_BALLOT_SELECT,
  source: true,
  nodeId: true,
} as const satisfies Prisma.BallotSelect;

/**
 * The counted ballot as its operator sees it: which of their nodes cast it (or the web), and the ballot
 * of theirs it replaced, so a node's ballot that replaced one they cast on the web does not go unseen.
 */
async function storedBallot(
  db: DbOrTransaction,
  {
    seq,
    allocations,
    nodeId,
    ...ballot
  }: Prisma.BallotGetPayload<{ select: typeof OPERATOR_COUNTED_BALLOT_SELECT }>,
  { roundId, operatorId, roundState }: { roundId: string; operatorId: string; roundState: string },
): Promise<StoredBallot> {
  const replaced = await db.ballot.findFirst({
    where: { roundId, operatorId, seq: { lt: seq } },
    orderBy: { seq: "desc" },
    select: { source: true, submittedAt: true, nodeId: true },
  });
  const nodeIds = [nodeId, replaced?.nodeId].filter((id): id is string => typeof id === "string");
  const nodes = nodeIds.length
    ? await db.node.findMany({ where: { id: { in: nodeIds } }, select: { id: true, name: true } })
    : [];
  const nodeOf = (id: string | null | undefined) =>
    id ? { id, name: nodes.find((node) => node.id === id)?.name ?? id } : null;
  return {
    ...ballot,
    cost: Number(ballot.cost),
    ...(roundState === "Open" ? {} : { seq }),
    allocations: parseAllocations(allocations),
    node: nodeOf(nodeId),
    replaced: replaced
      ? { source: replaced.source, submittedAt: replaced.submittedAt, node: nodeOf(replaced.nodeId) }
      : null,
    nodeReplacedWebBallot: nodeReplacedWebBallot(ballot, replaced),
  };
}

/** The operator's place in a round (the open one by default): budget, eligible nodes and the ballot that counts, or why they have none. */
export async function getBallotForOperator(
  db: DbOrTransaction,
  { operatorId, roundNumber, now }: { operatorId: string; roundNumber?: number; now: Date },
): Promise<OperatorBallot> {
  const row =
    roundNumber === undefined
      ? await db.round.findFirst({ where: { isOpen: true }, select: FACTS_SELECT })
      : await findRoundByNumber(db, roundNumber, FACTS_SELECT);
  if (!row) {
    throw new DomainError(
      "NOT_FOUND",
      `${await noOpenRoundMessage(db, now)} An admin can open one now with \`npm run admin -- round open\`. Past rounds and their results are at /rounds.`,
    );
  }
  const round = {
    id: row.id,
    number: row.number,
    phase: roundPhase(row, now),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    creditsPerNode: row.creditsPerNode,
  };
  const voter = await db.roundVoter.findUnique({
    where: { roundId_operatorId: { roundId: row.id, operatorId } },
    select: {
      budget: true,
      eligibleNodes: true,
      countedBallot: { select: OPERATOR_COUNTED_BALLOT_SELECT },
    },
  });
  const rules = eligibilityRules(await rulesAtRoundOpen(db, row));
  const uncounted = await explainUncountedNodes(db, { round: row, operatorId, rules });
  if (!voter) {
    const nodes = await db.node.count({ where: { operatorId } });
    const { minNodeAgeDays, minUptimeForVoting } = rules;
    const proof = `A node counts when it has proved its key, has reported telemetry for at least ${formatNumber(minNodeAgeDays)} days before the round opened and was present in at least ${formatPercent(minUptimeForVoting)} of the ${formatNumber(minNodeAgeDays * 24)} hours before it (proof of service: an hour counts when the platform accepted at least one signed report or ballot from the node in it).`;
    const next =
      nodes === 0
        ? "You have no nodes yet: create an enrolment token at /tokens and enrol one; once it has served long enough it brings you voice credits in later rounds."
        : `None of your ${formatNumber(nodes)} ${nodes === 1 ? "node" : "nodes"} met it when round ${row.number} opened on ${formatDateTime(row.opensAt)}. Keep them reporting and they will count in a later round.`;
    return {
      round,
      isEligible: false,
      reason: `You cannot vote in round ${row.number}: you had no eligible node when it opened. ${proof} ${next}`,
      ...uncounted,
      minNodeAgeDays,
      minUptimeForVoting,
    };
  }
  const clusters = await loadOperatorClusters(db, {
    roundId: row.id,
    operatorId,
    creditsPerNode: row.creditsPerNode,
  });
  const ballot = voter.countedBallot;
  return {
    round,
    isEligible: true,
    ...uncounted,
    budget: Number(voter.budget),
    eligibleNodes: voter.eligibleNodes,
    nodeNames: clusters.flatMap((cluster) => cluster.nodeNames).sort(),
    clusters,
    ballot: ballot
      ? await storedBallot(db, ballot, { roundId: row.id, operatorId, roundState: row.state })
      : null,
  };
}

/**
 * The receipt document of a closed round's counted ballot. While the round is open it is withheld: the
 * receipt before yours and the hashed text would let anyone holding two receipts in a row try every
 * small allocation until one hashes right, and so learn a ballot before the round closes.
 */
export async function getBallotReceipt(
  db: DbOrTransaction,
  { operatorId, roundNumber }: { operatorId: string; roundNumber: number },
): Promise<BallotReceiptDocument> {
  const round = await findRoundByNumber(db, roundNumber, { id: true, number: true, state: true });
  const voter = await db.roundVoter.findUnique({
    where: { roundId_operatorId: { roundId: round.id, operatorId } },
    select: { budget: true, countedBallot: { select: { ...COUNTED_BALLOT_SELECT, prevReceipt: true } } },
  });
  const ballot = voter?.countedBallot;
  if (!voter || !ballot) {
    throw new DomainError(
      "NOT_FOUND",
      `You have no ballot in round ${round.number}, so there is no receipt. While the round is open you can vote at /rounds/${round.number}/ballot.`,
    );
  }
  if (round.state === "Open") {
    throw new DomainError(
      "CONFLICT",
      `Round ${round.number} has not closed yet. Your receipt is shown at /rounds/${round.number}/ballot; the full receipt document, with the receipt before yours, becomes available when the round closes, and then \`npm run verify\` checks every ballot and tally.`,
    );
  }
  const fields = {
    roundId: round.id,
    operatorId,
    submittedAt: ballot.submittedAt.toISOString(),
    allocations: parseAllocations(ballot.allocations),
  };
  return {
    ...fields,
    roundNumber: round.number,
    seq: ballot.seq,
    cost: Number(ballot.cost),
    budget: Number(voter.budget),
    prevReceipt: ballot.prevReceipt,
    receipt: ballot.receipt,
    hashedText: ballotReceiptInput(ballot.prevReceipt, fields),
    howToCheck:
      'receipt = hex(sha256(prevReceipt + "\\n" + canonical({ roundId, operatorId, submittedAt, allocations }))): hashedText is that input, so `printf %s "$hashedText" | sha256sum` must print the receipt. ' +
      `Round ${round.number}'s ballots are public at /api/v1/rounds/${round.id}/ballots: find your receipt there and run \`npm run verify -- <server URL>\` to recompute the whole chain and every tally.`,
  };
}

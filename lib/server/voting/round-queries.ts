import { DomainError } from "@/lib/domain/errors";
import { formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDateTime } from "@/lib/domain/format-time";
import { describeProposalChange } from "@/lib/domain/governance/proposal-changes";
import {
  isParameterKey,
  PARAMETER_KEYS,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import type { ParameterChange } from "@/lib/domain/parameters/diff";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";
import { ballotReceiptInput } from "@/lib/domain/voting/ballot-receipt";
import { turnout } from "@/lib/domain/voting/quadratic-tally";
import { isRoundOutcome, ROUND_OUTCOMES, type RoundOutcome } from "@/lib/domain/voting/ratify-round";
import {
  castVotingPower,
  potentialVotingPower,
  type VotingPowerSummary,
} from "@/lib/domain/voting/voting-power";
import type { DbOrTransaction, Prisma } from "@/lib/server/platform/db";
import { listConfigHistory } from "@/lib/server/governance/issue-config-version";
import {
  noOpenRoundMessage,
  paramsAtRoundOpen,
  rulesAtRoundOpen,
  ROUND_PROPOSAL_SELECT,
} from "@/lib/server/voting/round-state";

/** open: ballots are taken; counting: past closesAt, waiting for the worker to close it; closed: decided. */
export type RoundPhase = "open" | "counting" | "closed";

export interface RoundFacts {
  id: string;
  number: number;
  phase: RoundPhase;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  /** The config version whose rules (gov.*) the round copied when it opened. */
  rulesVersion: number;
  creditsPerNode: number;
  quorum: number;
  metaSupermajority: number;
  /** Operators with at least one eligible node (a budget), and their eligible nodes in all. */
  eligibleOperators: number;
  eligibleNodes: number;
  /**
   * Operators with a ballot that counts (the voters so far), and the eligible nodes behind them. Not turnout:
   * turnout is per proposal and counts only operators with a non-zero vote on it.
   */
  votedOperators: number;
  votedNodes: number;
  configVersion: number | null;
  closeBlockedReason: string | null;
}

export interface RoundListItem extends RoundFacts {
  proposals: number;
  /** Closed rounds only: how many proposals ended in each outcome. */
  outcomes: Record<RoundOutcome, number> | null;
}

export interface RoundProposalChange {
  key: ParameterKey;
  label: string;
  /** The value in force when the round opened. */
  fromValue: number;
  toValue: number;
  changeText: string | null;
  sentence: string;
}

export interface RoundProposalResult {
  net: number;
  support: number;
  opposition: number;
  outcome: RoundOutcome;
  reason: string;
}

export interface RoundProposalOverview {
  id: string;
  title: string;
  summary: string;
  author: { id: string; displayName: string };
  touchesGov: boolean;
  changes: RoundProposalChange[];
  participatingNodes: number;
  turnout: number;
  /** Null until the round closes: net votes stay hidden while it is open, so no one votes with the herd. */
  result: RoundProposalResult | null;
}

export interface RoundOverview extends RoundFacts {
  proposals: RoundProposalOverview[];
}

export const ROUNDS_MAX_LIMIT = 100;

const FACTS_SELECT = {
  id: true,
  number: true,
  state: true,
  opensAt: true,
  closesAt: true,
  closedAt: true,
  rulesVersion: true,
  creditsPerNode: true,
  quorum: true,
  metaSupermajority: true,
  eligibleNodes: true,
  configVersion: true,
  closeBlockedReason: true,
} as const satisfies Prisma.RoundSelect;

type FactsRow = Prisma.RoundGetPayload<{ select: typeof FACTS_SELECT }>;

const COUNTED_BALLOT_SELECT = {
  seq: true,
  submittedAt: true,
  allocations: true,
  cost: true,
  receipt: true,
} as const satisfies Prisma.BallotSelect;

type BallotCounts = Pick<RoundFacts, "eligibleOperators" | "votedOperators" | "votedNodes">;

const HOW_ROUNDS_OPEN =
  "A round opens every gov.roundLengthHours with every proposal queued at that moment (an admin can open one now with `npm run admin -- round open`).";

function phaseOf(row: { state: string; closesAt: Date }, now: Date): RoundPhase {
  if (row.state !== "Open") return "closed";
  return now < row.closesAt ? "open" : "counting";
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const CATALOGUE_ORDER = new Map<string, number>(PARAMETER_KEYS.map((key, index) => [key, index]));

/** A proposal's stored changes in catalogue order, described against the values in force when the round opened. */
function roundChanges(
  changes: readonly { key: string; toValue: number }[],
  before: ParameterValues,
): RoundProposalChange[] {
  return changes
    .filter((change): change is { key: ParameterKey; toValue: number } => isParameterKey(change.key))
    .sort((a, b) => CATALOGUE_ORDER.get(a.key)! - CATALOGUE_ORDER.get(b.key)!)
    .map(({ key, toValue }) => ({
      key,
      fromValue: before[key],
      toValue,
      ...describeProposalChange(key, before[key], toValue),
    }));
}

function parseAllocations(text: string): BallotAllocation[] {
  return JSON.parse(text) as BallotAllocation[];
}

/** Per round: operators with a budget, those whose ballot counts and the eligible nodes behind them. */
async function countBallots(
  db: DbOrTransaction,
  roundIds: readonly string[],
): Promise<Map<string, BallotCounts>> {
  const [all, cast] = await Promise.all([
    db.roundVoter.groupBy({
      by: ["roundId"],
      where: { roundId: { in: [...roundIds] } },
      _count: { _all: true },
    }),
    db.roundVoter.groupBy({
      by: ["roundId"],
      where: { roundId: { in: [...roundIds] }, countedBallotId: { not: null } },
      _count: { _all: true },
      _sum: { eligibleNodes: true },
    }),
  ]);
  const eligibleById = new Map(all.map((group) => [group.roundId, group._count._all]));
  const castById = new Map(cast.map((group) => [group.roundId, group]));
  return new Map(
    roundIds.map((roundId): [string, BallotCounts] => {
      const group = castById.get(roundId);
      return [
        roundId,
        {
          eligibleOperators: eligibleById.get(roundId) ?? 0,
          votedOperators: group?._count._all ?? 0,
          votedNodes: group?._sum.eligibleNodes ?? 0,
        },
      ];
    }),
  );
}

function toFacts(row: FactsRow, counts: BallotCounts, now: Date): RoundFacts {
  const { state: _state, ...rest } = row;
  return { ...rest, phase: phaseOf(row, now), ...counts };
}

async function findRound<S extends Prisma.RoundSelect>(
  db: DbOrTransaction,
  roundNumber: number,
  select: S,
): Promise<Prisma.RoundGetPayload<{ select: S }>> {
  const row = await db.round.findUnique({ where: { number: roundNumber }, select });
  if (row) return row;
  const latest = await db.round.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
  throw new DomainError(
    "NOT_FOUND",
    latest
      ? `There is no round ${roundNumber}; rounds run from 1 to ${latest.number}. See every round at /rounds.`
      : `There is no round ${roundNumber}: no voting round has opened yet. ${HOW_ROUNDS_OPEN}`,
  );
}

/** Rounds newest first, `limit` at a time; pass `nextBeforeNumber` back as `beforeNumber` for the next page. */
export async function listRounds(
  db: DbOrTransaction,
  { limit, beforeNumber, now }: { limit: number; beforeNumber?: number; now: Date },
): Promise<{ rounds: RoundListItem[]; nextBeforeNumber: number | null }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > ROUNDS_MAX_LIMIT) {
    throw new DomainError(
      "BAD_INPUT",
      `limit must be a whole number from 1 to ${ROUNDS_MAX_LIMIT}; got ${limit}.`,
    );
  }
  const rows = await db.round.findMany({
    where: beforeNumber === undefined ? {} : { number: { lt: beforeNumber } },
    orderBy: { number: "desc" },
    take: limit + 1,
    select: { ...FACTS_SELECT, proposals: { select: { outcome: true } } },
  });
  const page = rows.slice(0, limit);
  const counts = await countBallots(
    db,
    page.map((row) => row.id),
  );
  const rounds = page.map(({ proposals, ...row }): RoundListItem => {
    const outcomes = Object.fromEntries(ROUND_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
      RoundOutcome,
      number
    >;
    for (const { outcome } of proposals) if (isRoundOutcome(outcome)) outcomes[outcome] += 1;
    return {
      ...toFacts(row, counts.get(row.id)!, now),
      proposals: proposals.length,
      outcomes: row.state === "Open" ? null : outcomes,
    };
  });
  return { rounds, nextBeforeNumber: rows.length > limit ? (page.at(-1)?.number ?? null) : null };
}

/** One round with its proposals; while it is open only the voters and each proposal's turnout, after close every number and outcome. */
export async function getRoundOverview(
  db: DbOrTransaction,
  { roundNumber, now }: { roundNumber: number; now: Date },
): Promise<RoundOverview> {
  const row = await findRound(db, roundNumber, {
    ...FACTS_SELECT,
    proposals: {
      select: {
        ...ROUND_PROPOSAL_SELECT,
        proposal: {
          select: {
            id: true,
            title: true,
            summary: true,
            publishedAt: true,
            author: { select: { id: true, displayName: true } },
            changes: { select: { key: true, toValue: true } },
          },
        },
      },
    },
  });
  const [counts, before] = await Promise.all([countBallots(db, [row.id]), paramsAtRoundOpen(db, row)]);
  const facts = toFacts(row, counts.get(row.id)!, now);
  const proposals = row.proposals.map((entry) => {
    const { proposal } = entry;
    const result: RoundProposalResult | null =
      facts.phase === "closed" && isRoundOutcome(entry.outcome)
        ? {
            net: entry.net,
            support: entry.support,
            opposition: entry.opposition,
            outcome: entry.outcome,
            reason: entry.reason ?? "",
          }
        : null;
    const overview: RoundProposalOverview = {
      id: proposal.id,
      title: proposal.title,
      summary: proposal.summary,
      author: proposal.author,
      touchesGov: entry.touchesGov,
      changes: roundChanges(proposal.changes, before),
      participatingNodes: entry.participatingNodes,
      turnout: turnout(entry.participatingNodes, row.eligibleNodes),
      result,
    };
    return { overview, publishedAt: proposal.publishedAt?.getTime() ?? 0 };
  });
  // Open: the order they were published in; closed: the order ratification considered them (net votes, then id).
  proposals.sort(
    (a, b) =>
      (b.overview.result?.net ?? 0) - (a.overview.result?.net ?? 0) ||
      (facts.phase === "closed" ? 0 : a.publishedAt - b.publishedAt) ||
      compareIds(a.overview.id, b.overview.id),
  );
  return { ...facts, proposals: proposals.map(({ overview }) => overview) };
}

export interface StoredBallot {
  /** The ballot's place in the receipt chain, only once the round is closed: it would count the ballots before. */
  seq?: number;
  submittedAt: Date;
  allocations: BallotAllocation[];
  cost: number;
  /** The receipt alone; the one before it and the hashed text come with the receipt document after close. */
  receipt: string;
  source: string;
}

export type OperatorBallot = {
  round: Pick<RoundFacts, "id" | "number" | "phase" | "opensAt" | "closesAt" | "creditsPerNode">;
} & (
  | {
      isEligible: true;
      budget: number;
      eligibleNodes: number;
      nodeNames: string[];
      ballot: StoredBallot | null;
    }
  | {
      isEligible: false;
      /** Why the operator has no budget this round, and what to do about it. */
      reason: string;
      minNodeAgeDays: number;
      minUptimeForVoting: number;
    }
);

/** The counted ballot as its operator sees it. */
function storedBallot(
  {
    seq,
    allocations,
    ...ballot
  }: Prisma.BallotGetPayload<{ select: typeof COUNTED_BALLOT_SELECT & { source: true } }>,
  roundState: string,
): StoredBallot {
  return { ...ballot, ...(roundState === "Open" ? {} : { seq }), allocations: parseAllocations(allocations) };
}

/** The operator's place in a round (the open one by default): budget, eligible nodes and the ballot that counts, or why they have none. */
export async function getBallotForOperator(
  db: DbOrTransaction,
  { operatorId, roundNumber, now }: { operatorId: string; roundNumber?: number; now: Date },
): Promise<OperatorBallot> {
  const row =
    roundNumber === undefined
      ? await db.round.findFirst({ where: { isOpen: true }, select: FACTS_SELECT })
      : await findRound(db, roundNumber, FACTS_SELECT);
  if (!row) {
    throw new DomainError(
      "NOT_FOUND",
      `${await noOpenRoundMessage(db, now)} An admin can open one now with \`npm run admin -- round open\`. Past rounds and their results are at /rounds.`,
    );
  }
  const round = {
    id: row.id,
    number: row.number,
    phase: phaseOf(row, now),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    creditsPerNode: row.creditsPerNode,
  };
  const voter = await db.roundVoter.findUnique({
    where: { roundId_operatorId: { roundId: row.id, operatorId } },
    select: {
      budget: true,
      eligibleNodes: true,
      countedBallot: { select: { ...COUNTED_BALLOT_SELECT, source: true } },
    },
  });
  if (!voter) {
    const [rules, nodes] = await Promise.all([
      rulesAtRoundOpen(db, row),
      db.node.count({ where: { operatorId } }),
    ]);
    const minNodeAgeDays = rules["gov.minNodeAgeDays"];
    const minUptimeForVoting = rules["gov.minUptimeForVoting"];
    const proof = `A node counts when it has proved its key, has reported telemetry for at least ${formatNumber(minNodeAgeDays)} days before the round opened and was up at least ${formatPercent(minUptimeForVoting)} of that time (proof of service).`;
    const next =
      nodes === 0
        ? "You have no nodes yet: create an enrolment token at /tokens and enrol one; once it has served long enough it brings you voice credits in later rounds."
        : `None of your ${formatNumber(nodes)} ${nodes === 1 ? "node" : "nodes"} met it when round ${row.number} opened on ${formatDateTime(row.opensAt)}. Keep them reporting and they will count in a later round.`;
    return {
      round,
      isEligible: false,
      reason: `You cannot vote in round ${row.number}: you had no eligible node when it opened. ${proof} ${next}`,
      minNodeAgeDays,
      minUptimeForVoting,
    };
  }
  const nodes = await db.roundEligibleNode.findMany({
    where: { roundId: row.id, operatorId },
    select: { node: { select: { name: true } } },
  });
  const ballot = voter.countedBallot;
  return {
    round,
    isEligible: true,
    budget: voter.budget,
    eligibleNodes: voter.eligibleNodes,
    nodeNames: nodes.map((entry) => entry.node.name).sort(),
    ballot: ballot ? storedBallot(ballot, row.state) : null,
  };
}

export interface VoteDistributionBar {
  /** Votes one operator put on the proposal: negative against, positive for (never 0). */
  votes: number;
  operators: number;
}

export interface RoundProposalOutcome extends RoundProposalResult {
  id: string;
  title: string;
  touchesGov: boolean;
  participatingNodes: number;
  turnout: number;
  /** Operators per number of votes cast on it, fewest votes first. */
  distribution: VoteDistributionBar[];
  /** Operators with a counted ballot that put no vote on it. */
  abstained: number;
}

export interface RoundResults {
  round: RoundFacts;
  /** In the order ratification considered them: net votes highest first, ties by id. */
  proposals: RoundProposalOutcome[];
  /** Decentralisation of effective voting power over operators (⌊√budget⌋ each), and of the votes actually cast. */
  votingPower: { potential: VotingPowerSummary; cast: VotingPowerSummary };
  /** The config version the round's ratification created, with its diff to the version before; null when nothing passed. */
  configVersion: {
    version: number;
    issuedAt: Date;
    activateAt: Date;
    activatedAt: Date | null;
    isActive: boolean;
    changes: ParameterChange[];
  } | null;
  /** The public export of every counted ballot with receipts, for independent recounts. */
  ballotsExportPath: string;
}

/** A closed round's outcome per proposal, the distribution of votes, the decentralisation of voting power and the config it created. */
export async function getRoundResults(
  db: DbOrTransaction,
  { roundNumber, now }: { roundNumber: number; now: Date },
): Promise<RoundResults> {
  const row = await findRound(db, roundNumber, {
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
  const votesByProposal = new Map<string, Map<number, number>>();
  for (const ballot of ballots) {
    for (const { proposalId, votes } of ballot.allocations) {
      if (votes === 0) continue;
      const bars = votesByProposal.get(proposalId) ?? new Map<number, number>();
      bars.set(votes, (bars.get(votes) ?? 0) + 1);
      votesByProposal.set(proposalId, bars);
    }
  }
  const outcomes = proposals
    .map((entry): RoundProposalOutcome => {
      if (!isRoundOutcome(entry.outcome)) {
        throw new Error(`Closed round ${row.number} has proposal ${entry.proposal.id} without an outcome`);
      }
      const distribution = [...(votesByProposal.get(entry.proposal.id) ?? new Map<number, number>())]
        .map(([votes, operators]) => ({ votes, operators }))
        .sort((a, b) => a.votes - b.votes);
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
        distribution,
        abstained: ballots.length - distribution.reduce((sum, bar) => sum + bar.operators, 0),
      };
    })
    .sort((a, b) => b.net - a.net || compareIds(a.id, b.id));
  const counts = await countBallots(db, [row.id]);
  let configVersion: RoundResults["configVersion"] = null;
  if (row.configVersion !== null) {
    const [entry] = (await listConfigHistory(db, { limit: 1, beforeVersion: row.configVersion + 1 })).entries;
    if (entry) {
      const { version, issuedAt, activateAt, activatedAt, isActive, changes } = entry;
      configVersion = { version, issuedAt, activateAt, activatedAt, isActive, changes };
    }
  }
  return {
    round: toFacts(facts, counts.get(row.id)!, now),
    proposals: outcomes,
    votingPower: {
      potential: potentialVotingPower(voters.map((voter) => voter.budget)),
      cast: castVotingPower(ballots),
    },
    configVersion,
    ballotsExportPath: `/api/v1/rounds/${encodeURIComponent(row.id)}/ballots`,
  };
}

/** The receipt of an operator's counted ballot as a document they can keep and check on their own. */
export interface BallotReceiptDocument {
  roundId: string;
  roundNumber: number;
  operatorId: string;
  seq: number;
  /** ISO-8601 UTC, exactly as the receipt hashes it. */
  submittedAt: string;
  allocations: BallotAllocation[];
  cost: number;
  budget: number;
  prevReceipt: string;
  receipt: string;
  /** The exact text whose SHA-256 (lower-case hex) is `receipt`. */
  hashedText: string;
  howToCheck: string;
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
  const round = await findRound(db, roundNumber, { id: true, number: true, state: true });
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
    cost: ballot.cost,
    budget: voter.budget,
    prevReceipt: ballot.prevReceipt,
    receipt: ballot.receipt,
    hashedText: ballotReceiptInput(ballot.prevReceipt, fields),
    howToCheck:
      'receipt = hex(sha256(prevReceipt + "\\n" + canonical({ roundId, operatorId, submittedAt, allocations }))): hashedText is that input, so `printf %s "$hashedText" | sha256sum` must print the receipt. ' +
      `Round ${round.number}'s ballots are public at /api/v1/rounds/${round.id}/ballots: find your receipt there and run \`npm run verify -- <server URL>\` to recompute the whole chain and every tally.`,
  };
}

/** The round a proposal was put to the vote in, or null when it never was. */
export async function getProposalRound(
  db: DbOrTransaction,
  { proposalId, now }: { proposalId: string; now: Date },
): Promise<{ roundNumber: number; phase: RoundPhase; outcome: RoundOutcome | null } | null> {
  const entry = await db.roundProposal.findUnique({
    where: { proposalId },
    select: { outcome: true, round: { select: { number: true, state: true, closesAt: true } } },
  });
  if (!entry) return null;
  const phase = phaseOf(entry.round, now);
  return {
    roundNumber: entry.round.number,
    phase,
    outcome: phase === "closed" && isRoundOutcome(entry.outcome) ? entry.outcome : null,
  };
}

import { DomainError } from "@/lib/domain/errors";
import { describeProposalChange } from "@/lib/domain/governance/proposal-changes";
import {
  isParameterKey,
  PARAMETER_KEYS,
  type ParameterKey,
  type ParameterValues,
} from "@/lib/domain/parameters/catalogue";
import { turnout } from "@/lib/domain/voting/quadratic-tally";
import { countOutcomes } from "@/lib/domain/voting/ratify-round";
import { compareRoundProposals } from "@/lib/domain/voting/round-order";
import { publicOutcome, roundPhase } from "@/lib/domain/voting/round-phase";
import {
  ROUNDS_MAX_LIMIT,
  type ProposalRound,
  type RoundList,
  type RoundOverview,
} from "@/lib/schemas/rounds";
import type { DbOrTransaction } from "@/lib/server/platform/db";
import { getRoundClusterPower } from "@/lib/server/voting/round-cluster-queries";
import { countBallots, FACTS_SELECT, findRoundByNumber, toRoundFacts } from "@/lib/server/voting/round-facts";
import { paramsAtRoundOpen, ROUND_PROPOSAL_SELECT } from "@/lib/server/voting/round-state";

type RoundProposalChange = RoundOverview["proposals"][number]["changes"][number];

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

/** Rounds newest first, `limit` at a time; pass `nextBeforeNumber` back as `beforeNumber` for the next page. */
export async function listRounds(
  db: DbOrTransaction,
  { limit, beforeNumber, now }: { limit: number; beforeNumber?: number; now: Date },
): Promise<RoundList> {
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
  const rounds = page.map(({ proposals, ...row }) => ({
    ...toRoundFacts(row, counts.get(row.id)!, now),
    proposals: proposals.length,
    outcomes: row.state === "Open" ? null : countOutcomes(proposals.map(({ outcome }) => outcome)),
  }));
  return { rounds, nextBeforeNumber: rows.length > limit ? (page.at(-1)?.number ?? null) : null };
}

/** One round with its proposals; while it is open only the voters and each proposal's turnout, after close every number and outcome. */
export async function getRoundOverview(
  db: DbOrTransaction,
  { roundNumber, now }: { roundNumber: number; now: Date },
): Promise<RoundOverview> {
  const row = await findRoundByNumber(db, roundNumber, {
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
  const [counts, before, votingPowerByCluster] = await Promise.all([
    countBallots(db, [row.id]),
    paramsAtRoundOpen(db, row),
    getRoundClusterPower(db, { roundId: row.id, creditsPerNode: row.creditsPerNode }),
  ]);
  const facts = toRoundFacts(row, counts.get(row.id)!, now);
  const proposals = row.proposals.map((entry) => {
    const { proposal } = entry;
    const outcome = publicOutcome(facts.phase, entry.outcome);
    const overview: RoundOverview["proposals"][number] = {
      id: proposal.id,
      title: proposal.title,
      summary: proposal.summary,
      author: proposal.author,
      touchesGov: entry.touchesGov,
      changes: roundChanges(proposal.changes, before),
      participatingNodes: entry.participatingNodes,
      turnout: turnout(entry.participatingNodes, row.eligibleNodes),
      result: outcome
        ? {
            net: entry.net,
            support: entry.support,
            opposition: entry.opposition,
            outcome,
            reason: entry.reason ?? "",
          }
        : null,
    };
    const order = {
      id: proposal.id,
      net: overview.result?.net ?? 0,
      publishedAt: proposal.publishedAt?.getTime() ?? 0,
    };
    return { overview, order };
  });
  proposals.sort((a, b) => compareRoundProposals(facts.phase, a.order, b.order));
  return { ...facts, votingPowerByCluster, proposals: proposals.map(({ overview }) => overview) };
}

/** The round a proposal was put to the vote in, or null when it never was. */
export async function getProposalRound(
  db: DbOrTransaction,
  { proposalId, now }: { proposalId: string; now: Date },
): Promise<ProposalRound> {
  const entry = await db.roundProposal.findUnique({
    where: { proposalId },
    select: { outcome: true, round: { select: { number: true, state: true, closesAt: true } } },
  });
  if (!entry) return null;
  const phase = roundPhase(entry.round, now);
  return { roundNumber: entry.round.number, phase, outcome: publicOutcome(phase, entry.outcome) };
}

import { DomainError } from "@/lib/domain/errors";
import { roundPhase } from "@/lib/domain/voting/round-phase";
import type { RoundFacts } from "@/lib/schemas/rounds";
import type { DbOrTransaction, Prisma } from "@/lib/server/platform/db";

export const FACTS_SELECT = {
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

type BallotCounts = Pick<RoundFacts, "eligibleOperators" | "votedOperators" | "votedNodes">;

const HOW_ROUNDS_OPEN =
  "A round opens every gov.roundLengthHours with every proposal queued at that moment (an admin can open one now with `npm run admin -- round open`).";

/** Per round: operators with a budget, those whose ballot counts and the eligible nodes behind them. */
export async function countBallots(
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

export function toRoundFacts(row: FactsRow, counts: BallotCounts, now: Date): RoundFacts {
  const { state: _state, ...rest } = row;
  return { ...rest, phase: roundPhase(row, now), ...counts };
}

/** The round numbered `roundNumber`; NOT_FOUND names the rounds that exist, or says how the first one opens. */
export async function findRoundByNumber<S extends Prisma.RoundSelect>(
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

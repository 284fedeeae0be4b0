import { DomainError } from "@/lib/domain/errors";
import { formatDateTime } from "@/lib/domain/format-time";
import type { DbOrTransaction } from "@/lib/server/db";

export const HOUR_MS = 3_600_000;

const ROUND_FIELDS = {
  id: true,
  number: true,
  state: true,
  opensAt: true,
  closesAt: true,
  closedAt: true,
  eligibleNodes: true,
  creditsPerNode: true,
  quorum: true,
  metaSupermajority: true,
  ballotCount: true,
  headReceipt: true,
} as const;

export type RoundRow = Awaited<ReturnType<typeof loadRound>>;

/** The round `roundId` names, or the open one without it; NOT_FOUND says how to go on. */
export async function loadRound(db: DbOrTransaction, roundId?: string) {
  const round = await db.round.findFirst({
    where: roundId === undefined ? { isOpen: true } : { id: roundId },
    select: ROUND_FIELDS,
  });
  if (round) return round;
  throw new DomainError(
    "NOT_FOUND",
    roundId === undefined
      ? "No voting round is open. Rounds open on their own when proposals are queued; an admin can open one now with `npm run admin -- round open`."
      : `Round ${roundId} does not exist. GET /api/v1/rounds/current names the round that is open now.`,
  );
}

/** "Round 3 closed at 25 Nov 2026, 14:05 UTC": the plain words for a round that takes no more ballots. */
export function roundClosedMessage(round: Pick<RoundRow, "number" | "closesAt" | "closedAt">): string {
  return `Round ${round.number} closed at ${formatDateTime(round.closedAt ?? round.closesAt)}`;
}

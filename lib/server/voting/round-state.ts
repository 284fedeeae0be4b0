import { parseConfigEnvelope } from "@/lib/domain/config/envelope";
import { DomainError } from "@/lib/domain/errors";
import { formatDateTime } from "@/lib/domain/format-time";
import { needsBaseConfirmation } from "@/lib/domain/governance/proposal-changes";
import type { ParameterValues } from "@/lib/domain/parameters/catalogue";
import type { BallotAllocation } from "@/lib/domain/voting/ballot";
import type { DbOrTransaction, Prisma } from "@/lib/server/platform/db";
import { newestConfigVersion } from "@/lib/server/governance/config-version-queries";

/** A proposal's place in a round: its running tally and, once closed, its outcome. */
export const ROUND_PROPOSAL_SELECT = {
  touchesGov: true,
  net: true,
  support: true,
  opposition: true,
  participatingNodes: true,
  outcome: true,
  reason: true,
} as const satisfies Prisma.RoundProposalSelect;

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

/** A stored ballot's allocations, kept as canonical JSON. */
export function parseAllocations(text: string): BallotAllocation[] {
  return JSON.parse(text) as BallotAllocation[];
}

/** The round `roundId` names, or the open one without it; NOT_FOUND says how to go on. */
export async function loadRound(db: DbOrTransaction, { roundId, now }: { roundId?: string; now: Date }) {
  const round = await db.round.findFirst({
    where: roundId === undefined ? { isOpen: true } : { id: roundId },
    select: ROUND_FIELDS,
  });
  if (round) return round;
  throw new DomainError(
    "NOT_FOUND",
    roundId === undefined
      ? `${await noOpenRoundMessage(db, now)} An admin can open one now with \`npm run admin -- round open\`.`
      : roundNotFoundMessage(roundId),
  );
}

export function roundNotFoundMessage(roundId: string): string {
  return `Round ${roundId} does not exist. GET /api/v1/rounds/current names the round that is open now.`;
}

/** "Round 3 closed at 25 Nov 2026, 14:05 UTC": the plain words for a round that takes no more ballots. */
export function roundClosedMessage(round: Pick<RoundRow, "number" | "closesAt" | "closedAt">): string {
  return `Round ${round.number} closed at ${formatDateTime(round.closedAt ?? round.closesAt)}`;
}

/**
 * Why no round takes ballots at `now`, and when the next one opens (the worker opens a round once the
 * last one's time is up and a proposal is queued whose changed parameters still have the values it was
 * written against; the others wait for their authors). Callers add what their reader can do about it.
 */
export async function noOpenRoundMessage(db: DbOrTransaction, now: Date): Promise<string> {
  const [last, queued] = await Promise.all([
    db.round.findFirst({
      orderBy: { number: "desc" },
      select: { number: true, state: true, closesAt: true, closedAt: true },
    }),
    db.proposal.findMany({
      where: { state: "Queued" },
      select: { baseVersion: true, changes: { select: { key: true, fromValue: true } } },
    }),
  ]);
  const lastRound = !last
    ? "No round has opened yet."
    : last.state === "Open"
      ? `Round ${last.number} stopped taking ballots at ${formatDateTime(last.closesAt)} and is being counted.`
      : `${roundClosedMessage(last)}.`;
  const newest = queued.length > 0 ? await newestConfigVersion(db) : null;
  const heldBack = queued.filter((proposal) => newest && needsBaseConfirmation(proposal, newest)).length;
  const ready = queued.length - heldBack;
  const proposals = ready === 1 ? "1 queued proposal goes" : `${ready} queued proposals go`;
  const next =
    ready === 0
      ? "No proposal is queued for a vote; the next round opens once one is."
      : last && last.closesAt > now
        ? `${proposals} to the next round, which opens after ${formatDateTime(last.closesAt)}.`
        : `${proposals} to the next round, which opens at the worker's next check (within minutes).`;
  const waiting =
    heldBack === 0
      ? ""
      : ` ${heldBack === 1 ? "1 queued proposal waits for its author to confirm its changes" : `${heldBack} queued proposals wait for their authors to confirm their changes`} against the current values before going to a round.`;
  return `No voting round is open. ${lastRound} ${next}${waiting}`;
}

/**
 * The parameter values a round's proposals are shown against: those of the newest config version issued
 * by the time it opened, which its passed proposals will be applied to (it may not have been active yet).
 */
export async function paramsAtRoundOpen(
  db: DbOrTransaction,
  round: { opensAt: Date },
): Promise<ParameterValues> {
  return (await newestConfigVersion(db, { issuedBy: round.opensAt })).params;
}

/** The rules of the config version a round copied them from (`rulesVersion`): the version active when it opened. */
export async function rulesAtRoundOpen(
  db: DbOrTransaction,
  round: { rulesVersion: number },
): Promise<ParameterValues> {
  const row = await db.configVersion.findUniqueOrThrow({
    where: { version: round.rulesVersion },
    select: { envelope: true },
  });
  return parseConfigEnvelope(row.envelope).params;
}

import { roundPhase } from "@/lib/domain/voting/round-phase";

export const HOUR_MS = 3_600_000;

/** A round takes ballots for gov.roundLengthHours from the moment it opens. */
export function roundClosesAt(opensAt: Date, roundLengthHours: number): Date {
  return new Date(opensAt.getTime() + roundLengthHours * HOUR_MS);
}

/** The config version a round's ratification issues takes effect gov.enactmentDelayHours after the close. */
export function configActivatesAt(closedAt: Date, enactmentDelayHours: number): Date {
  return new Date(closedAt.getTime() + enactmentDelayHours * HOUR_MS);
}

/** The next round is due when there was none yet, or the last one is closed and its planned time is over. */
export function isNextRoundDue(last: { state: string; closesAt: Date } | null, now: Date): boolean {
  return !last || (roundPhase(last, now) === "closed" && last.closesAt <= now);
}

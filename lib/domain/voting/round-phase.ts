import { isRoundOutcome, type RoundOutcome } from "@/lib/domain/voting/ratify-round";

export const ROUND_PHASES = ["open", "counting", "closed"] as const;
/** open: ballots are taken; counting: past closesAt, waiting for the worker to close it; closed: decided. */
export type RoundPhase = (typeof ROUND_PHASES)[number];

/** A stored round is open until its closesAt, being counted from then until it is closed, then closed. */
export function roundPhase(round: { state: string; closesAt: Date }, now: Date): RoundPhase {
  if (round.state !== "Open") return "closed";
  return now < round.closesAt ? "open" : "counting";
}

/** A proposal's outcome is public only once its round is closed, so no one votes with the herd. */
export function publicOutcome(phase: RoundPhase, outcome: string | null): RoundOutcome | null {
  return phase === "closed" && isRoundOutcome(outcome) ? outcome : null;
}

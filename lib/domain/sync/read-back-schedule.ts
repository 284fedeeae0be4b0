import { withJitter } from "./retry-schedule";
import { ACTIVATION_GRACE_MS } from "./sync-status";

export const READ_BACK_INTERVAL_MS = 6 * 60 * 60_000;

export interface ReadBackInput {
  now: Date;
  random: number;
  /** activateAt of versions the node holds but should not run yet. */
  upcomingActivations: readonly Date[];
  /** The node answered after one or more failed attempts. */
  isReconnect: boolean;
}

/** Next drift read-back: at once after a reconnect, else 5 min after the next activation or in 6 h ± 20 %, whichever is first. */
export function nextReadBackAt(input: ReadBackInput): Date {
  if (input.isReconnect) return input.now;
  const now = input.now.getTime();
  let next = now + withJitter(READ_BACK_INTERVAL_MS, input.random);
  for (const activation of input.upcomingActivations) {
    if (activation.getTime() <= now) continue;
    next = Math.min(next, activation.getTime() + ACTIVATION_GRACE_MS);
  }
  return new Date(next);
}

/** A node counts as online when it reported within this many minutes: a few missed 60 s reports do not flag it. */
export const ONLINE_WINDOW_MINUTES = 15;

const ONLINE_WINDOW_MS = ONLINE_WINDOW_MINUTES * 60_000;

/** The earliest report time that still counts as online at `now`. */
export function onlineSince(now: Date): Date {
  return new Date(now.getTime() - ONLINE_WINDOW_MS);
}

/** Online means a report at or after the start of the window; a node that never reported is offline. */
export function isOnline(lastSeenAt: Date | null, now: Date): boolean {
  return lastSeenAt !== null && lastSeenAt.getTime() >= onlineSince(now).getTime();
}

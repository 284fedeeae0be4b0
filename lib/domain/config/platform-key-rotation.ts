/** Rotating the platform's signing key (node-protocol.md "Keys"): the rules, without I/O. */

export const PLATFORM_KEY_OVERLAP_DAYS = { min: 1, max: 365, default: 14 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The governance event a rotation appends next to its config.version-created event. */
export const PLATFORM_KEY_EVENT_TYPES = { rotated: "platform-key.rotated" } as const;

export function platformKeySubject(keyId: string): string {
  return `platform-key:${keyId}`;
}

/** Null when `days` is a whole number from 1 to 365; else what to pass instead. */
export function overlapDaysProblem(days: number): string | null {
  const { min, max } = PLATFORM_KEY_OVERLAP_DAYS;
  return Number.isInteger(days) && days >= min && days <= max
    ? null
    : `The overlap must be a whole number of days from ${min} to ${max} (default ${PLATFORM_KEY_OVERLAP_DAYS.default}); got ${days}.`;
}

/** Until when the old key still signs pushes and is still held: `now` + the overlap. */
export function overlapEndsAt(now: Date, overlapDays: number): Date {
  return new Date(now.getTime() + overlapDays * DAY_MS);
}

/**
 * A key still signs (pushes, and new versions when it is the newest unretired one) while it is not
 * retired, or retired with an overlap that has not ended. A retired key without an overlap is spent.
 */
export function isPlatformKeyUsable(
  key: { retiredAt: Date | null; validUntil: Date | null },
  now: Date,
): boolean {
  if (key.retiredAt === null) return true;
  return key.validUntil !== null && key.validUntil.getTime() > now.getTime();
}

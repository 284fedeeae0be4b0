const DAY_MS = 86_400_000;

/** Late telemetry for a day still lands in its rollups for a while after midnight. */
export const EPOCH_SETTLE_MS = 15 * 60_000;

/** An epoch is due once its UTC day has ended at least EPOCH_SETTLE_MS before `now`. */
export function isEpochDue({ day, now }: { day: Date; now: Date }): boolean {
  return day.getTime() + DAY_MS + EPOCH_SETTLE_MS <= now.getTime();
}

/**
 * Epochs whose day is after this overlap a range starting at `from`: an epoch covers its whole UTC day, so
 * the last 24 hours show yesterday's epoch.
 */
export function epochOverlapBound(from: Date): Date {
  return new Date(from.getTime() - DAY_MS);
}

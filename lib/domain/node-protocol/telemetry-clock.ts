/** How far ahead of the platform clock a report's `at` may be. */
export const MAX_TELEMETRY_CLOCK_LEAD_MS = 10 * 60_000;
/**
 * How far before the platform clock a report's window may end: a day, plus the window itself. Older
 * reports come from a clock that is wrong (a node without RTC boots in 1970), not from a late network.
 */
export const MAX_TELEMETRY_CLOCK_LAG_MS = 24 * 3_600_000;

/** Which clock bound a report's `at` breaks: more than 10 min ahead, more than a day plus its window behind, or none. */
export function telemetryClockBreach(
  { at, windowSeconds }: { at: Date; windowSeconds: number },
  now: Date,
): "ahead" | "behind" | null {
  if (at.getTime() > now.getTime() + MAX_TELEMETRY_CLOCK_LEAD_MS) return "ahead";
  if (at.getTime() < now.getTime() - MAX_TELEMETRY_CLOCK_LAG_MS - windowSeconds * 1000) return "behind";
  return null;
}

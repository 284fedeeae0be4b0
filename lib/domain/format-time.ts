const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Differences below this read as "just now" rather than "0 minutes ago". */
export const JUST_NOW_MS = 45 * SECOND;

const UNITS = [
  { name: "year", ms: 365 * DAY, below: Number.POSITIVE_INFINITY },
  { name: "month", ms: 30 * DAY, below: 335 * DAY },
  { name: "day", ms: DAY, below: 26 * DAY },
  { name: "hour", ms: HOUR, below: 22 * HOUR },
  { name: "minute", ms: MINUTE, below: 45 * MINUTE },
] as const;

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** "25 Nov" in UTC, for a date whose year the reader already knows. */
export function formatDayMonth(at: Date): string {
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}`;
}

/** "25 Nov 2026" in UTC, the same on every machine. */
export function formatDate(at: Date): string {
  return `${formatDayMonth(at)} ${at.getUTCFullYear()}`;
}

/** "25 Nov 2026, 14:05 UTC": absolute times are shown in UTC so server and browser agree. */
export function formatDateTime(at: Date): string {
  return `${formatDate(at)}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}

/** "5 minutes ago" / "in 3 hours" / "just now": `at` relative to `now`, rounded to the largest fitting unit. */
export function formatRelativeTime(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const distance = Math.abs(diff);
  if (distance < JUST_NOW_MS) return "just now";
  const unit = [...UNITS].reverse().find((candidate) => distance < candidate.below) ?? UNITS[0];
  const count = Math.max(1, Math.round(distance / unit.ms));
  const phrase = `${count} ${unit.name}${count === 1 ? "" : "s"}`;
  return diff < 0 ? `${phrase} ago` : `in ${phrase}`;
}

/** A wait as people say it, rounded up: "30 seconds", "10 minutes", "3 hours" (for "Try again in …"). */
export function formatWait(seconds: number): string {
  const [count, unit] =
    seconds < 120
      ? [seconds, "second"]
      : seconds < 7200
        ? [Math.ceil(seconds / 60), "minute"]
        : [Math.ceil(seconds / 3600), "hour"];
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

import { formatDateTime, formatRelativeTime } from "@/lib/domain/format-time";

/** "5 minutes ago", with the exact UTC time as the tooltip and machine-readable value. */
export function RelativeTime({ at, now }: { at: Date; now: Date }) {
  return (
    <time dateTime={at.toISOString()} title={formatDateTime(at)}>
      {formatRelativeTime(at, now)}
    </time>
  );
}

/** "25 Nov 2026, 14:05 UTC" in a <time> element. */
export function DateTime({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>;
}

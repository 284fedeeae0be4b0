import { DateTime } from "@/components/relative-time";

/** "25 Nov 2026, 14:05 UTC to 25 Nov 2026, 14:45 UTC", or one time when both ends are the same. */
export function TimeSpan({ span }: { span: { from: Date; to: Date } }) {
  if (span.from.getTime() === span.to.getTime()) return <DateTime at={span.from} />;
  return (
    <>
      <DateTime at={span.from} /> to <DateTime at={span.to} />
    </>
  );
}

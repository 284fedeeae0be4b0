/** Seconds a node could have been up by `now`: since the later of `from` and its first report; null before any. */
export function possibleUptimeSeconds({
  firstReportedAt,
  from,
  now,
}: {
  firstReportedAt: Date | null;
  from: Date | null;
  now: Date;
}): number | null {
  if (!firstReportedAt) return null;
  const start = Math.max(from?.getTime() ?? 0, firstReportedAt.getTime());
  return Math.max(0, (now.getTime() - start) / 1000);
}

/** A node's uptime ÷ the time it could have been up, at most 1; null before its first report, 0 when no time passed. */
export function nodeUptimeShare(uptimeSeconds: number, possibleSeconds: number | null): number | null {
  if (possibleSeconds === null) return null;
  return possibleSeconds === 0 ? 0 : Math.min(1, uptimeSeconds / possibleSeconds);
}

/** Several nodes' uptime ÷ the time they could have been up, at most 1; null when none could have been up. */
export function totalUptimeShare(uptimeSeconds: number, possibleSeconds: number): number | null {
  return possibleSeconds > 0 ? Math.min(1, uptimeSeconds / possibleSeconds) : null;
}

/** Clock jitter a report may run ahead of the time that really passed since the node's previous one. */
export const REPORT_SLACK_SECONDS = 5;

export interface ReportedWindow {
  windowSeconds: number;
  uptimeSeconds: number;
}

/**
 * The part of a telemetry window the platform credits: never longer than the time since the node's
 * previous report reached the platform (or since it registered) plus a little slack, and uptime never
 * more than that window. Overlapping or stacked windows therefore cannot claim more uptime than
 * wall-clock time, so proof of service for voting has to be earned in real time.
 */
export function creditedWindow(
  report: ReportedWindow,
  { previousContactAt, receivedAt }: { previousContactAt: Date; receivedAt: Date },
): ReportedWindow {
  const elapsedSeconds = Math.max(0, Math.floor((receivedAt.getTime() - previousContactAt.getTime()) / 1000));
  const windowSeconds = Math.min(report.windowSeconds, elapsedSeconds + REPORT_SLACK_SECONDS);
  return { windowSeconds, uptimeSeconds: Math.min(report.uptimeSeconds, windowSeconds) };
}

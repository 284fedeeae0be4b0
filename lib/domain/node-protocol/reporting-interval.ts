export const DEFAULT_REPORTING_INTERVAL_SECONDS = 60;
export const MAX_REPORTING_INTERVAL_SECONDS = 3600;
/** Up to this many nodes every node reports each minute; beyond it the interval grows with the network. */
export const NODES_AT_DEFAULT_INTERVAL = 1000;

/**
 * Telemetry interval: 60 s up to 1,000 nodes, then long enough to keep the platform at about 1,000
 * reports a minute, never more than an hour.
 */
export function reportingIntervalSeconds(nodeCount: number): number {
  const scaled = Math.ceil((DEFAULT_REPORTING_INTERVAL_SECONDS * nodeCount) / NODES_AT_DEFAULT_INTERVAL);
  return Math.min(MAX_REPORTING_INTERVAL_SECONDS, Math.max(DEFAULT_REPORTING_INTERVAL_SECONDS, scaled));
}

/** Node sync statuses (node-protocol.md "Delivery rules") and how a node's reported version compares. */

export const SYNC_STATUSES = [
  "Synced",
  "Pending",
  "OutOfSync",
  "Degraded",
  "Unreachable",
  "Quarantined",
  "Gone",
] as const;

export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** A node may lag this long behind an activation (its own clock, its own timer) before it counts as out of sync. */
export const ACTIVATION_GRACE_MS = 5 * 60_000;

export type ReportedVersionAssessment = "in-sync" | "pending-activation" | "behind" | "ahead";

export interface ReportedVersionInput {
  reportedActiveVersion: number | null;
  platformActiveVersion: number;
  /** activateAt of the platform's active version. */
  platformActiveSince: Date;
  latestVersion: number;
  now: Date;
}

/**
 * Compares the version a node says it runs with the platform's: equal is in sync; a lag within 5 min
 * of the activation, or a scheduled version a fast clock activated early, is pending activation;
 * beyond a version the platform never issued is ahead; anything else is behind.
 */
export function assessReportedVersion(input: ReportedVersionInput): ReportedVersionAssessment {
  const reported = input.reportedActiveVersion;
  if (reported === input.platformActiveVersion) return "in-sync";
  if (reported !== null && reported > input.latestVersion) return "ahead";
  if (reported !== null && reported > input.platformActiveVersion) return "pending-activation";
  const sinceActivation = input.now.getTime() - input.platformActiveSince.getTime();
  return sinceActivation < ACTIVATION_GRACE_MS ? "pending-activation" : "behind";
}

/** Status of a node the platform never pushes to (no endpoint): it follows the version telemetry reports. */
export function reportedOnlyStatus(assessment: ReportedVersionAssessment): SyncStatus {
  if (assessment === "in-sync") return "Synced";
  return assessment === "pending-activation" ? "Pending" : "OutOfSync";
}

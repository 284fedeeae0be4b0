/** Which config versions one push carries (node-protocol.md "Push"). */

export const MAX_BUNDLE_VERSIONS = 16;

export interface BundleInput {
  /** Highest version the node acknowledged; null when it never acknowledged one. */
  acknowledgedVersion: number | null;
  latestVersion: number;
  /** The version in force on the platform now (latest activateAt ≤ now). */
  activeVersion: number;
  /** A version the node refused; nothing is pushed until a newer one exists. */
  nackedVersion: number | null;
}

/**
 * Every version above the acknowledged one, at most 16, ascending; a node further behind gets the
 * active version plus the scheduled ones instead. Empty when there is nothing (new) to send.
 */
export function selectBundleVersions(input: BundleInput): number[] {
  const acknowledged = input.acknowledgedVersion ?? 0;
  if (acknowledged >= input.latestVersion) return [];
  if (input.nackedVersion !== null && input.latestVersion <= input.nackedVersion) return [];
  const isFarBehind = input.latestVersion - acknowledged > MAX_BUNDLE_VERSIONS;
  const first = isFarBehind ? Math.max(input.activeVersion, acknowledged + 1) : acknowledged + 1;
  const last = Math.min(input.latestVersion, first + MAX_BUNDLE_VERSIONS - 1);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** The Standard Webhooks id of a push: the same for every retry of the same content. */
export function pushWebhookId(nodeId: string, versions: readonly number[]): string {
  return `cfg_${nodeId}_${versions.at(-1) ?? 0}`;
}

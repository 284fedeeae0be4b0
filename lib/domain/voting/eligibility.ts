const DAY_MS = 86_400_000;

export interface EligibilityRules {
  minNodeAgeDays: number;
  minUptimeForVoting: number;
}

/** What the platform knows of one node's proof of service when a round opens. */
export interface NodeServiceRecord {
  nodeId: string;
  operatorId: string;
  status: string;
  verifiedAt: Date | null;
  firstReportedAt: Date | null;
  /** Σ uptimeSeconds reported inside eligibilityWindow(). */
  uptimeSeconds: number;
  /**
   * The network cluster it reported from in most hours of the window (ties: the smallest prefix);
   * null when no hour of the window recorded one.
   */
  clusterPrefix: string | null;
}

export type NodeEligibility = { isEligible: true } | { isEligible: false; reason: string };

/** The time proof of service is judged over: the minNodeAgeDays before the round opens. */
export function eligibilityWindow(opensAt: Date, rules: EligibilityRules): { from: Date; to: Date } {
  return { from: new Date(opensAt.getTime() - rules.minNodeAgeDays * DAY_MS), to: opensAt };
}

/**
 * Proof of service (product.md): a node is eligible when it is active, proved its key, has reported
 * telemetry for at least minNodeAgeDays and was up for at least minUptimeForVoting of that time.
 */
export function nodeEligibility(
  record: NodeServiceRecord,
  rules: EligibilityRules,
  opensAt: Date,
): NodeEligibility {
  if (record.status !== "Active") return { isEligible: false, reason: "The node is not active." };
  if (!record.verifiedAt) return { isEligible: false, reason: "The node has not proved its key." };
  const window = eligibilityWindow(opensAt, rules);
  if (!record.firstReportedAt || record.firstReportedAt > window.from) {
    return {
      isEligible: false,
      reason: `The node must have reported telemetry for ${rules.minNodeAgeDays} days before the round opened.`,
    };
  }
  const windowSeconds = rules.minNodeAgeDays * 86_400;
  const uptime = windowSeconds === 0 ? 1 : Math.min(record.uptimeSeconds / windowSeconds, 1);
  if (uptime < rules.minUptimeForVoting) {
    return {
      isEligible: false,
      // Rounded down, so a node just short of the minimum never reads as having met it.
      reason: `The node was up ${(Math.floor(uptime * 1000) / 10).toFixed(1)} % of the last ${rules.minNodeAgeDays} days; voting needs ${(rules.minUptimeForVoting * 100).toFixed(1)} %.`,
    };
  }
  return { isEligible: true };
}

/** The nodes that earn their operators a say in the round, in the order given. */
export function eligibleRecords<T extends NodeServiceRecord>(
  records: readonly T[],
  { rules, opensAt }: { rules: EligibilityRules; opensAt: Date },
): T[] {
  return records.filter((record) => nodeEligibility(record, rules, opensAt).isEligible);
}

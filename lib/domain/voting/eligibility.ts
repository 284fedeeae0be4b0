import { formatDayMonth } from "@/lib/domain/format-time";
import { DAY_MS, floorToStep, HOUR_MS } from "@/lib/domain/metrics/network-series";

/** At most this many gaps are named when missing hours are described; the rest are counted. */
export const MAX_DESCRIBED_GAPS = 5;

export interface EligibilityRules {
  minNodeAgeDays: number;
  minUptimeForVoting: number;
}

/** Whole UTC hours from `from` up to (not including) `to`. */
export interface HourRange {
  from: Date;
  to: Date;
}

/** A node's presence over eligibilityWindow(): hours with at least one accepted signed request from it. */
export interface WindowPresence {
  presentHours: number;
  /** The window's other hours as runs of consecutive hours, oldest first. */
  missingHours: HourRange[];
}

/** What the platform knows of one node's proof of service when a round opens. */
export interface NodeServiceRecord {
  nodeId: string;
  operatorId: string;
  status: string;
  verifiedAt: Date | null;
  firstReportedAt: Date | null;
  /** Hours of eligibilityWindow() in which the platform accepted at least one signed request from the node. */
  presentHours: number;
  /**
   * The window's hours without one (presenceInWindow), given where people read the reason so it can
   * name them; the round's snapshot only counts hours.
   */
  missingHours?: readonly HourRange[];
  /**
   * The network cluster it reported from in most hours of the window (ties: the smallest prefix);
   * null when no hour of the window recorded one.
   */
  clusterPrefix: string | null;
}

export type NodeEligibility = { isEligible: true } | { isEligible: false; reason: string };

/**
 * The hours proof of service is judged over: the minNodeAgeDays × 24 whole UTC hours ending at the last
 * full hour before the round opens (the hour the round opens in has not passed yet).
 */
export function eligibilityWindow(opensAt: Date, rules: Pick<EligibilityRules, "minNodeAgeDays">): HourRange {
  const to = floorToStep(opensAt, HOUR_MS);
  return { from: new Date(to.getTime() - rules.minNodeAgeDays * DAY_MS), to };
}

/** How many whole hours a range holds. */
export function hoursIn(range: HourRange): number {
  return (range.to.getTime() - range.from.getTime()) / HOUR_MS;
}

/**
 * A node's presence over `window` from the starts of the hours it was present in, in any order: repeats
 * and hours outside the window do not count.
 */
export function presenceInWindow(presentHourStarts: readonly Date[], window: HourRange): WindowPresence {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const present = [...new Set(presentHourStarts.map((hour) => floorToStep(hour, HOUR_MS).getTime()))]
    .filter((hour) => hour >= from && hour < to)
    .sort((a, b) => a - b);
  const missingHours: HourRange[] = [];
  let next = from;
  for (const hour of present) {
    if (hour > next) missingHours.push({ from: new Date(next), to: new Date(hour) });
    next = hour + HOUR_MS;
  }
  if (next < to) missingHours.push({ from: new Date(next), to: new Date(to) });
  return { presentHours: present.length, missingHours };
}

const clock = (at: Date) => `${String(at.getUTCHours()).padStart(2, "0")}:00`;

/** "3 Dec 02:00–09:00 UTC", "3 Dec 22:00–24:00 UTC", "3 Dec 22:00 – 4 Dec 03:00 UTC" (with years when the window crosses one). */
function describeGap(gap: HourRange, withYear: boolean): string {
  const day = (at: Date) => (withYear ? `${formatDayMonth(at)} ${at.getUTCFullYear()}` : formatDayMonth(at));
  const lastHour = new Date(gap.to.getTime() - HOUR_MS);
  if (floorToStep(lastHour, DAY_MS).getTime() !== floorToStep(gap.from, DAY_MS).getTime()) {
    return `${day(gap.from)} ${clock(gap.from)} – ${day(gap.to)} ${clock(gap.to)} UTC`;
  }
  const end = gap.to.getTime() % DAY_MS === 0 ? "24:00" : clock(gap.to);
  return `${day(gap.from)} ${clock(gap.from)}–${end} UTC`;
}

/**
 * The window's missing hours for people: "missing 14 of 72 hours: 3 Dec 02:00–09:00 UTC, 4 Dec
 * 13:00–18:00 UTC", consecutive hours as one UTC range, at most MAX_DESCRIBED_GAPS of them and then
 * "and N more gaps".
 */
export function describeMissingHours(missingHours: readonly HourRange[], window: HourRange): string {
  const windowHours = hoursIn(window);
  const missing = missingHours.reduce((sum, gap) => sum + hoursIn(gap), 0);
  const unit = windowHours === 1 ? "hour" : "hours";
  if (missing === 0) return `missing none of the ${windowHours} ${unit}`;
  const withYear = window.from.getUTCFullYear() !== new Date(window.to.getTime() - HOUR_MS).getUTCFullYear();
  const named = missingHours.slice(0, MAX_DESCRIBED_GAPS).map((gap) => describeGap(gap, withYear));
  const more = missingHours.length - named.length;
  const list =
    more > 0
      ? `${named.join(", ")} and ${more} more ${more === 1 ? "gap" : "gaps"}`
      : named.length > 1
        ? `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`
        : named[0];
  return `missing ${missing} of ${windowHours} ${unit}: ${list}`;
}

/**
 * Proof of service (product.md): a node is eligible when it is active, proved its key before the round
 * opened, has reported telemetry for at least minNodeAgeDays and was present — at least one accepted
 * signed request — in at least minUptimeForVoting of the window's hours.
 */
export function nodeEligibility(
  record: NodeServiceRecord,
  rules: EligibilityRules,
  opensAt: Date,
): NodeEligibility {
  if (record.status !== "Active") return { isEligible: false, reason: "The node is not active." };
  if (!record.verifiedAt || record.verifiedAt > opensAt) {
    return { isEligible: false, reason: "The node has not proved its key." };
  }
  if (
    !record.firstReportedAt ||
    record.firstReportedAt.getTime() > opensAt.getTime() - rules.minNodeAgeDays * DAY_MS
  ) {
    return {
      isEligible: false,
      reason: `The node must have reported telemetry for ${rules.minNodeAgeDays} days before the round opened.`,
    };
  }
  const window = eligibilityWindow(opensAt, rules);
  const windowHours = hoursIn(window);
  const uptime = windowHours === 0 ? 1 : Math.min(record.presentHours / windowHours, 1);
  if (uptime < rules.minUptimeForVoting) {
    const missing = record.missingHours
      ? ` It was ${describeMissingHours(record.missingHours, window)}.`
      : "";
    return {
      isEligible: false,
      // Rounded down, so a node just short of the minimum never reads as having met it.
      reason:
        `The node was present in ${record.presentHours} of the ${windowHours} hours before the round opened ` +
        `(${(Math.floor(uptime * 1000) / 10).toFixed(1)} %); voting needs ${(rules.minUptimeForVoting * 100).toFixed(1)} %. ` +
        `An hour counts when the platform accepted at least one signed report or ballot from the node in it.${missing}`,
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

import { formatDataSize, formatNumber } from "@/lib/domain/format-number";
import { formatPercent } from "@/lib/domain/format-percent";
import { formatDate } from "@/lib/domain/format-time";

/**
 * Served data as claimed, confirmed by peers and paid (product.md "Proof of service"): the figures the
 * node page, the operator view and /stats show. The rule that computes them lives with the epoch.
 */

const BYTES_PER_GB = 1e9;
/** Shares are divided on BigInt in millionths: exact to far better than the one decimal shown. */
const MILLIONTHS = 1_000_000n;

/** Bytes in GB (10⁹ bytes), for formatDataSize and the charts. */
export function gigabytesOf(bytes: bigint): number {
  return Number(bytes) / BYTES_PER_GB;
}

/** An amount of bytes as people read it: "72.1 TB". */
export function formatBytes(bytes: bigint): string {
  return formatDataSize(gigabytesOf(bytes));
}

/**
 * Part of some bytes ÷ all of them (confirmed ÷ claimed, say), from 0 to 1, divided exactly on BigInt;
 * null when there are no bytes at all.
 */
export function shareOfBytes(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null;
  const bounded = part < 0n ? 0n : part > whole ? whole : part;
  return Number((bounded * MILLIONTHS) / whole) / Number(MILLIONTHS);
}

/** One epoch's network totals, as the Epoch row stores them. */
export interface EpochTraffic {
  day: Date;
  /** "Computed", or "Blocked" (nothing computed, nothing paid). */
  status: string;
  bytesUp: bigint;
  corroboratedBytesUp: bigint;
  paidBytesUp: bigint;
}

export interface ConfirmedSharePoint {
  day: Date;
  /** Σ confirmed ÷ Σ claimed over the network that day, 0–1. */
  share: number;
  claimedBytes: bigint;
  confirmedBytes: bigint;
  paidBytes: bigint;
}

/**
 * The network's confirmed share per day, oldest first: Σ confirmed ÷ Σ claimed of each computed epoch.
 * Blocked days (no totals) are left out and returned apart; so are days on which no node claimed to serve.
 */
export function confirmedShareSeries(epochs: readonly EpochTraffic[]): {
  points: ConfirmedSharePoint[];
  blockedDays: Date[];
} {
  const points: ConfirmedSharePoint[] = [];
  const blockedDays: Date[] = [];
  for (const epoch of [...epochs].sort((a, b) => a.day.getTime() - b.day.getTime())) {
    if (epoch.status === "Blocked") {
      blockedDays.push(epoch.day);
      continue;
    }
    const share = shareOfBytes(epoch.corroboratedBytesUp, epoch.bytesUp);
    if (share === null) continue;
    points.push({
      day: epoch.day,
      share,
      claimedBytes: epoch.bytesUp,
      confirmedBytes: epoch.corroboratedBytesUp,
      paidBytes: epoch.paidBytesUp,
    });
  }
  return { points, blockedDays };
}

const days = (count: number) => `${formatNumber(count)} ${count === 1 ? "day" : "days"}`;

/** The confirmed share in one sentence: the latest day, the whole range, and any day left out as blocked. */
export function summariseConfirmedShare({
  points,
  blockedDays,
}: {
  points: readonly ConfirmedSharePoint[];
  blockedDays: readonly Date[];
}): string {
  const blocked =
    blockedDays.length === 0
      ? ""
      : ` ${days(blockedDays.length)} could not be worked out and ${blockedDays.length === 1 ? "is" : "are"} left out.`;
  const latest = points.at(-1);
  if (!latest) {
    return blockedDays.length > 0
      ? `No day in this range could be worked out yet, so there is no confirmed share to show.${blocked}`
      : "No day was paid in this range yet: the share of served data that other nodes confirmed appears after each full day of telemetry.";
  }
  const claimed = points.reduce((sum, point) => sum + point.claimedBytes, 0n);
  const confirmed = points.reduce((sum, point) => sum + point.confirmedBytes, 0n);
  const overall =
    points.length > 1
      ? `; ${formatPercent(shareOfBytes(confirmed, claimed) ?? 0)} of ${formatBytes(claimed)} across the ${days(points.length)} shown`
      : "";
  return (
    `On ${formatDate(latest.day)}, nodes in other networks confirmed receiving ` +
    `${formatPercent(latest.share)} of the ${formatBytes(latest.claimedBytes)} nodes said they served${overall}.${blocked}`
  );
}

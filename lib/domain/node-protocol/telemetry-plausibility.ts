import { formatNumber } from "@/lib/domain/format-number";
import { formatParameterLimit } from "@/lib/domain/parameters/format";

/** 1 Mbit/s is 125,000 bytes a second. */
const BYTES_PER_SECOND_PER_MBPS = 125_000n;

/**
 * What every stored network-wide sum stops at (rollup rows add with saturation). It leaves 2^63 − 1 −
 * ceiling ≈ 2.2 × 10^17 of headroom, far more than one report can add (at most 86,400 s × 100,000 Mbit/s
 * × 125,000 = 1.08 × 10^15 bytes), so the addition before the cap never overflows a 64-bit integer.
 */
export const STORED_SUM_CEILING = 9_000_000_000_000_000_000n;

/** The most bytes a window of `windowSeconds` can carry at `maxMbps` (service.maxMbps): window × Mbit/s × 125,000. */
export function maxBytes(windowSeconds: number, maxMbps: number): bigint {
  return BigInt(windowSeconds) * BigInt(maxMbps) * BYTES_PER_SECOND_PER_MBPS;
}

export interface TrafficClaim {
  windowSeconds: number;
  bytesUp: number;
  bytesDown: number;
}

export type TrafficField = "bytesUp" | "bytesDown";

/**
 * The first of a report's byte counts that its window cannot carry at `maxMbps`, with a message naming
 * the field and the bound; null when both fit (a count exactly at the bound fits).
 */
export function trafficBreach(
  report: TrafficClaim,
  maxMbps: number,
): { field: TrafficField; message: string } | null {
  const bound = maxBytes(report.windowSeconds, maxMbps);
  for (const field of ["bytesUp", "bytesDown"] as const) {
    if (BigInt(report[field]) <= bound) continue;
    const seconds = formatNumber(report.windowSeconds);
    return {
      field,
      message: `${field}: ${report[field]} bytes in a ${seconds}-second window is more than service.maxMbps (${formatParameterLimit("service.maxMbps", maxMbps)}) allows: at most ${formatNumber(Number(bound))} bytes. Report the bytes the node really ${field === "bytesUp" ? "sent" : "received"} in the window.`,
    };
  }
  return null;
}

/**
 * The bytes the platform credits: no more than the CREDITED window (creditedWindow) can carry at
 * `maxMbps`, so a node cannot claim traffic for time the platform did not see pass.
 */
export function creditedBytes(
  bytes: number | bigint,
  creditedWindowSeconds: number,
  maxMbps: number,
): bigint {
  const bound = maxBytes(creditedWindowSeconds, maxMbps);
  const claimed = BigInt(bytes);
  return claimed < bound ? claimed : bound;
}

export interface PeerTrafficEntry {
  peerNodeId: string;
  bytesUp: number;
  bytesDown: number;
}

export interface CreditedPeerTraffic {
  peerNodeId: string;
  bytesUp: bigint;
  bytesDown: bigint;
}

const scaled = (bytes: number, claimed: bigint, credited: bigint): bigint =>
  credited >= claimed ? BigInt(bytes) : (BigInt(bytes) * credited) / claimed;

/**
 * A report's per-peer exchanges cut in the proportion its totals were credited (creditedBytes), each
 * rounded down, so they never add up to more than the credited totals; entries left with no bytes
 * either way are dropped (they corroborate nothing).
 */
export function creditPeerTraffic(
  entries: readonly PeerTrafficEntry[],
  {
    claimed,
    credited,
  }: {
    claimed: { bytesUp: number; bytesDown: number };
    credited: { bytesUp: bigint; bytesDown: bigint };
  },
): CreditedPeerTraffic[] {
  const up = BigInt(claimed.bytesUp);
  const down = BigInt(claimed.bytesDown);
  return entries
    .map((entry) => ({
      peerNodeId: entry.peerNodeId,
      bytesUp: scaled(entry.bytesUp, up, credited.bytesUp),
      bytesDown: scaled(entry.bytesDown, down, credited.bytesDown),
    }))
    .filter((entry) => entry.bytesUp > 0n || entry.bytesDown > 0n);
}

/**
 * What is wrong with a report's peerTraffic against its own totals: a peer named twice, or entries whose
 * bytesUp (bytesDown) add up to more than the report's; null when nothing is.
 */
export function peerTrafficBreach(report: {
  bytesUp: number;
  bytesDown: number;
  peerTraffic?: readonly PeerTrafficEntry[];
}): string | null {
  const entries = report.peerTraffic ?? [];
  const seen = new Set<string>();
  for (const { peerNodeId } of entries) {
    if (seen.has(peerNodeId)) {
      return `names peer ${peerNodeId} more than once; list each peer once with its bytes for the window`;
    }
    seen.add(peerNodeId);
  }
  for (const field of ["bytesUp", "bytesDown"] as const) {
    const sum = entries.reduce((total, entry) => total + BigInt(entry[field]), 0n);
    if (sum > BigInt(report[field])) {
      return `the entries' ${field} add up to more than the report's ${field} (${formatNumber(report[field])} bytes): peers can only account for traffic the report counts`;
    }
  }
  return null;
}

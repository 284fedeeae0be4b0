import type { Random } from "@/lib/domain/random";

/** Synthetic node traffic for demos and the demo fleet: the agent has no real counters to report. */
export const TRAFFIC_PROFILES = ["seeder", "normal", "light", "free-rider", "cluster"] as const;
export type TrafficProfile = (typeof TRAFFIC_PROFILES)[number];

type Range = readonly [min: number, max: number];

interface ProfileShape {
  upBytesPerSecond: Range;
  downBytesPerSecond: Range;
  peers: Range;
  medianLatencyMs: Range;
  /**
   * Share of its upload that goes to other enrolled nodes, which can confirm it (node-protocol.md
   * `peerTraffic`); the rest serves clients outside the network, which confirm nothing.
   */
  peerShare: number;
}

const KB = 1_000;
const MB = 1_000_000;

// Ranges are chosen so the ratios hold in every window: the smallest upload of a seeder or the cluster
// is at least 4× its largest download; a free-rider's smallest download is 50× its largest upload.
const PROFILES: Record<TrafficProfile, ProfileShape> = {
  seeder: {
    upBytesPerSecond: [4 * MB, 12 * MB],
    downBytesPerSecond: [0.2 * MB, 0.8 * MB],
    peers: [80, 200],
    medianLatencyMs: [15, 45],
    peerShare: 0.9,
  },
  normal: {
    upBytesPerSecond: [0.5 * MB, 2 * MB],
    downBytesPerSecond: [0.5 * MB, 2 * MB],
    peers: [20, 60],
    medianLatencyMs: [30, 90],
    peerShare: 0.9,
  },
  light: {
    upBytesPerSecond: [20 * KB, 150 * KB],
    downBytesPerSecond: [20 * KB, 150 * KB],
    peers: [4, 15],
    medianLatencyMs: [60, 180],
    peerShare: 0.9,
  },
  "free-rider": {
    upBytesPerSecond: [5 * KB, 40 * KB],
    downBytesPerSecond: [2 * MB, 8 * MB],
    peers: [30, 90],
    medianLatencyMs: [40, 120],
    peerShare: 0.9,
  },
  cluster: {
    upBytesPerSecond: [8 * MB, 20 * MB],
    downBytesPerSecond: [0.5 * MB, 2 * MB],
    peers: [150, 400],
    medianLatencyMs: [5, 20],
    // A hosting company's nodes mostly serve the public. Besides, the demo's nodes download about a
    // third of what they upload, and two thirds of the upload is LargeCorp's.
    peerShare: 0.15,
  },
};

export interface TrafficWindow {
  bytesUp: number;
  bytesDown: number;
  peers: number;
  medianLatencyMs: number;
}

export function isTrafficProfile(value: string): value is TrafficProfile {
  return (TRAFFIC_PROFILES as readonly string[]).includes(value);
}

const DAY_S = 86_400;
const DAY_MS = 86_400_000;
const PEAK_SECOND = 20 * 3_600;
const DIURNAL_MEAN = 0.7;
const DIURNAL_SWING = 0.3;
/** ∫ diurnalFactor over a whole day, in seconds: DIURNAL_MEAN × 86,400. */
const DIURNAL_SECONDS_PER_DAY = 60_480n;

/** Daily rhythm: traffic peaks in the evening (hour 20) at 1.0 and bottoms out in the early morning at 0.4. */
export function diurnalFactor(secondOfDay: number): number {
  const hours = (((secondOfDay % 86_400) + 86_400) % 86_400) / 3_600;
  return DIURNAL_MEAN + DIURNAL_SWING * Math.cos(((hours - 20) / 24) * 2 * Math.PI);
}

/** ∫ diurnalFactor from midnight to `secondOfDay` (0–86,400), in seconds. */
function diurnalSecondsSinceMidnight(secondOfDay: number): number {
  const phase = (second: number) => Math.sin(((second - PEAK_SECOND) / DAY_S) * 2 * Math.PI);
  return (
    DIURNAL_MEAN * secondOfDay + ((DIURNAL_SWING * DAY_S) / (2 * Math.PI)) * (phase(secondOfDay) - phase(0))
  );
}

/** Whole bytes that flowed at `bytesPerSecond` (at the evening peak) from the Unix epoch to `atMs`. */
function diurnalBytesUntil(bytesPerSecond: bigint, atMs: number): bigint {
  const day = Math.floor(atMs / DAY_MS);
  const secondOfDay = (atMs - day * DAY_MS) / 1000;
  return (
    bytesPerSecond * DIURNAL_SECONDS_PER_DAY * BigInt(day) +
    BigInt(Math.floor(Number(bytesPerSecond) * diurnalSecondsSinceMidnight(secondOfDay)))
  );
}

/**
 * Bytes a steady exchange of `bytesPerSecond` (at the evening peak, following the daily rhythm)
 * carries between two instants. A function of the instants alone, so both ends of an exchange count the
 * same bytes for the same window, and consecutive windows add up exactly to the span they cover.
 */
export function diurnalBytesBetween(bytesPerSecond: bigint, fromMs: number, toMs: number): bigint {
  return diurnalBytesUntil(bytesPerSecond, toMs) - diurnalBytesUntil(bytesPerSecond, fromMs);
}

/** The middle of a profile's ranges, in bytes per second at the evening peak. */
export function typicalRates(profile: TrafficProfile): {
  upBytesPerSecond: number;
  downBytesPerSecond: number;
} {
  const middle = ([min, max]: Range) => Math.round((min + max) / 2);
  const shape = PROFILES[profile];
  return {
    upBytesPerSecond: middle(shape.upBytesPerSecond),
    downBytesPerSecond: middle(shape.downBytesPerSecond),
  };
}

/** Share of a node's upload that goes to other enrolled nodes (they can confirm it); the rest serves the public. */
export function peerShare(profile: TrafficProfile): number {
  return PROFILES[profile].peerShare;
}

function between(random: Random, [min, max]: Range): number {
  return min + random.nextFloat() * (max - min);
}

/** Traffic of one reporting window for a node of `profile`; the same random sequence gives the same windows. */
export function trafficWindow({
  profile,
  random,
  windowSeconds,
  secondOfDay,
}: {
  profile: TrafficProfile;
  random: Random;
  windowSeconds: number;
  secondOfDay: number;
}): TrafficWindow {
  const shape = PROFILES[profile];
  const load = diurnalFactor(secondOfDay) * windowSeconds;
  return {
    bytesUp: Math.round(between(random, shape.upBytesPerSecond) * load),
    bytesDown: Math.round(between(random, shape.downBytesPerSecond) * load),
    peers: Math.round(between(random, shape.peers)),
    medianLatencyMs: Math.round(between(random, shape.medianLatencyMs) * 10) / 10,
  };
}

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
  },
  normal: {
    upBytesPerSecond: [0.5 * MB, 2 * MB],
    downBytesPerSecond: [0.5 * MB, 2 * MB],
    peers: [20, 60],
    medianLatencyMs: [30, 90],
  },
  light: {
    upBytesPerSecond: [20 * KB, 150 * KB],
    downBytesPerSecond: [20 * KB, 150 * KB],
    peers: [4, 15],
    medianLatencyMs: [60, 180],
  },
  "free-rider": {
    upBytesPerSecond: [5 * KB, 40 * KB],
    downBytesPerSecond: [2 * MB, 8 * MB],
    peers: [30, 90],
    medianLatencyMs: [40, 120],
  },
  cluster: {
    upBytesPerSecond: [8 * MB, 20 * MB],
    downBytesPerSecond: [0.5 * MB, 2 * MB],
    peers: [150, 400],
    medianLatencyMs: [5, 20],
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

/** Daily rhythm: traffic peaks in the evening (hour 20) at 1.0 and bottoms out in the early morning at 0.4. */
export function diurnalFactor(secondOfDay: number): number {
  const hours = (((secondOfDay % 86_400) + 86_400) % 86_400) / 3_600;
  return 0.7 + 0.3 * Math.cos(((hours - 20) / 24) * 2 * Math.PI);
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

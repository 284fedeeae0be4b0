import { trafficWindow, type TrafficProfile, type TrafficWindow } from "../demo/data/traffic-model";
import { createRandom } from "../lib/domain/random";

/** Where a report's traffic numbers come from. */
export interface TelemetrySource {
  readonly description: string;
  window(windowSeconds: number, at: Date): TrafficWindow;
}

/** A generic agent cannot see the node software's counters: it reports uptime and zero traffic. */
export const uptimeOnlySource: TelemetrySource = {
  description: "uptime only (no traffic counters)",
  window: () => ({ bytesUp: 0, bytesDown: 0, peers: 0, medianLatencyMs: 0 }),
};

/** Synthetic traffic from the demo traffic model; the same seed gives the same sequence. */
export function syntheticSource(profile: TrafficProfile, seed: number): TelemetrySource {
  const random = createRandom(seed);
  return {
    description: `synthetic traffic, profile ${profile}`,
    window: (windowSeconds, at) =>
      trafficWindow({
        profile,
        random,
        windowSeconds,
        secondOfDay: Math.floor((at.getTime() % 86_400_000) / 1000),
      }),
  };
}

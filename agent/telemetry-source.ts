import { readFileSync } from "node:fs";
import { trafficWindow, type TrafficProfile, type TrafficWindow } from "../demo/data/traffic-model";
import { createRandom } from "../lib/domain/random";
import type { PeerTraffic } from "../lib/schemas/node-protocol";
import { cappedSum, parsePeerCounters, peerCounterDeltas, type PeerCounters } from "./peer-counters";

/** One window's numbers for a report; `peerTraffic` only from a source that knows per-peer exchanges. */
export interface TelemetryWindow extends TrafficWindow {
  /** The window's exchanges with other nodes; the reporter keeps the 256 largest and fits them to the totals. */
  peerTraffic?: PeerTraffic[];
}

/** Where a report's traffic numbers come from. */
export interface TelemetrySource {
  readonly description: string;
  window(windowSeconds: number, at: Date): TelemetryWindow;
  /** The report built from the last window was accepted: a source that counts since the last report moves on. */
  accepted?(): void;
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

/**
 * Per-peer exchanges from the --peer-counters file (peer-counters.ts): each window reports what every
 * counter grew by since the last ACCEPTED report, so a report that failed loses nothing. The first
 * reading (at start, or once the file appears) only sets the baseline: counters that ran before the
 * agent started are not this window's. An unreadable file is passed to `warn` and that window goes
 * without peerTraffic. The totals come from `totals` when given (the entries are then fitted to them),
 * else from the counters themselves: the sums over every peer, so they are never below the entries.
 */
export function peerCountersSource({
  file,
  totals,
  warn = () => {},
  readText = (path) => readFileSync(path, "utf8"),
}: {
  file: string;
  totals?: TelemetrySource;
  warn?: (message: string) => void;
  readText?: (path: string) => string;
}): TelemetrySource {
  const read = (): PeerCounters | null => {
    try {
      return parsePeerCounters(readText(file));
    } catch (error) {
      warn(`peer counters ${file}: ${(error as Error).message}; this report goes without peerTraffic`);
      return null;
    }
  };
  let baseline = read();
  let pending: PeerCounters | null = null;
  return {
    description: `per-peer counters from ${file}${totals ? `, totals from ${totals.description}` : ""}`,
    window(windowSeconds, at) {
      const current = read();
      pending = current;
      const peerTraffic = current && baseline ? peerCounterDeltas(baseline, current) : undefined;
      const numbers = totals
        ? totals.window(windowSeconds, at)
        : {
            bytesUp: cappedSum(peerTraffic ?? [], "bytesUp"),
            bytesDown: cappedSum(peerTraffic ?? [], "bytesDown"),
            peers: current?.size ?? 0,
            medianLatencyMs: 0,
          };
      return peerTraffic ? { ...numbers, peerTraffic } : numbers;
    },
    accepted() {
      if (pending) baseline = pending;
      pending = null;
    },
  };
}

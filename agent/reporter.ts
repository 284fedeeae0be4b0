import { type KeyObject } from "node:crypto";
import { retryDelayMs, sleep } from "./backoff";
import { fitPeerTraffic } from "./peer-counters";
import { type PlatformClient, type TelemetryResult } from "./protocol/platform-client";
import { type TelemetrySource } from "./telemetry-source";
import { type HeldConfig } from "./endpoint-server";

export const AGENT_NAME = "plenum-agent/0.1.0";
const MAX_WINDOW_SECONDS = 86_400;

/**
 * Builds and sends one telemetry report covering the time since the last accepted one (the agent was
 * up for all of it, so uptimeSeconds is the window's length). A source's peerTraffic goes out fitted to
 * what the protocol accepts (fitPeerTraffic); a source without it sends none.
 */
export function createReporter({
  client,
  nodeId,
  privateKey,
  source,
  held,
  startedAtMs,
  now = Date.now,
}: {
  client: PlatformClient;
  nodeId: string;
  privateKey: KeyObject;
  source: TelemetrySource;
  held: () => HeldConfig;
  startedAtMs: number;
  now?: () => number;
}): () => Promise<TelemetryResult> {
  let windowStartMs = startedAtMs;
  return async () => {
    const nowMs = now();
    const at = new Date(nowMs);
    const elapsedSeconds = Math.floor((nowMs - windowStartMs) / 1000);
    // The protocol caps a window at one day; after a longer outage the report covers the last day.
    const windowSeconds = Math.min(MAX_WINDOW_SECONDS, Math.max(1, elapsedSeconds));
    const config = held();
    const { peerTraffic, ...traffic } = source.window(windowSeconds, at);
    const result = await client.sendTelemetry({
      nodeId,
      privateKey,
      timestamp: Math.floor(nowMs / 1000),
      report: {
        at: at.toISOString(),
        windowSeconds,
        uptimeSeconds: Math.min(windowSeconds, Math.max(0, elapsedSeconds)),
        ...traffic,
        activeConfigVersion: config.activeVersion || null,
        stagedConfigVersion: config.stagedVersion || null,
        agent: AGENT_NAME,
        ...(peerTraffic ? { peerTraffic: fitPeerTraffic(peerTraffic, { nodeId, ...traffic }) } : {}),
      },
    });
    windowStartMs = nowMs;
    source.accepted?.();
    return result;
  };
}

/**
 * Reports until `signal` aborts: after a success waits the interval the platform asked for (± jitter),
 * after a network error or 5xx backs off, after a 429 waits Retry-After. Any other error ends the loop.
 */
export async function reportUntilStopped({
  report,
  signal,
  random,
  intervalJitter = 0,
  onReport,
  onRetry,
  wait = sleep,
}: {
  report: () => Promise<TelemetryResult>;
  signal: AbortSignal;
  random: () => number;
  intervalJitter?: number;
  onReport?: (result: TelemetryResult) => void;
  onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    let delayMs: number;
    try {
      const result = await report();
      failures = 0;
      onReport?.(result);
      delayMs = result.nextReportInSeconds * 1000 * (1 + intervalJitter * (2 * random() - 1));
    } catch (error) {
      if (signal.aborted) return;
      const retryIn = retryDelayMs(error, failures, random);
      if (retryIn === null) throw error;
      failures += 1;
      onRetry?.(error, retryIn, failures);
      delayMs = retryIn;
    }
    await wait(delayMs, signal);
  }
}

import { createRandom } from "../../lib/domain/random";
import { sleep } from "../backoff";
import { type ConfigEndpoint } from "../config-endpoint/config-endpoint-server";
import { PlatformError } from "../protocol/platform-client";
import { createReporter, reportUntilStopped } from "../reporter";
import { syntheticSource } from "../telemetry-source";
import { type FleetNode } from "./enrol-fleet-nodes";
import { planFleetPeerTraffic, withPeerTraffic } from "./fleet-peer-traffic";
import { type FleetOptions } from "./run-fleet";

const INTERVAL_JITTER = 0.1;

export async function reportAll({
  fleetNodes: nodes,
  endpoint,
  seed,
  log,
  signal,
  summaryEveryMs = 60_000,
  firstReportSpreadMs = 10_000,
}: Pick<FleetOptions, "seed" | "log" | "signal" | "summaryEveryMs" | "firstReportSpreadMs"> & {
  fleetNodes: FleetNode[];
  endpoint: ConfigEndpoint;
}): Promise<void> {
  const random = createRandom(seed + 1);
  const totals = { reports: 0, failures: 0, bytesUp: 0, bytesDown: 0, stopped: 0 };
  const lastInterval = { seconds: 0 };
  const summary = setInterval(() => {
    log.info("fleet summary", {
      nodes: nodes.length - totals.stopped,
      reports: totals.reports,
      failures: totals.failures,
      bytesUp: totals.bytesUp,
      bytesDown: totals.bytesDown,
      nextReportInSeconds: lastInterval.seconds,
    });
    Object.assign(totals, { reports: 0, failures: 0, bytesUp: 0, bytesDown: 0 });
  }, summaryEveryMs);
  summary.unref();
  const startedAtMs = Date.now();
  const swarm = planFleetPeerTraffic({
    nodes: nodes.map(({ slot, state }) => ({
      nodeId: state.nodeId,
      profile: slot.profile,
      sourceAddress: state.sourceAddress,
    })),
    seed,
  });
  const inflator = nodes.find(({ state }) => state.nodeId === swarm.inflatorId);
  if (inflator) {
    log.info("fleet peer traffic: its nodes confirm each other's traffic; one inflates its claims", {
      inflating: inflator.slot.name,
      nodeId: inflator.state.nodeId,
    });
  }

  await Promise.all(
    nodes.map(async ({ slot, key, state, client }) => {
      await sleep(random.nextFloat() * firstReportSpreadMs, signal);
      const source = withPeerTraffic(
        syntheticSource(slot.profile, seed * 1000 + slot.index),
        state.nodeId,
        swarm,
      );
      const counted = {
        description: source.description,
        window: (windowSeconds: number, at: Date) => {
          const window = source.window(windowSeconds, at);
          totals.bytesUp += window.bytesUp;
          totals.bytesDown += window.bytesDown;
          return window;
        },
      };
      try {
        await reportUntilStopped({
          report: createReporter({
            client,
            nodeId: state.nodeId,
            privateKey: key.privateKey,
            source: counted,
            held: () => endpoint.held(state.nodeId),
            startedAtMs,
          }),
          signal,
          random: () => random.nextFloat(),
          intervalJitter: INTERVAL_JITTER,
          onReport: (result) => {
            totals.reports += 1;
            lastInterval.seconds = result.nextReportInSeconds;
          },
          onRetry: () => {
            totals.failures += 1;
          },
        });
      } catch (error) {
        totals.stopped += 1;
        log.error("a fleet node stopped reporting", {
          node: slot.name,
          nodeId: state.nodeId,
          status: error instanceof PlatformError ? error.status : undefined,
          error: (error as Error).message,
        });
      }
    }),
  );
  clearInterval(summary);
}

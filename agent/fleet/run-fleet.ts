import { setMaxListeners } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { planDemoFleet, type FleetSlot } from "../../demo/data/traffic-fleet";
import { createRandom } from "../../lib/domain/random";
import { type Logger } from "../../lib/server/platform/logger";
import {
  type ConfigEndpoint,
  createConfigEndpoint,
  createConfigEndpointServer,
} from "../config-endpoint/config-endpoint-server";
import { type FaultRule } from "../config-endpoint/fault-spec";
import { close, listen } from "../endpoint-server";
import { createPlatformClient } from "../protocol/platform-client";
import { enrolMissing, waitForNetwork, type FleetNode } from "./enrol-fleet-nodes";
import { usableFleetSourceAddresses } from "./fleet-source-addresses";
import { reportAll } from "./report-fleet-telemetry";

export interface FleetOptions {
  server: string;
  nodes: number;
  /** Fleet data lives in `<directory>/<networkId>/`, so a restart reuses the nodes it enrolled. */
  directory: string;
  seed: number;
  concurrency: number;
  endpointPort?: number;
  /** Tokens for the operators in a plan; called once with how many nodes each operator needs. */
  mintTokens: (uses: Map<string, number>) => Promise<Map<string, string>>;
  /**
   * Called with the nodes enrolled on an earlier run (at the endpoints the fleet gave them), so the
   * platform can mark them as the fleet's own: only those may keep loopback endpoints.
   */
  claimEnrolledNodes?: (nodes: { nodeId: string; endpointUrl: string }[]) => Promise<void>;
  /**
   * Called with the nodes enrolled on this run, so the platform can let them cast ballots for their
   * demo operators (new nodes start without that permission).
   */
  allowNewNodesToVote?: (nodeIds: string[]) => Promise<void>;
  /** Operators to plan with when there is no saved plan. */
  planOperators: () => Promise<{
    ordinaryEmails: string[];
    preferredEmails: string[];
    largeOperatorEmail?: string;
  }>;
  log: Logger;
  signal: AbortSignal;
  fetchImpl?: typeof fetch;
  summaryEveryMs?: number;
  /** First reports are spread over this long so a fleet does not report all at once. */
  firstReportSpreadMs?: number;
  /** Faults the nodes' config endpoints show (selector node-<n>, a node's name or id). */
  faults?: readonly FaultRule[];
}

interface FleetFile {
  networkId: string;
  endpointPort: number;
  slots: FleetSlot[];
}

const startedAt = new Date().toISOString();

/** Enrols (where needed) and runs a fleet of synthetic nodes until `signal` aborts. */
export async function runFleet(options: FleetOptions): Promise<void> {
  const { log, signal } = options;
  // Every node's loop waits on the same stop signal.
  setMaxListeners(options.nodes + 10, signal);
  const client = createPlatformClient({ server: options.server, fetchImpl: options.fetchImpl });
  const network = await waitForNetwork(client, { signal, log });
  const directory = path.join(options.directory, network.networkId);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const fleetFile = path.join(directory, "fleet.json");
  const saved = existsSync(fleetFile) ? (JSON.parse(readFileSync(fleetFile, "utf8")) as FleetFile) : null;

  let slots = saved?.slots ?? [];
  if (slots.length < options.nodes) {
    const operators = await options.planOperators();
    const planned = planDemoFleet({ nodes: options.nodes, random: createRandom(options.seed), ...operators });
    slots = [...slots, ...planned.slice(slots.length)];
  }
  slots = slots.slice(0, options.nodes);

  const storeFiles = new Map<string, string>();
  const endpoint = createConfigEndpoint({
    trust: {
      networkId: network.networkId,
      keys: [{ keyId: network.keyId, publicKey: network.platformPublicKey }],
    },
    storeFile: (nodeId) => storeFiles.get(nodeId)!,
    log,
  });
  const server = createConfigEndpointServer(endpoint);
  let port: number;
  try {
    port = await listen(server, options.endpointPort ?? saved?.endpointPort ?? 0, "127.0.0.1");
  } catch {
    port = await listen(server, 0, "127.0.0.1");
    log.warn(
      "the fleet's previous endpoint port is taken; nodes enrolled earlier keep their old endpoint URL",
      {
        previousPort: saved?.endpointPort,
      },
    );
  }
  writeFileSync(
    fleetFile,
    JSON.stringify({ networkId: network.networkId, endpointPort: port, slots } satisfies FleetFile, null, 2),
  );

  try {
    const sourceAddresses = await usableFleetSourceAddresses(options.server, slots, log);
    const nodes = await enrolMissing({
      ...options,
      clientFor: (sourceAddress) =>
        createPlatformClient({ server: options.server, fetchImpl: options.fetchImpl, sourceAddress }),
      sourceAddresses,
      directory,
      slots,
      port,
      networkId: network.networkId,
    });
    const enrolledBefore = nodes.filter((node) => node.state.enrolledAt < startedAt);
    if (enrolledBefore.length > 0) {
      await options.claimEnrolledNodes?.(
        enrolledBefore.map(({ state }) => ({ nodeId: state.nodeId, endpointUrl: state.endpointUrl })),
      );
    }
    const enrolledNow = nodes.filter((node) => node.state.enrolledAt >= startedAt);
    if (enrolledNow.length > 0) {
      await options.allowNewNodesToVote?.(enrolledNow.map(({ state }) => state.nodeId));
    }
    for (const node of nodes) {
      storeFiles.set(node.state.nodeId, path.join(directory, `node-${node.slot.index}.config.json`));
      endpoint.add({
        nodeId: node.state.nodeId,
        webhookSecret: node.state.webhookSecret,
        path: new URL(node.state.endpointUrl).pathname,
      });
    }
    applyFaults(endpoint, nodes, options.faults ?? [], log);
    log.info("fleet running", {
      nodes: nodes.length,
      enrolledBefore: enrolledBefore.length,
      endpoints: `http://127.0.0.1:${port}/node/<n>`,
      profiles: countBy(nodes.map((node) => node.slot.profile)),
      networks: new Set(
        nodes.map(({ state }) => state.sourceAddress?.replace(/\.\d+$/, ".0/24") ?? "(chosen by the OS)"),
      ).size,
    });
    if (nodes.length > 0) await reportAll({ ...options, fleetNodes: nodes, endpoint });
  } finally {
    endpoint.stop();
    await close(server);
  }
}

/** A selector names a node as node-<n> (its slot, as in /node/<n>), by name or by id. */
function applyFaults(
  endpoint: ConfigEndpoint,
  nodes: readonly FleetNode[],
  faults: readonly FaultRule[],
  log: Logger,
) {
  for (const { selector, fault } of faults) {
    const index = /^node-(\d+)$/.exec(selector)?.[1];
    const node = nodes.find(
      ({ slot, state }) =>
        (index !== undefined && slot.index === Number(index)) ||
        slot.name === selector ||
        state.nodeId === selector,
    );
    if (!node) {
      throw new Error(
        `--fault ${selector}: no fleet node is called that; use node-<n> (0 to ${nodes.length - 1}), a node's name or its id`,
      );
    }
    endpoint.setFault(node.state.nodeId, fault);
    log.info("fleet node fault", { node: node.slot.name, nodeId: node.state.nodeId, fault });
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

import { setMaxListeners } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { planDemoFleet, type FleetSlot } from "../../lib/domain/demo/traffic-fleet";
import { createRandom } from "../../lib/domain/random";
import { type Logger } from "../../lib/server/logger";
import { retryDelayMs, sleep } from "../backoff";
import {
  type ConfigEndpoint,
  createConfigEndpoint,
  createConfigEndpointServer,
} from "../config-endpoint/config-endpoint-server";
import { type FaultRule } from "../config-endpoint/fault-spec";
import { close, listen } from "../endpoint-server";
import { createKeyFile, readKeyFile, type NodeKey } from "../key-file";
import { describeEnrolmentError, enrolNode } from "../protocol/enrol-node";
import { createPlatformClient, PlatformError, type PlatformClient } from "../protocol/platform-client";
import { createReporter, reportUntilStopped } from "../reporter";
import { readStateFile, writeStateFile, type NodeState } from "../state-file";
import { syntheticSource } from "../telemetry-source";

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

interface FleetNode {
  slot: FleetSlot;
  key: NodeKey;
  state: NodeState;
}

const ENROL_ATTEMPTS = 6;
const INTERVAL_JITTER = 0.1;
const startedAt = new Date().toISOString();

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

async function waitForNetwork(client: PlatformClient, { signal, log }: { signal: AbortSignal; log: Logger }) {
  const random = createRandom(1);
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.getNetwork();
    } catch (error) {
      const delay = retryDelayMs(error, attempt, () => random.nextFloat());
      if (delay === null || attempt >= ENROL_ATTEMPTS || signal.aborted) throw error;
      log.warn("platform not answering yet; retrying", { error: (error as Error).message, retryInMs: delay });
      await sleep(delay, signal);
    }
  }
}

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
    const nodes = await enrolMissing({
      ...options,
      client,
      directory,
      slots,
      port,
      networkId: network.networkId,
    });
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
      enrolledBefore: nodes.filter((node) => node.state.enrolledAt < startedAt).length,
      endpoints: `http://127.0.0.1:${port}/node/<n>`,
      profiles: countBy(nodes.map((node) => node.slot.profile)),
    });
    if (nodes.length > 0) await reportAll({ ...options, client, fleetNodes: nodes, endpoint });
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

async function enrolMissing({
  client,
  directory,
  slots,
  port,
  networkId,
  mintTokens,
  concurrency,
  log,
  signal,
}: FleetOptions & {
  client: PlatformClient;
  directory: string;
  slots: FleetSlot[];
  port: number;
  networkId: string;
}): Promise<FleetNode[]> {
  const files = (slot: FleetSlot) => ({
    key: path.join(directory, `node-${slot.index}.key`),
    state: path.join(directory, `node-${slot.index}.json`),
  });
  const ready: FleetNode[] = [];
  const missing: FleetSlot[] = [];
  for (const slot of slots) {
    const { key, state } = files(slot);
    if (existsSync(key) && existsSync(state)) {
      const nodeState = readStateFile(state);
      if (nodeState.networkId === networkId) {
        ready.push({ slot, key: readKeyFile(key), state: nodeState });
        continue;
      }
    }
    missing.push(slot);
  }
  if (missing.length === 0) return ready;

  const uses = new Map<string, number>();
  for (const slot of missing) uses.set(slot.operatorEmail, (uses.get(slot.operatorEmail) ?? 0) + 1);
  const tokens = await mintTokens(uses);
  log.info("enrolling nodes", { nodes: missing.length, operators: uses.size, concurrency });
  const random = createRandom(slots.length);

  const enrolled = await mapWithConcurrency(missing, concurrency, async (slot): Promise<FleetNode | null> => {
    const { key: keyPath, state: statePath } = files(slot);
    const key = existsSync(keyPath) ? readKeyFile(keyPath) : createKeyFile(keyPath, { isOverwrite: false });
    const endpointUrl = `http://127.0.0.1:${port}/node/${slot.index}`;
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const registered = await enrolNode({
          client,
          ...key,
          enrolmentToken: tokens.get(slot.operatorEmail)!,
          name: slot.name,
          endpointUrl,
        });
        const state: NodeState = {
          nodeId: registered.nodeId,
          server: client.server,
          networkId: registered.networkId,
          platformPublicKey: registered.platformPublicKey,
          keyId: registered.keyId,
          webhookSecret: registered.webhookSecret,
          name: slot.name,
          endpointUrl,
          enrolledAt: new Date().toISOString(),
        };
        writeStateFile(statePath, state);
        return { slot, key, state };
      } catch (error) {
        const delay = retryDelayMs(error, attempt, () => random.nextFloat());
        if (delay === null || attempt + 1 >= ENROL_ATTEMPTS) {
          log.error("could not enrol a fleet node", {
            node: slot.name,
            error: describeEnrolmentError(error, client.server),
          });
          return null;
        }
        await sleep(delay, signal);
      }
    }
    return null;
  });
  return [...ready, ...enrolled.filter((node): node is FleetNode => node !== null)];
}

async function reportAll({
  client,
  fleetNodes: nodes,
  endpoint,
  seed,
  log,
  signal,
  summaryEveryMs = 60_000,
  firstReportSpreadMs = 10_000,
}: FleetOptions & {
  client: PlatformClient;
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

  await Promise.all(
    nodes.map(async ({ slot, key, state }) => {
      await sleep(random.nextFloat() * firstReportSpreadMs, signal);
      const source = syntheticSource(slot.profile, seed * 1000 + slot.index);
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

import { existsSync } from "node:fs";
import path from "node:path";
import { type FleetSlot } from "../../demo/data/traffic-fleet";
import { createRandom } from "../../lib/domain/random";
import { type Logger } from "../../lib/server/platform/logger";
import { retryDelayMs, sleep } from "../backoff";
import { createKeyFile, readKeyFile, type NodeKey } from "../key-file";
import { describeEnrolmentError, enrolNode } from "../protocol/enrol-node";
import { type PlatformClient } from "../protocol/platform-client";
import { readStateFile, writeStateFile, type NodeState } from "../state-file";
import { type FleetOptions } from "./run-fleet";

export interface FleetNode {
  slot: FleetSlot;
  key: NodeKey;
  state: NodeState;
  /** Sends the node's requests from its own source address (fleet-source-addresses.ts). */
  client: PlatformClient;
}

const ENROL_ATTEMPTS = 6;

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

export async function waitForNetwork(
  client: PlatformClient,
  { signal, log }: { signal: AbortSignal; log: Logger },
) {
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

/**
 * The fleet's nodes, enrolling those without a key and state for this network; each node's state file
 * keeps its source address (so `agent vote --state <its file>` sends from it too).
 */
export async function enrolMissing({
  clientFor,
  sourceAddresses,
  directory,
  slots,
  port,
  networkId,
  mintTokens,
  concurrency,
  log,
  signal,
}: Pick<FleetOptions, "mintTokens" | "concurrency" | "log" | "signal"> & {
  clientFor: (sourceAddress: string | undefined) => PlatformClient;
  /** slot index → source address; a slot without one lets the OS choose. */
  sourceAddresses: ReadonlyMap<number, string>;
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
      const saved = readStateFile(state);
      if (saved.networkId === networkId) {
        const { sourceAddress: _before, ...rest } = saved;
        const sourceAddress = sourceAddresses.get(slot.index);
        const nodeState: NodeState = { ...rest, ...(sourceAddress !== undefined && { sourceAddress }) };
        if (saved.sourceAddress !== sourceAddress) writeStateFile(state, nodeState);
        ready.push({ slot, key: readKeyFile(key), state: nodeState, client: clientFor(sourceAddress) });
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
    const sourceAddress = sourceAddresses.get(slot.index);
    const client = clientFor(sourceAddress);
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
          ...(sourceAddress !== undefined && { sourceAddress }),
        };
        writeStateFile(statePath, state);
        return { slot, key, state, client };
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

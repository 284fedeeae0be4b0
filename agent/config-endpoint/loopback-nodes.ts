import { mkdirSync, readdirSync } from "node:fs";
import { type Server } from "node:http";
import path from "node:path";
import { type Logger } from "../../lib/server/platform/logger";
import { close, listen, type HeldConfig } from "../endpoint-server";
import { createConfigEndpoint, createConfigEndpointServer } from "./config-endpoint-server";
import { type NodeFault } from "./node-faults";
import { type PlatformTrust } from "./verify-push";

export type { NodeFault } from "./node-faults";
export type { PlatformTrust } from "./verify-push";

export interface SimulatedNodeIdentity {
  nodeId: string;
  /** "whsec_…", as the platform returned it at registration. */
  webhookSecret: string;
}

export interface LoopbackNodes {
  /** http://<host>:<port>/nodes/<nodeId>; nodes are spread over the hosts in turn. */
  urlFor(nodeId: string): string;
  held(nodeId: string): HeldConfig;
  /** Versions activated, in order. */
  appliedLog(nodeId: string): number[];
  setFault(nodeId: string, fault: NodeFault | null): void;
  close(): Promise<void>;
}

const storeFileName = (nodeId: string) => `${encodeURIComponent(nodeId)}.config.json`;

/**
 * Real HTTP config endpoints for many simulated nodes on loopback (tests, benchmark): one server per
 * host, every node served on its own path, one activation timer for all, a node's store opened on
 * first use.
 */
export async function startLoopbackNodes(options: {
  trust: PlatformTrust;
  nodes: SimulatedNodeIdentity[];
  now?: () => Date;
  hosts?: string[];
  stateDirectory?: string;
  faults?: Record<string, NodeFault>;
  /** Gets `applied config version N` per activation; silent when absent. */
  log?: Logger;
  /** Activation check period; default 1000 ms. */
  activationCheckMs?: number;
}): Promise<LoopbackNodes> {
  const hosts = options.hosts ?? ["127.0.0.1"];
  const { stateDirectory } = options;
  if (stateDirectory !== undefined) mkdirSync(stateDirectory, { recursive: true });
  const endpoint = createConfigEndpoint({
    trust: options.trust,
    nodes: options.nodes.map((node) => ({ ...node, path: `/nodes/${encodeURIComponent(node.nodeId)}` })),
    now: options.now,
    storeFile:
      stateDirectory === undefined ? undefined : (nodeId) => path.join(stateDirectory, storeFileName(nodeId)),
    faults: options.faults,
    log: options.log,
    activationCheckMs: options.activationCheckMs,
  });

  if (stateDirectory !== undefined) {
    // Stores found on disk open now, so versions staged before a restart still activate on time.
    const files = new Set(readdirSync(stateDirectory));
    for (const { nodeId } of options.nodes) {
      if (files.has(storeFileName(nodeId))) endpoint.held(nodeId);
    }
  }

  const servers: Server[] = [];
  const origins: string[] = [];
  try {
    for (const host of hosts) {
      const server = createConfigEndpointServer(endpoint);
      servers.push(server);
      origins.push(`http://${host}:${await listen(server, 0, host)}`);
    }
  } catch (error) {
    endpoint.stop();
    await Promise.all(servers.map(close));
    throw error;
  }
  const originOf = new Map(
    options.nodes.map((node, index) => [node.nodeId, origins[index % origins.length]!]),
  );

  return {
    urlFor(nodeId) {
      const origin = originOf.get(nodeId);
      if (!origin) throw new Error(`no simulated node ${nodeId}`);
      return `${origin}/nodes/${encodeURIComponent(nodeId)}`;
    },
    held: (nodeId) => endpoint.held(nodeId),
    appliedLog: (nodeId) => endpoint.appliedLog(nodeId),
    setFault: (nodeId, fault) => endpoint.setFault(nodeId, fault),
    async close() {
      endpoint.stop();
      await Promise.all(servers.map(close));
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Logger } from "../../lib/server/platform/logger";
import { type HeldConfig } from "../endpoint-server";
import { acceptBundle, announcedPlatformKeys } from "./accept-bundle";
import { type ConfigStore, ConfigStoreError, openConfigStore } from "./config-store";
import { errorBody, json } from "./json-reply";
import { answerFault, heldUnderFault, type NodeFault } from "./node-faults";
import { type PinnedTrust, pinTrust, type PlatformTrust, verifyPush, withTrustedKeys } from "./verify-push";

/** Largest push body a node reads (node-protocol.md: bodies are at most 64 KiB). */
export const MAX_PUSH_BODY_BYTES = 64 * 1024;

export interface EndpointNode {
  nodeId: string;
  webhookSecret: string;
  /** URL path the node is served at, e.g. /nodes/<nodeId>. */
  path: string;
}

export interface ConfigEndpointOptions {
  trust: PlatformTrust;
  nodes?: readonly EndpointNode[];
  /** Node clock: activation and `down` faults. Default real time. */
  now?: () => Date;
  /** File that persists a node's held configs; in memory when absent. */
  storeFile?: (nodeId: string) => string;
  faults?: Record<string, NodeFault>;
  /** Gets `applied config version N` once per version a node activates. */
  log?: Logger;
  /** How often staged versions are checked for activation (one timer for every node); 0 = never. */
  activationCheckMs?: number;
}

/** The node side of config push for any number of nodes, one URL path each, on one or more servers. */
export interface ConfigEndpoint {
  add(node: EndpointNode): void;
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** What the node holds now (activating a due version first), as telemetry reports it. */
  held(nodeId: string): HeldConfig;
  appliedLog(nodeId: string): number[];
  setFault(nodeId: string, fault: NodeFault | null): void;
  /** Activates every due staged version now (the timer does this every activationCheckMs). */
  activateDue(): void;
  /** Stops the activation timer. */
  stop(): void;
}

interface NodeEntry {
  node: EndpointNode;
  store?: ConfigStore;
  fault: NodeFault | null;
  /** Its trust, rebuilt when it learns a platform key. */
  trust?: { learned: number; pinned: PinnedTrust };
}

type BodyResult = { ok: true; body: Buffer } | { ok: false };

/** Reads the raw body (the signature covers these exact bytes); answers 413 itself past the cap. */
function readBody(request: IncomingMessage, response: ServerResponse): Promise<BodyResult> {
  const tooLarge = () => {
    json(
      response,
      413,
      errorBody(
        "PAYLOAD_TOO_LARGE",
        `a push body is at most ${MAX_PUSH_BODY_BYTES} bytes; send fewer versions`,
      ),
      { connection: "close" },
    );
    request.resume();
    return { ok: false } as const;
  };
  if (Number(request.headers["content-length"] ?? 0) > MAX_PUSH_BODY_BYTES)
    return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PUSH_BODY_BYTES) {
        request.off("data", onData);
        resolve(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => {
      if (size <= MAX_PUSH_BODY_BYTES) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    request.on("error", () => resolve({ ok: false }));
  });
}

export function createConfigEndpoint(options: ConfigEndpointOptions): ConfigEndpoint {
  const trust = pinTrust(options.trust);
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, NodeEntry>();
  const byPath = new Map<string, NodeEntry>();
  // Nodes holding a version above their active one: the only ones the timer needs to look at.
  const staged = new Set<NodeEntry>();

  const add = (node: EndpointNode) => {
    const entry: NodeEntry = { node, fault: options.faults?.[node.nodeId] ?? null };
    entries.set(node.nodeId, entry);
    byPath.set(node.path, entry);
  };
  for (const node of options.nodes ?? []) add(node);

  const storeOf = (entry: NodeEntry): ConfigStore => {
    if (!entry.store) {
      entry.store = openConfigStore(options.storeFile?.(entry.node.nodeId));
      if (entry.store.hasStaged(now())) staged.add(entry);
    }
    return entry.store;
  };

  const activate = (entry: NodeEntry, at: Date) => {
    const store = storeOf(entry);
    const applied = store.activate(at);
    if (applied !== null)
      options.log?.info(`applied config version ${applied}`, { nodeId: entry.node.nodeId });
    if (store.hasStaged(at)) staged.add(entry);
    else staged.delete(entry);
  };

  const entryOf = (nodeId: string) => {
    const entry = entries.get(nodeId);
    if (!entry) throw new Error(`no simulated node ${nodeId}`);
    return entry;
  };

  const reported = (entry: NodeEntry, at: Date): HeldConfig => {
    activate(entry, at);
    return heldUnderFault(storeOf(entry).held(at), entry.fault);
  };

  /** The keys pinned at enrolment plus those this node learned from rotation versions. */
  const trustOf = (entry: NodeEntry): PinnedTrust => {
    const learned = storeOf(entry).learnedKeys();
    if (entry.trust?.learned !== learned.length) {
      entry.trust = { learned: learned.length, pinned: withTrustedKeys(trust, learned) };
    }
    return entry.trust.pinned;
  };

  const handlePush = async (entry: NodeEntry, request: IncomingMessage, response: ServerResponse) => {
    const read = await readBody(request, response);
    if (!read.ok) return;
    const nodeTrust = trustOf(entry);
    const text = read.body.toString("utf8");
    const verification = verifyPush({
      body: read.body,
      headers: request.headers,
      webhookSecret: entry.node.webhookSecret,
      // A node that slept through a rotation's overlap gets pushes signed only by the new key, which
      // the bundle's rotation version (signed by a key it trusts) announces.
      trust: withTrustedKeys(nodeTrust, announcedPlatformKeys(text, nodeTrust)),
    });
    if (!verification.ok) {
      return json(response, 401, errorBody("UNAUTHENTICATED", `push refused: ${verification.reason}`));
    }
    const at = now();
    const store = storeOf(entry);
    activate(entry, at);
    const fault = entry.fault;
    if (fault?.kind === "nack") {
      return json(response, 422, {
        status: "NACK",
        currentVersion: store.held(at).stagedVersion,
        error: { code: fault.code, message: `simulated NACK ${fault.code}` },
      });
    }
    const decision = acceptBundle({ body: text, trust: nodeTrust, held: store.versions(), now: at });
    if (fault?.kind === "claim-version" && decision.kind !== "nack") {
      const highest = (JSON.parse(text) as { bundle: { version: number }[] }).bundle.at(-1)!.version;
      if (highest <= fault.version)
        return json(response, 409, { status: "STALE", currentVersion: fault.version });
    }
    switch (decision.kind) {
      case "accept":
        store.add(decision.versions, decision.learnedKeys);
        for (const key of decision.learnedKeys) {
          options.log?.info("trusts a new platform key", { nodeId: entry.node.nodeId, keyId: key.keyId });
        }
        return json(response, 200, { status: "ACK", ...reported(entry, at) });
      case "stale":
        return json(response, 409, { status: "STALE", currentVersion: decision.currentVersion });
      case "gap":
        return json(response, 409, { status: "GAP", currentVersion: decision.currentVersion });
      case "nack":
        return json(response, 422, {
          status: "NACK",
          currentVersion: decision.currentVersion,
          error: { code: decision.code, message: decision.message },
        });
    }
  };

  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://endpoint").pathname;
    const entry = byPath.get(path);
    if (!entry) {
      request.resume();
      return json(response, 404, errorBody("NOT_FOUND", `no node is served at ${path}`));
    }
    if (answerFault(entry, now, request, response)) return request.resume();
    if (entry.fault?.kind === "slow") {
      const delayMs = entry.fault.delayMs;
      // Unref'd: a closed server must not be kept alive by a reply it will never send.
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      if (response.destroyed) return;
    }
    if (request.method === "GET") {
      request.resume();
      return json(response, 200, reported(entry, now()));
    }
    if (request.method === "POST") return handlePush(entry, request, response);
    request.resume();
    return json(response, 405, errorBody("BAD_INPUT", "use GET or POST"), { allow: "GET, POST" });
  };

  const timer =
    options.activationCheckMs === 0
      ? null
      : setInterval(() => endpoint.activateDue(), options.activationCheckMs ?? 1000);
  timer?.unref();

  const endpoint: ConfigEndpoint = {
    add,
    handle(request, response) {
      respond(request, response).catch((error: unknown) => {
        if (response.headersSent) return void response.destroy();
        const message =
          error instanceof ConfigStoreError ? error.message : `the node failed: ${(error as Error).message}`;
        json(response, 500, errorBody("INTERNAL", message));
      });
    },
    held: (nodeId) => reported(entryOf(nodeId), now()),
    appliedLog: (nodeId) => [...storeOf(entryOf(nodeId)).appliedLog()],
    setFault(nodeId, fault) {
      entryOf(nodeId).fault = fault;
    },
    activateDue() {
      const at = now();
      for (const entry of [...staged]) activate(entry, at);
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
  return endpoint;
}

/** A `node:http` server answering every request with `endpoint`. */
export function createConfigEndpointServer(endpoint: ConfigEndpoint): Server {
  return createServer((request, response) => endpoint.handle(request, response));
}

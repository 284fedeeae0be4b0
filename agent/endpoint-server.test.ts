import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfigEndpoint, createConfigEndpointServer } from "./config-endpoint/config-endpoint-server";
import {
  bundleBody,
  buildVersionChain,
  createTestPlatform,
  createWebhookSecret,
  signPush,
} from "./testing/push-test-kit";
import { close, configStoreFileFor, listen, pinnedTrust } from "./endpoint-server";

const platform = createTestPlatform("net_agent");
const webhookSecret = createWebhookSecret();
const state = {
  nodeId: "node_3",
  networkId: platform.networkId,
  keyId: platform.key.keyId,
  platformPublicKey: platform.key.publicKey,
};
const stateFile = path.join(mkdtempSync(path.join(tmpdir(), "agent-endpoint-")), "plenum-node.json");
// As `agent run` sets it up: one node, its pinned platform key, its store beside the state file.
const endpoint = createConfigEndpoint({
  trust: pinnedTrust(state),
  nodes: [{ nodeId: state.nodeId, webhookSecret, path: "/node/3" }],
  storeFile: () => configStoreFileFor(stateFile),
  activationCheckMs: 0,
});
const server = createConfigEndpointServer(endpoint);
let base: string;
beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
});
afterAll(() => close(server));

const chain = buildVersionChain(platform, 2, () => new Date(Date.now() - 60_000));

describe("the agent's config endpoint", () => {
  it("keeps held configs beside the state file", () => {
    expect(configStoreFileFor("/srv/plenum-node.json")).toBe("/srv/plenum-node.config.json");
    expect(configStoreFileFor("/srv/state")).toBe("/srv/state.config.json");
  });

  it("GET reports what the node holds: nothing before any push", async () => {
    const response = await fetch(`${base}/node/3`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ activeVersion: 0, stagedVersion: 0, sha256: null });
  });

  it("POST without valid signatures is 401 and stores nothing", async () => {
    const response = await fetch(`${base}/node/3`, { method: "POST", body: bundleBody("net_agent", chain) });
    expect(response.status).toBe(401);
    expect(endpoint.held("node_3").stagedVersion).toBe(0);
  });

  it("POST of a bundle signed by the pinned platform key is ACKed, stored and applied", async () => {
    const body = bundleBody("net_agent", chain);
    const response = await fetch(`${base}/node/3`, {
      method: "POST",
      body,
      headers: signPush({ nodeId: "node_3", body, webhookSecret, platform }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ACK",
      activeVersion: 2,
      stagedVersion: 2,
      sha256: chain[1]!.sha256,
    });
    expect(endpoint.appliedLog("node_3")).toEqual([2]);
    expect(readFileSync(configStoreFileFor(stateFile), "utf8")).toContain(chain[1]!.envelope);
  });

  it("another path is 404", async () => {
    expect((await fetch(`${base}/node/4`)).status).toBe(404);
  });
});

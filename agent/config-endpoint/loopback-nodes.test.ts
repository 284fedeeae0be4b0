import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../lib/server/platform/logger";
import { MAX_PUSH_BODY_BYTES } from "./config-endpoint-server";
import { type LoopbackNodes, type NodeFault, startLoopbackNodes } from "./loopback-nodes";
import {
  bundleBody,
  buildVersionChain,
  createTestPlatform,
  createWebhookSecret,
  signPush,
} from "../testing/push-test-kit";
import { type ConfigVersionResponse } from "../../lib/schemas/node-protocol";

const T0 = new Date("2026-11-25T12:00:00Z");
const platform = createTestPlatform("net_loop");
/** Versions 1–3 in force at T0, 4 at T0 + 1 h. */
const chain = buildVersionChain(platform, 4, (version) =>
  version <= 3 ? new Date(T0.getTime() - (4 - version) * 60_000) : new Date(T0.getTime() + 3_600_000),
);
const identities = ["node_a", "node_b", "node_c"].map((nodeId) => ({
  nodeId,
  webhookSecret: createWebhookSecret(),
}));
const secretOf = (nodeId: string) => identities.find((identity) => identity.nodeId === nodeId)!.webhookSecret;

let clock = T0;
let nodes: LoopbackNodes | null = null;
const logLines: string[] = [];
afterEach(async () => {
  await nodes?.close();
  nodes = null;
  clock = T0;
  logLines.length = 0;
});

async function start(
  options: { stateDirectory?: string; hosts?: string[]; faults?: Record<string, NodeFault> } = {},
) {
  nodes = await startLoopbackNodes({
    trust: platform.trust,
    nodes: identities,
    now: () => clock,
    log: createLogger({ write: (_level, line) => logLines.push(line) }),
    activationCheckMs: 20,
    ...options,
  });
  return nodes;
}

function push(
  loopback: LoopbackNodes,
  nodeId: string,
  bundle: ConfigVersionResponse[],
  body = bundleBody("net_loop", bundle),
) {
  return fetch(loopback.urlFor(nodeId), {
    method: "POST",
    body,
    headers: signPush({ nodeId, body, webhookSecret: secretOf(nodeId), platform }),
    redirect: "manual",
  });
}

const applied = () => logLines.map((line) => JSON.parse(line) as { msg: string; nodeId: string });

describe("startLoopbackNodes", () => {
  it("serves each node on its own path: nothing held at first", async () => {
    const loopback = await start();
    expect(loopback.urlFor("node_b")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/nodes\/node_b$/);
    const response = await fetch(loopback.urlFor("node_b"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ activeVersion: 0, stagedVersion: 0, sha256: null });
    expect(loopback.held("node_b")).toEqual({ activeVersion: 0, stagedVersion: 0, sha256: null });
    const unknown = await fetch(loopback.urlFor("node_b").replace("node_b", "node_z"));
    expect(unknown.status).toBe(404);
    expect((await fetch(loopback.urlFor("node_b"), { method: "PUT" })).status).toBe(405);
  });

  it("ACKs a signed bundle, applies the due version once and stages the later one", async () => {
    const loopback = await start();
    const response = await push(loopback, "node_a", chain);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ACK",
      activeVersion: 3,
      stagedVersion: 4,
      sha256: chain[3]!.sha256,
    });
    expect(loopback.appliedLog("node_a")).toEqual([3]);
    expect(loopback.appliedLog("node_b")).toEqual([]);
    expect(applied()).toEqual([
      expect.objectContaining({ msg: "applied config version 3", nodeId: "node_a" }),
    ]);

    clock = new Date(T0.getTime() + 3_600_000);
    await expect.poll(() => loopback.appliedLog("node_a"), { timeout: 2000 }).toEqual([3, 4]);
    expect(await (await fetch(loopback.urlFor("node_a"))).json()).toEqual({
      activeVersion: 4,
      stagedVersion: 4,
      sha256: chain[3]!.sha256,
    });
    expect(applied().map((entry) => entry.msg)).toEqual([
      "applied config version 3",
      "applied config version 4",
    ]);
  });

  it("answers STALE to a replay, GAP to a missing predecessor and NACK to a bad envelope", async () => {
    const loopback = await start();
    await push(loopback, "node_a", chain.slice(0, 2));
    const replay = await push(loopback, "node_a", chain.slice(0, 1));
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ status: "STALE", currentVersion: 2 });

    const gap = await push(loopback, "node_a", chain.slice(3));
    expect(gap.status).toBe(409);
    expect(await gap.json()).toEqual({ status: "GAP", currentVersion: 2 });

    const wrong = await push(loopback, "node_a", [{ ...chain[2]!, keyId: "pk_other" }]);
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toEqual({
      status: "NACK",
      currentVersion: 2,
      error: { code: "BAD_SIGNATURE", message: expect.stringContaining("does not trust") },
    });
    expect(loopback.held("node_a").stagedVersion).toBe(2);
  });

  it("refuses a push with a bad transport signature (401) or a body over 64 KiB (413)", async () => {
    const loopback = await start();
    const body = bundleBody("net_loop", chain);
    const headers = signPush({ nodeId: "node_a", body, webhookSecret: secretOf("node_b"), platform });
    const unsigned = await fetch(loopback.urlFor("node_a"), { method: "POST", body, headers });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({
      error: { code: "UNAUTHENTICATED", message: expect.stringContaining("v1 (HMAC)") },
    });

    const big = JSON.stringify({ padding: "x".repeat(MAX_PUSH_BODY_BYTES) });
    const tooLarge = await fetch(loopback.urlFor("node_a"), {
      method: "POST",
      body: big,
      headers: signPush({
        nodeId: "node_a",
        body: big,
        webhookSecret: secretOf("node_a"),
        platform,
        id: "cfg_x",
      }),
    });
    expect(tooLarge.status).toBe(413);
    expect(loopback.held("node_a").stagedVersion).toBe(0);
  });

  it("keeps held configs in the state directory across a restart without applying again", async () => {
    const stateDirectory = mkdtempSync(path.join(tmpdir(), "loopback-nodes-"));
    const first = await start({ stateDirectory });
    await push(first, "node_c", chain);
    await first.close();
    nodes = null;

    const again = await start({ stateDirectory });
    expect(again.held("node_c")).toEqual({ activeVersion: 3, stagedVersion: 4, sha256: chain[3]!.sha256 });
    expect(again.appliedLog("node_c")).toEqual([3]);
    expect(applied()).toHaveLength(1);
  });

  it("activates a version staged before a restart on time, without being asked", async () => {
    const stateDirectory = mkdtempSync(path.join(tmpdir(), "loopback-nodes-"));
    const first = await start({ stateDirectory });
    await push(first, "node_c", chain);
    await first.close();
    nodes = null;

    clock = new Date(T0.getTime() + 3_600_000);
    logLines.length = 0;
    await start({ stateDirectory });
    await expect
      .poll(() => applied().map((entry) => entry.msg), { timeout: 2000 })
      .toEqual(["applied config version 4"]);
  });

  it("spreads nodes over several hosts", async () => {
    const loopback = await start({ hosts: ["127.0.0.1", "127.0.0.2"] });
    const hosts = identities.map(({ nodeId }) => new URL(loopback.urlFor(nodeId)).hostname);
    expect(hosts).toEqual(["127.0.0.1", "127.0.0.2", "127.0.0.1"]);
    expect((await push(loopback, "node_b", chain)).status).toBe(200);
  });
});

describe("fault injection", () => {
  it("down: resets the connection until the given time, then answers", async () => {
    const loopback = await start({ faults: { node_a: { kind: "down", untilMs: T0.getTime() + 60_000 } } });
    await expect(fetch(loopback.urlFor("node_a"))).rejects.toThrow();
    expect((await fetch(loopback.urlFor("node_b"))).status).toBe(200);
    clock = new Date(T0.getTime() + 60_000);
    expect((await fetch(loopback.urlFor("node_a"))).status).toBe(200);
  });

  it("slow: answers after the delay", async () => {
    const loopback = await start();
    loopback.setFault("node_a", { kind: "slow", delayMs: 300 });
    const started = performance.now();
    expect((await push(loopback, "node_a", chain)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("status: answers that status with Retry-After, for the given number of requests", async () => {
    const loopback = await start();
    loopback.setFault("node_a", { kind: "status", status: 503, retryAfterSeconds: 120, times: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await push(loopback, "node_a", chain);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("120");
    }
    expect((await push(loopback, "node_a", chain)).status).toBe(200);
    loopback.setFault("node_b", { kind: "status", status: 500 });
    expect((await push(loopback, "node_b", chain)).status).toBe(500);
    expect((await push(loopback, "node_b", chain)).status).toBe(500);
  });

  it("nack: refuses every bundle with 422 and keeps its version", async () => {
    const loopback = await start();
    loopback.setFault("node_a", { kind: "nack", code: "BAD_BUNDLE" });
    const response = await push(loopback, "node_a", chain);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      status: "NACK",
      currentVersion: 0,
      error: { code: "BAD_BUNDLE", message: expect.any(String) },
    });
    expect(loopback.held("node_a").stagedVersion).toBe(0);
  });

  it("wrong-hash: ACK and GET report a sha256 that is not the config's", async () => {
    const loopback = await start({ faults: { node_a: { kind: "wrong-hash" } } });
    const ack = (await (await push(loopback, "node_a", chain)).json()) as {
      sha256: string;
      stagedVersion: number;
    };
    expect(ack.stagedVersion).toBe(4);
    expect(ack.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ack.sha256).not.toBe(chain[3]!.sha256);
    expect(((await (await fetch(loopback.urlFor("node_a"))).json()) as { sha256: string }).sha256).toBe(
      ack.sha256,
    );
  });

  it("claim-version: GET reports the claimed version; a bundle up to it is STALE", async () => {
    const loopback = await start({ faults: { node_a: { kind: "claim-version", version: 99 } } });
    expect(await (await fetch(loopback.urlFor("node_a"))).json()).toEqual({
      activeVersion: 99,
      stagedVersion: 99,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const response = await push(loopback, "node_a", chain);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ status: "STALE", currentVersion: 99 });
  });

  it("huge-reply: streams a reply of that many bytes", async () => {
    const loopback = await start({ faults: { node_a: { kind: "huge-reply", bytes: 200_000 } } });
    const response = await push(loopback, "node_a", chain);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(200_000);
  });

  it("redirect: 307 to another URL, never followed by the node", async () => {
    const loopback = await start({
      faults: { node_a: { kind: "redirect", location: "http://127.0.0.1:9/elsewhere" } },
    });
    const response = await push(loopback, "node_a", chain);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://127.0.0.1:9/elsewhere");
  });

  it("gone: 410, and clearing the fault restores the node", async () => {
    const loopback = await start({ faults: { node_a: { kind: "gone" } } });
    expect((await push(loopback, "node_a", chain)).status).toBe(410);
    loopback.setFault("node_a", null);
    expect((await push(loopback, "node_a", chain)).status).toBe(200);
  });
});

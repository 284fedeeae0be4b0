import { createHash, createPublicKey, verify } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../lib/server/platform/logger";
import { bundleBody, buildVersionChain, createTestPlatform, signPush } from "../testing/push-test-kit";
import { runFleet, type FleetOptions } from "./run-fleet";

const platformKey = createTestPlatform("net_test");
const WEBHOOK_SECRET = "whsec_c2VjcmV0";

/** A platform in memory that checks enrolment signatures and signed telemetry as the protocol says. */
function fakePlatform({ onTelemetry }: { onTelemetry: (count: number) => void }) {
  const challenges = new Map<string, string>();
  const nodes = new Map<string, { publicKey: string; endpointUrl: string; name: string }>();
  const telemetry: { nodeId: string; body: Record<string, unknown> }[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const keyOf = (x: string) => createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = typeof init?.body === "string" ? init.body : "";
    if (url.pathname === "/api/v1/network")
      return json(200, {
        networkId: "net_test",
        name: "T",
        platformPublicKey: platformKey.key.publicKey,
        keyId: platformKey.key.keyId,
        latestVersion: 1,
      });
    if (url.pathname === "/api/v1/nodes/challenge") {
      const { publicKey } = JSON.parse(body) as { publicKey: string };
      const challengeId = `ch${challenges.size}`;
      const message = `plenum-node-enrol-v1\nnet_test\n${challengeId}\n${publicKey}\n2030-01-01T00:00:00.000Z`;
      challenges.set(challengeId, message);
      return json(200, { challengeId, message, expiresAt: "2030-01-01T00:00:00.000Z" });
    }
    if (url.pathname === "/api/v1/nodes/register") {
      const request = JSON.parse(body) as Record<string, string>;
      const message = challenges.get(request.challengeId!)!;
      if (
        !verify(
          null,
          Buffer.from(message),
          keyOf(request.publicKey!),
          Buffer.from(request.signature!, "base64url"),
        )
      ) {
        return json(401, { error: { code: "UNAUTHENTICATED", message: "bad signature" } });
      }
      if ([...nodes.values()].some((node) => node.publicKey === request.publicKey)) {
        return json(409, { error: { code: "CONFLICT", message: "key registered" } });
      }
      const nodeId = `node${nodes.size}`;
      nodes.set(nodeId, {
        publicKey: request.publicKey!,
        endpointUrl: request.endpointUrl!,
        name: request.name!,
      });
      return json(201, {
        nodeId,
        webhookSecret: WEBHOOK_SECRET,
        platformPublicKey: platformKey.key.publicKey,
        keyId: platformKey.key.keyId,
        networkId: "net_test",
      });
    }
    const match = /^\/api\/v1\/nodes\/([^/]+)\/telemetry$/.exec(url.pathname);
    if (match) {
      const headers = new Headers(init?.headers);
      const node = nodes.get(headers.get("plenum-node-id")!)!;
      const signed = [
        "plenum-node-req-v1",
        "POST",
        url.pathname,
        headers.get("plenum-timestamp"),
        createHash("sha256").update(body).digest("hex"),
      ].join("\n");
      if (
        !verify(
          null,
          Buffer.from(signed),
          keyOf(node.publicKey),
          Buffer.from(headers.get("plenum-signature")!, "base64url"),
        )
      ) {
        return json(401, { error: { code: "UNAUTHENTICATED", message: "bad signature" } });
      }
      telemetry.push({ nodeId: match[1]!, body: JSON.parse(body) as Record<string, unknown> });
      onTelemetry(telemetry.length);
      return json(202, { nextReportInSeconds: 60 });
    }
    return json(404, { error: { code: "NOT_FOUND", message: url.pathname } });
  }) as typeof fetch;
  return { fetchImpl, nodes, telemetry };
}

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), "plenum-fleet-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function runUntilEveryNodeReported(
  platform: ReturnType<typeof fakePlatform>,
  controller: AbortController,
  extra: Partial<FleetOptions> = {},
) {
  const minted: Map<string, number>[] = [];
  await runFleet({
    server: "http://platform.test",
    nodes: 10,
    directory,
    seed: 5,
    concurrency: 3,
    firstReportSpreadMs: 0,
    log: createLogger({ write: () => {} }),
    signal: controller.signal,
    fetchImpl: platform.fetchImpl,
    planOperators: async () => ({
      ordinaryEmails: ["a@x.example", "b@x.example", "c@x.example", "d@x.example"],
      preferredEmails: ["me@x.example"],
      largeOperatorEmail: "large@x.example",
    }),
    mintTokens: async (uses) => {
      minted.push(uses);
      return new Map([...uses.keys()].map((email) => [email, `plnm_enr_${email}`]));
    },
    ...extra,
  });
  return minted;
}

describe("runFleet", () => {
  it("enrols every node with its own key and endpoint, reports signed telemetry, and reuses them on restart", async () => {
    let stop = new AbortController();
    const platform = fakePlatform({ onTelemetry: (count) => count === 10 && stop.abort() });
    const minted = await runUntilEveryNodeReported(platform, stop);

    expect(platform.nodes.size).toBe(10);
    const endpoints = [...platform.nodes.values()].map((node) => node.endpointUrl);
    expect(new Set(endpoints).size).toBe(10);
    for (const endpoint of endpoints) expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/node\/\d$/);
    expect(new Set([...platform.nodes.values()].map((node) => node.publicKey)).size).toBe(10);
    expect(minted).toHaveLength(1);
    expect(minted[0]!.get("large@x.example")).toBe(3);
    expect(minted[0]!.get("me@x.example")).toBeGreaterThanOrEqual(1);
    expect([...minted[0]!.values()].reduce((sum, uses) => sum + uses, 0)).toBe(10);
    expect(new Set(platform.telemetry.map((report) => report.nodeId)).size).toBe(10);

    const files = readdirSync(path.join(directory, "net_test"));
    expect(files.filter((file) => file.endsWith(".key"))).toHaveLength(10);
    for (const file of files.filter((name) => name.startsWith("node-"))) {
      expect(statSync(path.join(directory, "net_test", file)).mode & 0o777).toBe(0o600);
    }

    stop = new AbortController();
    const reportsBefore = platform.telemetry.length;
    const restartMinted = await runUntilEveryNodeReported(platform, stop, {
      fetchImpl: (async (input: string | URL | Request, init?: RequestInit) => {
        const response = await platform.fetchImpl(input, init);
        if (platform.telemetry.length === reportsBefore + 10) stop.abort();
        return response;
      }) as typeof fetch,
    });
    expect(restartMinted).toEqual([]);
    expect(platform.nodes.size).toBe(10);
    expect(platform.telemetry.length).toBe(reportsBefore + 10);
  });
});

describe("runFleet's config endpoints", () => {
  it("receive pushes, keep what they hold across a restart, report it in telemetry and show faults", async () => {
    const chain = buildVersionChain(platformKey, 2, () => new Date(Date.now() - 60_000));
    const answers: Record<string, number> = {};
    let stop = new AbortController();
    const platform = fakePlatform({
      onTelemetry: (count) => {
        if (count !== 10) return;
        void (async () => {
          const urls = new Map([...platform.nodes].map(([nodeId, node]) => [node.name, { nodeId, ...node }]));
          const byPath = (n: number) =>
            [...urls.values()].find((node) => node.endpointUrl.endsWith(`/node/${n}`))!;
          const body = bundleBody("net_test", chain);
          const node0 = byPath(0);
          const pushed = await fetch(node0.endpointUrl, {
            method: "POST",
            body,
            headers: signPush({
              nodeId: node0.nodeId,
              body,
              webhookSecret: WEBHOOK_SECRET,
              platform: platformKey,
            }),
          });
          answers.push = pushed.status;
          answers.gone = (await fetch(byPath(1).endpointUrl)).status;
          answers.overloaded = (await fetch(byPath(2).endpointUrl)).status;
          stop.abort();
        })();
      },
    });
    await runUntilEveryNodeReported(platform, stop, {
      faults: [
        { selector: "node-1", fault: { kind: "gone" } },
        { selector: "node-2", fault: { kind: "status", status: 503 } },
      ],
    });
    expect(answers).toEqual({ push: 200, gone: 410, overloaded: 503 });

    stop = new AbortController();
    const reportsBefore = platform.telemetry.length;
    await runUntilEveryNodeReported(platform, stop, {
      fetchImpl: (async (input: string | URL | Request, init?: RequestInit) => {
        const response = await platform.fetchImpl(input, init);
        if (platform.telemetry.length === reportsBefore + 10) stop.abort();
        return response;
      }) as typeof fetch,
    });
    const node0 = [...platform.nodes].find(([, node]) => node.endpointUrl.endsWith("/node/0"))![0];
    const reports = platform.telemetry.slice(reportsBefore);
    expect(reports.find((report) => report.nodeId === node0)!.body).toMatchObject({
      activeConfigVersion: 2,
      stagedConfigVersion: 2,
    });
    expect(reports.filter((report) => report.body.activeConfigVersion === null)).toHaveLength(9);
  });

  it("refuses a fault for a node the fleet does not have", async () => {
    const stop = new AbortController();
    const platform = fakePlatform({ onTelemetry: () => stop.abort() });
    await expect(
      runUntilEveryNodeReported(platform, stop, {
        faults: [{ selector: "node-99", fault: { kind: "gone" } }],
      }),
    ).rejects.toThrow("--fault node-99: no fleet node is called that; use node-<n> (0 to 9)");
  });
});

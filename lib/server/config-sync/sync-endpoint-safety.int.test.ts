import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vetEndpointUrl } from "@/lib/server/platform/endpoint-url";
import { MAX_REPLY_BYTES, requestNode } from "@/lib/server/config-sync/push-client";
import { startSyncBench } from "../testing/sync-test-kit";

/** The most one read may add beyond the cap: a socket delivers at most 64 KiB at a time. */
const ONE_CHUNK = 64 * 1024;

let tcpServer: TcpServer;
let connections = 0;
let port = 0;
beforeAll(async () => {
  tcpServer = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => tcpServer.listen(0, "127.0.0.1", resolve));
  port = (tcpServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => tcpServer.close(resolve));
});

describe("endpoint safety at connect time", () => {
  it("refuses loopback, private, link-local, CGNAT and IPv4-mapped addresses without connecting", async () => {
    const unsafe = [
      [`https://127.0.0.1:${port}/node`, "a loopback address"],
      [`https://localhost:${port}/node`, "a loopback address"],
      [`https://[::ffff:127.0.0.1]:${port}/node`, "an IPv4-mapped loopback address"],
      [`https://10.20.30.40:${port}/node`, "a private address"],
      [`https://192.168.1.20:${port}/node`, "a private address"],
      [`https://169.254.169.254:${port}/latest`, "a link-local address"],
      [`https://100.64.0.1:${port}/node`, "a carrier-grade NAT address"],
      [`http://127.0.0.1:${port}/node`, "must use https"],
    ] as const;
    const bench = await startSyncBench({ nodeCount: unsafe.length });
    try {
      for (const [index, [url]] of unsafe.entries()) {
        await bench.database.db.node.update({
          where: { id: bench.nodeIds[index] },
          data: { endpointUrl: url },
        });
      }
      const result = await bench.pass({ allowPrivateEndpoints: false });
      expect(result).toMatchObject({
        claimed: unsafe.length,
        pushed: unsafe.length,
        acknowledged: 0,
        failed: unsafe.length,
      });
      for (const [index, [url, reason]] of unsafe.entries()) {
        const nodeId = bench.nodeIds[index]!;
        const [attempt] = await bench.attempts(nodeId);
        expect(attempt, url).toMatchObject({
          outcome: "refused",
          httpStatus: null,
          durationMs: 0,
          replyExcerpt: null,
        });
        expect(attempt!.error, url).toContain(reason);
        expect((await bench.sync(nodeId)).status, url).toBe("Degraded");
      }
      expect(connections).toBe(0);
    } finally {
      await bench.close();
    }
  });

  it("never follows a redirect: a 307 is a transient failure and its target sees no request", async () => {
    let targetRequests = 0;
    const target: HttpServer = createHttpServer((request, response) => {
      targetRequests += 1;
      response.end("{}");
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/elsewhere`;
    const bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "redirect", location: targetUrl } }),
    });
    try {
      const nodeId = bench.nodeIds[0]!;
      expect(await bench.pass()).toMatchObject({ pushed: 1, failed: 1, acknowledged: 0 });
      const [attempt] = await bench.attempts(nodeId);
      expect(attempt).toMatchObject({ outcome: "transient", httpStatus: 307 });
      expect(attempt!.error).toContain("redirects are never followed");
      expect(await bench.sync(nodeId)).toMatchObject({ status: "Pending", failureCount: 1 });
      expect(targetRequests).toBe(0);
    } finally {
      await bench.close();
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it("cuts a 100 MB reply at 20 KiB without holding it in memory", async () => {
    const bench = await startSyncBench({
      nodeCount: 1,
      faults: ([nodeId]) => ({ [nodeId!]: { kind: "huge-reply", bytes: 100_000_000 } }),
    });
    try {
      const nodeId = bench.nodeIds[0]!;
      const url = bench.nodes.urlFor(nodeId);
      const vetted = await vetEndpointUrl(url, { allowPrivate: true });
      const rssBefore = process.memoryUsage().rss;
      const exchange = await requestNode({ url: vetted.url, address: vetted.addresses[0]!, method: "GET" });
      const rssGrowth = process.memoryUsage().rss - rssBefore;
      expect(exchange.reply).toMatchObject({ httpStatus: 200, isTruncated: true });
      expect(exchange.bytesRead).toBeGreaterThan(MAX_REPLY_BYTES);
      expect(exchange.bytesRead).toBeLessThanOrEqual(MAX_REPLY_BYTES + ONE_CHUNK);
      expect(rssGrowth).toBeLessThan(50 * 1024 * 1024);
      expect(exchange.durationMs).toBeLessThan(5_000);

      expect(await bench.pass()).toMatchObject({ pushed: 1, failed: 1 });
      const [attempt] = await bench.attempts(nodeId);
      expect(attempt).toMatchObject({ outcome: "bad-reply", httpStatus: 200 });
      expect(attempt!.replyExcerpt!.length).toBe(2 * 1024);
      expect(attempt!.error).toContain("a reply longer than 20 KiB");
    } finally {
      await bench.close();
    }
  });
});

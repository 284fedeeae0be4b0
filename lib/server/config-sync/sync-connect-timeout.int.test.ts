import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { CONNECT_TIMEOUT_MS } from "@/lib/server/config-sync/push-client";
import { startSyncBench, type SyncBench } from "../testing/sync-test-kit";

/**
 * A listener whose process never runs its event loop, so it never accepts: once its one-slot accept
 * queue is full, the kernel drops further SYNs and a connect hangs without an answer (no root needed).
 */
const NEVER_ACCEPTS = `
const fs = require("node:fs");
const server = require("node:net").createServer();
server.listen({ host: "127.0.0.1", port: 0, backlog: 1 }, () => {
  fs.writeSync(1, server.address().port + "\\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});`;

interface Blackhole {
  port: number;
  close(): void;
}

async function startBlackhole(): Promise<Blackhole> {
  const child: ChildProcess = spawn(process.execPath, ["-e", NEVER_ACCEPTS], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  const fillers = Array.from({ length: 4 }, () => net.connect(port, "127.0.0.1").on("error", () => {}));
  const close = () => {
    for (const socket of fillers) socket.destroy();
    child.kill("SIGKILL");
  };
  // The accept queue holds two connections; the other fillers already hang in the handshake.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const hanging = fillers.filter((socket) => socket.connecting).length;
  if (hanging === 0) {
    close();
    throw new Error(
      "the never-accepting listener accepted every connection; the test cannot simulate a hang",
    );
  }
  return { port, close };
}

let bench: SyncBench | undefined;
let blackhole: Blackhole | undefined;
afterEach(async () => {
  blackhole?.close();
  blackhole = undefined;
  await bench?.close();
  bench = undefined;
});

describe("a node whose TCP handshake never completes", () => {
  it(
    "is given up at the 5 s connect timeout and recorded as a timeout attempt",
    { timeout: 30_000 },
    async () => {
      blackhole = await startBlackhole();
      bench = await startSyncBench({ nodeCount: 1 });
      const nodeId = bench.nodeIds[0]!;
      await bench.database.db.node.update({
        where: { id: nodeId },
        data: { endpointUrl: `http://127.0.0.1:${blackhole.port}/plenum` },
      });

      const started = performance.now();
      const result = await bench.pass();
      const passMs = performance.now() - started;

      expect(result).toMatchObject({ claimed: 1, pushed: 1, acknowledged: 0, failed: 1 });
      expect(passMs).toBeGreaterThanOrEqual(4_500);
      expect(passMs).toBeLessThan(7_000);
      const attempts = await bench.attempts(nodeId);
      expect(attempts).toHaveLength(1);
      const [attempt] = attempts;
      expect(attempt).toMatchObject({
        kind: "push",
        outcome: "timeout",
        httpStatus: null,
        replyExcerpt: null,
      });
      expect(attempt!.durationMs).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 500);
      expect(attempt!.durationMs).toBeLessThanOrEqual(7_000);
      expect(attempt!.error).toContain(`Could not connect to the node within ${CONNECT_TIMEOUT_MS / 1000} s`);
      const state = await bench.sync(nodeId);
      expect(state).toMatchObject({ failureCount: 1, leaseOwner: null, acknowledgedVersion: null });
      // A timeout waits at least 60 s before the next attempt.
      expect(state.nextAttemptAt.getTime() - attempt!.startedAt.getTime()).toBeGreaterThanOrEqual(60_000);
    },
  );
});

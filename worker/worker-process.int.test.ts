/**
 * The worker as a real process, started as `npm run worker` and `npm start` start it
 * (`node --import tsx`): the tsx binary relays a signal only if the child answers within 30 ms and
 * SIGKILLs it otherwise, so a busy worker would never shut down cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/testing/test-database";
import { JOBS } from "@/worker/jobs/registry";

const JOB_NAMES = JOBS.map((job) => job.name);

const ROOT = path.resolve(import.meta.dirname, "..");
const TIMEOUT_MS = 25_000;

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  waitFor: (text: string) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PLENUM_LOG_LEVEL: "debug", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const waiter of waiters.filter((candidate) => output.includes(candidate.text))) waiter.resolve();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      const fail = (reason: string) => {
        clearTimeout(timer);
        reject(new Error(`${reason} before "${text}" appeared; output so far:\n${output}`));
      };
      const timer = setTimeout(() => fail(`${TIMEOUT_MS} ms passed`), TIMEOUT_MS);
      waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
      void exited.then(() => setImmediate(() => fail("the worker exited")));
    });
  return { child, output: () => output, waitFor, exited };
}

function logLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let database: TestDatabase;
const running: WorkerProcess[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const worker of running) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await database.drop();
});

describe("worker process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "runs and stops cleanly on %s (the first run creates the platform, the next finds it)",
    async (signal) => {
      const worker = startWorker({ DATABASE_URL: database.target.url, PLENUM_WORKER_TICK_MS: "100" });
      running.push(worker);
      await worker.waitFor('"msg":"worker started"');
      await worker.waitFor('"msg":"job finished"');
      expect(await database.db.network.count()).toBe(1);
      expect(await database.db.configVersion.count()).toBe(1);

      worker.child.kill(signal);
      const exit = await worker.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const lines = logLines(worker.output());
      expect(lines.find((line) => line.msg === "worker started")).toMatchObject({
        jobs: JOB_NAMES,
      });
      expect(lines.find((line) => line.msg === "worker stopped")).toMatchObject({
        signal,
        jobs: JOB_NAMES,
      });
      expect(lines.some((line) => line.level === "error")).toBe(false);
    },
    TIMEOUT_MS + 5_000,
  );

  it(
    "exits 1 naming DATABASE_URL and the accepted forms when it is not a supported URL",
    async () => {
      const worker = startWorker({ DATABASE_URL: "mysql://x" });
      running.push(worker);
      const exit = await worker.exited;
      expect(exit.code).toBe(1);
      expect(worker.output()).toContain("DATABASE_URL");
      expect(worker.output()).toContain("file:<path>");
      expect(worker.output()).toContain("postgres://");
      expect(worker.output()).not.toContain("worker started");
    },
    TIMEOUT_MS,
  );

  it(
    "exits 1 with the key file's own fix, not a database hint, when the key file is readable by others",
    async () => {
      const folder = mkdtempSync(path.join(os.tmpdir(), "plenum-worker-key-"));
      const keyFile = path.join(folder, "platform-key.pem");
      writeFileSync(keyFile, "not yet a key\n");
      chmodSync(keyFile, 0o644);
      try {
        const worker = startWorker({ DATABASE_URL: database.target.url, PLENUM_PLATFORM_KEY_FILE: keyFile });
        running.push(worker);
        const exit = await worker.exited;
        expect(exit.code).toBe(1);
        expect(worker.output()).toContain(`chmod 600 ${keyFile}`);
        expect(worker.output()).not.toContain("check that DATABASE_URL");
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );
});

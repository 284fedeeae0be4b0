import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/server/platform/db";
import { loadEnv } from "@/lib/server/platform/env";
import { createLogger, type LogLevel } from "@/lib/server/platform/logger";
import { defineJob, type JobContext, type JobResult } from "@/worker/jobs/define-job";
import { retryDelayMs, startWorkerRuntime, type WorkerRuntime } from "@/worker/runtime";

const db = {} as Db;
const env = loadEnv({});
const TICK_MS = 2;

interface LogEntry {
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function setup() {
  let clock = Date.parse("2026-11-25T00:00:00.000Z");
  const logs: LogEntry[] = [];
  const logger = createLogger({
    level: "debug",
    write: (level, line) => logs.push({ ...(JSON.parse(line) as LogEntry), level }),
  });
  return {
    logs,
    logger,
    now: () => new Date(clock),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

/** Generous: the suite may share two cores with other test files. */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5_000, interval: 5 });

/** Lets the real tick timer fire a few times, so "nothing happened" is a real observation. */
const settle = () => new Promise((resolve) => setTimeout(resolve, TICK_MS * 15));

let runtime: WorkerRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe("startWorkerRuntime", () => {
  it("runs a job at start, then again each time its interval has passed on the clock", async () => {
    const { logger, now, advance, logs } = setup();
    const runs: Date[] = [];
    const job = defineJob({
      name: "count",
      intervalMs: 1000,
      async run(context: JobContext): Promise<JobResult> {
        runs.push(context.now());
        return { run: runs.length };
      },
    });
    runtime = startWorkerRuntime({ db, jobs: [job], now, logger, env, tickMs: TICK_MS });
    await eventually(() => expect(runs).toHaveLength(1));
    await settle();
    expect(runs).toHaveLength(1);
    advance(999);
    await settle();
    expect(runs).toHaveLength(1);
    advance(1);
    await eventually(() => expect(runs).toHaveLength(2));
    advance(1000);
    await eventually(() => expect(runs).toHaveLength(3));
    const finished = logs.filter((entry) => entry.msg === "job finished");
    expect(finished.at(-1)).toMatchObject({ level: "debug", job: "count", result: { run: 3 } });
    expect(typeof finished.at(-1)?.durationMs).toBe("number");
  });

  it("gives each job its own context: db, clock, a logger carrying the job name, and a live signal", async () => {
    const { logger, now, logs } = setup();
    let seen: JobContext | undefined;
    const job = defineJob({
      name: "inspect",
      intervalMs: 1000,
      async run(context) {
        seen = context;
        context.logger.info("hello from the job");
        return {};
      },
    });
    runtime = startWorkerRuntime({ db, jobs: [job], now, logger, env, tickMs: TICK_MS });
    await eventually(() => expect(seen).toBeDefined());
    expect(seen?.db).toBe(db);
    expect(seen?.env).toBe(env);
    expect(seen?.now().getTime()).toBe(now().getTime());
    expect(seen?.signal.aborted).toBe(false);
    expect(logs.find((entry) => entry.msg === "hello from the job")).toMatchObject({ job: "inspect" });
  });

  it("never overlaps two runs of the same job, however far the clock moves", async () => {
    const { logger, now, advance } = setup();
    const gate = deferred();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job = defineJob({
      name: "slow",
      intervalMs: 10,
      async run() {
        runs += 1;
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await gate.promise;
        running -= 1;
        return {};
      },
    });
    runtime = startWorkerRuntime({ db, jobs: [job], now, logger, env, tickMs: TICK_MS });
    await eventually(() => expect(runs).toBe(1));
    for (let i = 0; i < 5; i++) {
      advance(100);
      await settle();
    }
    expect(runs).toBe(1);
    gate.resolve();
    await eventually(() => expect(runs).toBe(2));
    expect(maxRunning).toBe(1);
  });

  it("logs a failing job, backs it off and keeps the other jobs running", async () => {
    const { logger, now, advance, logs } = setup();
    let failingRuns = 0;
    let healthyRuns = 0;
    const failing = defineJob({
      name: "failing",
      intervalMs: 100,
      async run() {
        failingRuns += 1;
        if (failingRuns === 1) throw new Error("database went away");
        return { recovered: true };
      },
    });
    const healthy = defineJob({
      name: "healthy",
      intervalMs: 100,
      async run() {
        healthyRuns += 1;
        return {};
      },
    });
    runtime = startWorkerRuntime({ db, jobs: [failing, healthy], now, logger, env, tickMs: TICK_MS });
    await eventually(() => expect(logs.some((entry) => entry.msg === "job failed")).toBe(true));
    expect(logs.find((entry) => entry.msg === "job failed")).toMatchObject({
      level: "error",
      job: "failing",
      error: { name: "Error", message: "database went away" },
      consecutiveFailures: 1,
      retryInMs: 200,
    });

    advance(100);
    await eventually(() => expect(healthyRuns).toBe(2));
    await settle();
    expect(failingRuns).toBe(1);

    advance(100);
    await eventually(() => expect(failingRuns).toBe(2));
    await eventually(() =>
      expect(logs.filter((entry) => entry.job === "failing").at(-1)).toMatchObject({
        msg: "job finished",
        result: { recovered: true },
      }),
    );
    expect(healthyRuns).toBeGreaterThanOrEqual(3);
  });

  it("stop() aborts the signal, waits for the run in flight, then schedules nothing more", async () => {
    const { logger, now, advance } = setup();
    const gate = deferred();
    let runs = 0;
    let signal: AbortSignal | undefined;
    const job = defineJob({
      name: "long",
      intervalMs: 10,
      async run(context) {
        runs += 1;
        signal = context.signal;
        await gate.promise;
        return {};
      },
    });
    runtime = startWorkerRuntime({ db, jobs: [job], now, logger, env, tickMs: TICK_MS });
    await eventually(() => expect(runs).toBe(1));
    let isStopped = false;
    const stopping = runtime.stop().then(() => {
      isStopped = true;
    });
    expect(signal?.aborted).toBe(true);
    await settle();
    expect(isStopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(isStopped).toBe(true);
    advance(1000);
    await settle();
    expect(runs).toBe(1);
  });

  it("stop() gives up on a run that outlives the timeout, and says so", async () => {
    const { logger, now, logs } = setup();
    const job = defineJob({
      name: "stuck",
      intervalMs: 10,
      run: () => new Promise<JobResult>(() => undefined),
    });
    runtime = startWorkerRuntime({ db, jobs: [job], now, logger, env, tickMs: TICK_MS, stopTimeoutMs: 30 });
    await settle();
    const began = performance.now();
    await runtime.stop();
    expect(performance.now() - began).toBeGreaterThanOrEqual(25);
    expect(logs.find((entry) => entry.msg.includes("abandoned"))).toMatchObject({
      level: "warn",
      jobs: ["stuck"],
    });
  });

  it("logs a run cut short by shutdown as interrupted, not failed", async () => {
    const { logger, now, logs } = setup();
    const job = defineJob({
      name: "cancellable",
      intervalMs: 10,
      run: ({ signal }) =>
        new Promise<JobResult>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    });
    runtime = startWorkerRuntime({ db, jobs: [job], now, logger, env, tickMs: TICK_MS });
    await settle();
    await runtime.stop();
    expect(logs.find((entry) => entry.job === "cancellable")).toMatchObject({
      level: "warn",
      msg: "job interrupted by shutdown",
    });
    expect(logs.some((entry) => entry.msg === "job failed")).toBe(false);
  });

  it("refuses two jobs with the same name", () => {
    const { logger, now } = setup();
    const job = defineJob({ name: "twice", intervalMs: 10, run: async () => ({}) });
    expect(() => startWorkerRuntime({ db, jobs: [job, job], now, env, logger })).toThrow(/"twice"/);
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1000, 1, 60_000, 2000],
    [1000, 2, 60_000, 4000],
    [1000, 10, 60_000, 60_000],
    [120_000, 1, 60_000, 120_000],
  ])("interval %i ms after %i failures (cap %i ms) waits %i ms", (interval, failures, cap, expected) => {
    expect(retryDelayMs(interval, failures, cap)).toBe(expected);
  });
});

describe("defineJob", () => {
  it.each([
    ["Not Kebab", 1000],
    ["", 1000],
    ["ok-name", 0],
    ["ok-name", 1.5],
  ])("rejects name %j with interval %s", (name, intervalMs) => {
    expect(() => defineJob({ name, intervalMs, run: async () => ({}) })).toThrow();
  });
});
